"""A meeting or a call named by what it is for is a topic ("team meetings", "the board meeting"); alone, or named
by its day, it is filler ("I had a call", "the Monday meeting")."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def themes_of(*client: str) -> list[str]:
    lines = []
    for i, text in enumerate(client):
        lines += [("Coach", "What do you want to focus on today?" if i == 0 else "Say more about that."),
                  ("Client", text)]
    return analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines])).key_themes


def test_a_meeting_named_by_what_it_is_for_is_a_theme():
    themes = themes_of("My team meetings. They're a mess and nobody speaks.",
                       "In the team meetings Owen speaks for everyone and the quiet ones give up.",
                       "I dread the team meetings every week now.")
    assert "team meeting" in themes


def test_a_meeting_alone_or_named_by_its_day_is_no_theme():
    themes = themes_of("I had a call with my manager about the restructure.",
                       "Then the Monday meeting went on for two hours and the restructure came up again.",
                       "After the meeting I felt the restructure is happening to me, not with me.")
    assert not {"call", "meeting", "monday meeting"} & set(themes)

"""Advice is told by what the coach presses on the client, in any wording ("I'd also suggest you read that book"),
and praise worded with "should" ("You should be really proud of that.") is no advice."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def advice_quoted(coach_line: str) -> list[str]:
    lines = [("Coach", "What do you want to focus on today?"),
             ("Client", "My team meetings. Nobody speaks except Owen, and I never send an agenda."),
             ("Coach", coach_line),
             ("Client", "Maybe. I'll think about what would work for this team."),
             ("Coach", "What will you do before Friday?"),
             ("Client", "I'll ask Priya to plan the agenda with me on Thursday.")]
    result = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))
    return [q for m in result.coach_feedback.missed_opportunities if m.pcc_marker.startswith("7.5") for q in m.evidence]


def test_a_suggestion_with_an_adverb_is_advice():
    assert advice_quoted("I'd also suggest you read that book on meetings I mentioned.") == [
        "I'd also suggest you read that book on meetings I mentioned."]


def test_praise_worded_with_should_is_no_advice():
    assert advice_quoted("You should be really proud of how far the team has come.") == []

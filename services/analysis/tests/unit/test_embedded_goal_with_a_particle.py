"""A goal whose verb carries a particle keeps the verb: "how to get a day back", "get their evenings back", never
"day back" (the particle makes the verb part of what the client wants)."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def analysed(goal: str):
    lines = [("Coach", "What would you like to get from today?"), ("Client", goal),
             ("Coach", "What's in the way?"),
             ("Client", "The grandchildren three days a week, the bowls club accounts, the church flowers. "
                        "Everyone thinks I've got time now."),
             ("Coach", "What will you do?"), ("Client", "Sunday lunch, I tell my daughter Wednesdays are mine.")]
    return analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))


def test_a_goal_said_with_a_particle_keeps_its_verb():
    result = analysed("I want to work out how to get a day back.")
    assert result.goal_progress[0].goal_area == "how to get a day back"
    assert "came to work on how to get a day back" in result.session_summary
    result = analysed("I want to get my evenings back.")
    assert result.goal_progress[0].goal_area == "get their evenings back"
    assert "came wanting to get their evenings back" in result.session_summary

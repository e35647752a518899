"""The plan from last time, done ("I did the thing I said I'd do. I told the head I won't run the Year 9 trip
again."), is the win, told by the deed; not the fear the client had built up before it."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn

CHECK_IN = [
    ("Coach", "Good to see you, Amara. How's the week been?"),
    ("Client", "Busy. But I did the thing I said I'd do. I told the head I won't run the Year 9 trip again."),
    ("Coach", "How did that go?"),
    ("Client", "Better than I feared. She just nodded and said she'd ask Tom. I'd built it up into this huge "
               "confrontation in my head."),
    ("Coach", "What would you like to work on today?"),
    ("Client", "My marking. I take forty books home every weekend and I hate it."),
    ("Coach", "What will you do?"),
    ("Client", "I'll try whole-class feedback with my Year 10s by the end of next week."),
]


def test_a_plan_kept_is_the_win_told_by_its_deed():
    turns = [Turn(speaker=w, role=w.lower(), text=t) for w, t in CHECK_IN]
    win = analyze_transcript(Transcript(turns=turns)).celebration
    assert win is not None
    assert win.description == "I told the head I won't run the Year 9 trip again."
    assert "I did the thing I said I'd do." in win.evidence

"""How a thing is done, step after step, to anyone ("You read the books, note the common mistakes, and go over
them in the lesson.") is a method described, no belief."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn

MARKING = [
    ("Coach", "What would you like to work on today?"),
    ("Client", "My marking. I'm drowning in it. I take forty books home every weekend and I hate it."),
    ("Coach", "What would useful feedback look like, if it didn't take your weekends?"),
    ("Client", "Whole-class feedback, maybe. Some of the department do it. You read the books, note the common "
               "mistakes, and go over them in the lesson. It's faster and they actually listen."),
    ("Coach", "What's stopped you trying it?"),
    ("Client", "I suppose I thought it was cutting corners. Like I wasn't doing my job properly if my pen wasn't "
               "on every page."),
    ("Coach", "What will you do?"),
    ("Client", "I'll try whole-class feedback with my Year 10s by the end of next week."),
]


def test_a_method_described_step_by_step_is_no_belief():
    result = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in MARKING]))
    quoted = {q for v in result.values_beliefs for q in v.evidence}
    assert "You read the books, note the common mistakes, and go over them in the lesson." not in quoted

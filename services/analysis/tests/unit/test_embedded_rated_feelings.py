"""How the client rates how they are, said as the whole answer ("Honestly, rubbish.") or after "feel" ("I feel
rubbish"), is their state; the same word about a thing ("I took the rubbish out") is not."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def shift_after(opening: str):
    lines = [("Coach", "How are you doing today, Dev?"), ("Client", opening),
             ("Coach", "What would you like from our time?"), ("Client", "To work out whether running is even for me."),
             ("Coach", "What would you start, if it was just for you?"),
             ("Client", "Swimming. I loved swimming as a kid, and nobody watches you swim."),
             ("Coach", "How are you feeling now?"), ("Client", "I feel a bit lighter, to be honest.")]
    shifts = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))
    return shifts.emotional_shifts[0]


def test_a_verbless_rating_is_where_the_client_came_in():
    shift = shift_after("Honestly, rubbish. The knee went again on Tuesday.")
    assert (shift.initial_state, shift.direction) == ("Distressed", "improved")
    assert shift.evidence[0] == "Honestly, rubbish."


def test_the_word_about_a_thing_is_no_state():
    shift = shift_after("I took the rubbish out before we started. The knee went again on Tuesday.")
    assert "I took the rubbish out before we started." not in shift.evidence

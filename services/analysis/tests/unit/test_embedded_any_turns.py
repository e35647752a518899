"""Hypothesis on the embedded analyzer: any turns at all (empty or wordless ones, a whole session pasted as one
turn, odd Unicode, one speaker only, no roles) give an analysis whose every quote is the transcript's own words,
or the analyzer's own refusal of a transcript that is not English; never another exception. (An empty answer
to a coach's question once crashed the powerful-question step.) Timings are bench/analysis_speed.py's."""

from __future__ import annotations

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript
from analysis.domain.errors import TranscriptUnreadable
from contracts.transcript import Transcript, Turn
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

SAID = [
    "What would you like to get out of today?", "I want to decide whether to take the night job.",
    "I'm going to ask Gary on Thursday what it would take.", "Being there at breakfast matters to me.",
    "I'm rubbish at asking for things for myself.", "I didn't realise that until just now.", "Yes.", "Mm.",
    "He said \"I'll sort it by Friday\" and he didn't.", "I can't believe he fell asleep!", "So what's next?",
    "i will call her tomorrow", "I WILL CALL HER TOMORROW.", "Tomorrow.", "By Friday the form's in.",
    "It's not really about the --", "(laughs)", "[inaudible]", "Ünïcödé café — naïve façade…",
    "😀 I'm proud of it",
]
ODD = ["", " ", "...", "--", "?", "\u200b", "\ufeff", "\u2026", "\"", "'", "\t\n"]
text = st.lists(st.sampled_from(SAID + ODD), max_size=6).map(" ".join)
turn = st.builds(lambda role, words: Turn(speaker={"coach": "Coach", "client": "Client"}.get(role, "Sam"), role=role,
                                          text=words),
                 st.sampled_from(["coach", "client", "unknown"]), text)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def quotes(node) -> list[str]:
    if isinstance(node, dict):
        return [q for k, v in node.items() for q in (v if k == "evidence" and isinstance(v, list) else quotes(v))]
    if isinstance(node, list):
        return [q for v in node for q in quotes(v)]
    return []


@FUZZ
@given(st.lists(turn, max_size=12))
@example([Turn(speaker="Coach", role="coach", text="And who stays with you?"),
          Turn(speaker="Client", role="client", text=" "),
          Turn(speaker="Coach", role="coach", text="What do you want to do with that?")])
@example([Turn(speaker="Unknown", role="unknown", text=" ".join(SAID * 20))])
def test_any_turns_give_an_analysis_quoting_only_what_was_said(turns):
    try:
        result = analyze_transcript(Transcript(turns=turns))
    except TranscriptUnreadable:
        return
    said = [t.text for t in turns]
    for q in quotes(msgspec.to_builtins(result)):
        assert any(q in t for t in said), q

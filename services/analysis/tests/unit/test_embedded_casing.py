"""A transcript in capitals (as some caption files are) is read as well as one in lower case, and
quoted as written."""

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript
from analysis.adapters.analyzers.embedded_candidates import EmbeddedCandidates
from contracts.transcript import Transcript

from .test_embedded_analyzer import CAREER, all_evidence


def _in(transcript: Transcript, case) -> Transcript:
    return msgspec.structs.replace(transcript, turns=[msgspec.structs.replace(t, text=case(t.text))
                                                      for t in transcript.turns])


def test_a_session_in_capitals_finds_what_the_same_session_in_lower_case_finds():
    shouted, quiet = analyze_transcript(_in(CAREER, str.upper)), analyze_transcript(_in(CAREER, str.lower))
    assert shouted.action_items and len(shouted.action_items) == len(quiet.action_items)
    assert [q.question.lower() for q in shouted.powerful_questions] == [q.question for q in quiet.powerful_questions]
    assert len(shouted.values_beliefs) == len(quiet.values_beliefs)


def test_quotes_from_a_session_in_capitals_are_in_its_capitals():
    shouted = _in(CAREER, str.upper)
    evidence = all_evidence(analyze_transcript(shouted))
    assert evidence and all(q.isupper() for q in evidence)
    assert all(any(q in t.text for t in shouted.turns) for q in evidence)


def test_a_model_choosing_among_passages_gets_the_plans_of_a_session_in_capitals():
    shouted = _in(CAREER, str.upper)
    assert [a.action for a in analyze_transcript(shouted).action_items][0].isupper()  # as written
    passages = EmbeddedCandidates().propose(shouted)
    assert "commitment" in {p.hint for p in passages}

"""A transcript in capitals (as some caption files are) is read as well as one in lower case, and
quoted as written."""

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript
from analysis.adapters.analyzers.embedded_candidates import EmbeddedCandidates
from contracts.transcript import Transcript

from .test_embedded_analyzer import CAREER, all_evidence
from .test_embedded_meaning import talk


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


CAPTIONS = talk(  # speech-to-text without capitals or marks
    "Coach: so what would you like to get from today",
    "Client: um i think i want to sort out the whole thing with my manager because every time she gives me feedback "
    "i just go quiet and then i stew on it for days",
    "Coach: you go quiet and then you stew",
    "Client: yeah like last week she said the report was too long and i said ok and then i rewrote it three times "
    "over the weekend and i still didn't send it",
    "Coach: what was happening for you over that weekend",
    "Client: honestly i was scared she thinks i'm not good enough and i realised i've been treating every bit of "
    "feedback like it's a verdict on me not on the report",
    "Coach: what would it be like to treat it as being about the report",
    "Client: lighter i think i could just ask her what she needs cut and do that",
    "Coach: what will you do",
    "Client: on monday i'm going to ask her for ten minutes and ask what she'd cut and i'll send the shorter version "
    "by wednesday",
    "Coach: how are you feeling now",
    "Client: better actually calmer than when we started",
)


def test_a_session_in_lower_case_is_read_with_its_capitals_put_back_and_quoted_as_written():
    # "i" and a sentence's first word read as the parser learnt them: the coach's questions count again
    found = analyze_transcript(CAPTIONS)
    assert [q.question for q in found.powerful_questions] == ["what would it be like to treat it as being about the report"]
    assert [a.action for a in found.action_items] == [CAPTIONS.turns[-3].text]  # the weekend's story is no plan
    evidence = all_evidence(found)
    assert evidence and all(any(q in t.text for t in CAPTIONS.turns) for q in evidence)
    # the summary's quotes too are the transcript's words as written (the marks the reading put in are not)
    quoted = found.session_summary.split('"')[1::2]
    assert quoted and all(any(q in t.text for t in CAPTIONS.turns) for q in quoted), found.session_summary

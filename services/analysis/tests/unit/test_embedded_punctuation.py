"""A transcript without punctuation (some caption files and speech-to-text exports) is read with its
sentence ends and question marks put back, and quoted as written."""

import re

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript, punctuation
from analysis.adapters.analyzers.embedded_candidates import EmbeddedCandidates
from contracts.transcript import Transcript

from .test_embedded_analyzer import CAREER, all_evidence


def _unpunctuated(transcript: Transcript) -> Transcript:
    def bare(text: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text)).strip()

    return msgspec.structs.replace(transcript, turns=[msgspec.structs.replace(t, text=bare(t.text))
                                                      for t in transcript.turns])


def test_a_session_without_punctuation_still_has_its_questions_and_plans():
    written, bare = analyze_transcript(CAREER), analyze_transcript(_unpunctuated(CAREER))
    assert [q.question for q in written.powerful_questions] == ["What would it mean for you if you did get this role?"]
    # found in the turns read with the marks put back, given back as the transcript has them
    assert [q.question for q in bare.powerful_questions] == ["What would it mean for you if you did get this role"]
    assert bare.action_items and [a.action for a in bare.action_items] == [a.action.rstrip(".")
                                                                            for a in written.action_items]


def test_a_model_choosing_among_passages_gets_the_plans_and_questions_of_a_session_without_punctuation():
    bare = _unpunctuated(CAREER)
    passages = EmbeddedCandidates().propose(bare)
    hints = {p.hint for p in passages}
    assert "coach: evoking question" in hints and "commitment" in hints
    assert all(p.text in bare.turns[p.turn_index].text for p in passages)


def test_quotes_from_a_session_without_punctuation_are_verbatim_without_the_marks_put_back():
    bare = _unpunctuated(CAREER)
    evidence = all_evidence(analyze_transcript(bare))
    assert evidence and not any(re.search(r"[.?!]", q) for q in evidence)
    assert all(any(q in t.text for t in bare.turns) for q in evidence)


def test_only_a_transcript_with_almost_no_sentence_ends_is_read_as_unpunctuated():
    assert punctuation.bare(_unpunctuated(CAREER))
    assert not punctuation.bare(CAREER)
    short = msgspec.structs.replace(CAREER, turns=_unpunctuated(CAREER).turns[:2])
    assert not punctuation.bare(short)  # too few words to judge by


def test_a_quote_across_a_mark_put_back_is_given_back_as_written():
    # a model that ends a sentence before "i" and takes one opening on "what" for a question
    model = punctuation.Model(ends={"bias": -5.0, "w1=i": 10.0}, questions={"bias": -5.0, "f1=what": 10.0},
                              end_threshold=0.5, question_threshold=0.5)
    turn = punctuation.punctuate("so what do you want i want to rest, really", model)
    assert turn.read == "so what do you want? i want to rest, really."
    assert turn.written_quote("what do you want? i want") == "what do you want i want"
    assert turn.written_quote("i want to rest, really.") == "i want to rest, really"
    assert turn.written_quote("not said") is None


RUN_ON = ("so I hear that the promotion has been on your mind for weeks and your manager keeps asking about it and "
          "you have been going back and forth on whether to apply at all what would it mean for you if you got it "
          "and what would it cost you if you let the deadline pass this month without deciding either way")


def test_a_run_on_turn_in_a_punctuated_transcript_is_read_with_its_marks_and_only_it():
    turns = [msgspec.structs.replace(t, text=RUN_ON) if i == 2 else t for i, t in enumerate(CAREER.turns)]
    session = msgspec.structs.replace(CAREER, turns=turns)
    assert punctuation.run_on(RUN_ON) and not punctuation.bare(session)
    read, marked = punctuation.punctuated(session)
    assert "?" in read.turns[2].text
    assert [t.text for i, t in enumerate(read.turns) if i != 2] == [t.text for i, t in enumerate(turns) if i != 2]
    evidence = all_evidence(analyze_transcript(session))
    assert evidence and all(any(q in t.text for t in session.turns) for q in evidence)


def test_a_punctuated_transcript_is_read_as_it_is():
    read, marked = punctuation.punctuated(CAREER)
    assert read is CAREER and marked == []

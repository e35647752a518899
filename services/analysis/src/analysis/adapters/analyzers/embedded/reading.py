"""What the rules read in a session, before the learned scorer decides what to report.

`read` runs the parse, the questions and the rule-based detectors once; the analyzer builds
its sections from it, and the trainer of the sentence scorer (bench/train_sentence_scorer.py)
computes its features from exactly the same reading, so training and use cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.insight import Celebration, ValuesBeliefs
from contracts.transcript import Transcript

from . import (
    agreement,
    bare_plans,
    beliefs,
    commitments,
    consistency,
    discoveries,
    language,
    powerful,
    presence,
    question_purpose,
    questions,
    wins,
)
from . import session as session_mod
from .language import Sentence


@dataclass(slots=True)
class Reading:
    session: session_mod.Session
    sentences: list[Sentence]
    names: set[str]
    asked: list
    purposes: list
    stats: object
    agreed: object
    promised: list
    planning_turns: set[int]
    planning_answers: set[int]
    evoking_answers: set[int]
    answers: set[int]
    landed: set[int]
    learning_answers: set[int]
    asked_for: dict[int, str]
    prompted: dict[int, tuple[str, set[str]]]
    beliefs_found: list[ValuesBeliefs]
    celebration: Celebration | None
    discovered: list[Sentence]  # the discovery rules' choice


def read(transcript: Transcript, written_uncased: bool = False) -> Reading:
    s = session_mod.build(transcript)
    sentences = language.parse(s)
    names = language.people(s, sentences, written_uncased)
    asked = questions.find(s)
    purposes = question_purpose.purposes(asked)
    stats = presence.stats(s, asked)
    agreed = agreement.find(s, asked, purposes, sentences)

    def answer_to(q):
        return s.next_turn(q.turn)

    planning_turns = {q.turn.index for q, p in zip(asked, purposes, strict=True) if p.is_planning}
    evoking_answers = {answer_to(q).index for q, p in zip(asked, purposes, strict=True)
                       if powerful.evoking(q, p) is not None and answer_to(q) is not None}
    planning_answers = {answer_to(q).index for q, p in zip(asked, purposes, strict=True)
                        if p.is_planning and answer_to(q) is not None}
    found = commitments.find(sentences, bare_plans.planning_turns(s, planning_answers))
    # what the client came for, and how they will know they got it ("I'll have a plan that doesn't make me want
    # to lie down."), are no steps
    measures = {answer_to(q).index for q in asked if answer_to(q) is not None
                and question_purpose.asks_for_success_measure(q.text)}
    promised = commitments.sharpened([c for c in found if not (agreed and c.turn.index == agreed.answer.index)
                                      and c.turn.index not in measures], s, sentences)
    answers = {answer_to(q).index for q in asked if answer_to(q) is not None}
    asked_for, prompted = beliefs.asked_for(s), beliefs.prompted(s)
    beliefs_found = consistency.values_once(beliefs.values_beliefs(sentences, asked_for, prompted))
    celebration = wins.celebration(sentences, s)
    taken = {c.span.text for c in promised} | {b.evidence[0] for b in beliefs_found if b.evidence}
    taken |= set(celebration.evidence) if celebration else set()
    learning_answers = {answer_to(q).index for q, p in zip(asked, purposes, strict=True)
                        if p.is_learning and discoveries.LEARNING_QUESTION.search(q.text)
                        and answer_to(q) is not None and answer_to(q).is_client}
    landed = discoveries.landed(s)
    discovered = discoveries.find(sentences, evoking_answers | landed, answers, taken, learning_answers)
    return Reading(s, sentences, names, asked, purposes, stats, agreed, promised, planning_turns, planning_answers,
                   evoking_answers, answers, landed, learning_answers, asked_for, prompted, beliefs_found,
                   celebration, discovered)

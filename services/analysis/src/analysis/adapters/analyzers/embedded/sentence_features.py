"""What the sentence scorer knows about each client sentence: numbers, one row per sentence.

Nothing here is a word list of its own: the features are what the rest of the analyzer already
reads (the rules' verdicts, their cue patterns, the similarity to labelled examples, the parse)
plus where the sentence sits in the conversation: which question it answers, whether the
coach's next turn echoes it, how far into the session it comes. The scorer learns how much each
counts (sentence_scorer.py); the same function feeds its training and its use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import beliefs, discoveries, examples, feelings, genericity, semantic, syntax
from .language import Sentence
from .models import embed
from .reading import Reading
from .sentences import echo_words, words
from .sentiment import compound

_LABELS = tuple(examples.LABELLED)
_QUESTION_LABELS = ("evocative_question", "fact_question", "planning_question", "learning_question",
                    "agreement_question")
_FIRST_PERSON = frozenset(("i", "me", "my", "myself"))
_SMALL = frozenset("i me my the a an and to of it that is was".split())


def candidates(reading: Reading) -> list[Sentence]:
    """The client's own statements: never a question, never someone else's words the client
    quotes ("She says the meetings never stop")."""
    return [x for x in reading.sentences if beliefs.own_statement(x)]


def matrix(reading: Reading, pool: list[Sentence]) -> tuple[tuple[str, ...], np.ndarray]:
    """(feature names, one row of floats per sentence of `pool`)."""
    vectors = semantic.stack([x.vector for x in pool])
    similar = {label: semantic.score_matrix(vectors, label) for label in _LABELS}
    by_turn: dict[int, list[Sentence]] = {}
    for x in pool:
        by_turn.setdefault(x.turn.index, []).append(x)
    around = {index: _coach_texts(reading, said[0].turn) for index, said in by_turn.items()}
    texts = list(dict.fromkeys(t for pair in around.values() for t in pair if t is not None))
    embedded = dict(zip(texts, embed(texts), strict=True))  # one batch: a call per text costs ~10x more
    coach = {index: _coach_around(after, before, embedded) for index, (after, before) in around.items()}
    verdicts = _verdicts(reading)
    rows = [features(reading, x, by_turn[x.turn.index], {k: float(v[i]) for k, v in similar.items()},
                     coach[x.turn.index], verdicts)
            for i, x in enumerate(pool)]
    names = tuple(rows[0]) if rows else ()
    return names, np.array([[row[n] for n in names] for row in rows], dtype=np.float64).reshape(len(rows), len(names))


def features(reading: Reading, x: Sentence, same_turn: list[Sentence], similar: dict[str, float], coach: _Coach,
             verdicts: dict[str, set[str]]) -> dict[str, float]:
    text = x.text.replace("\u2019", "'")
    tokens = list(x.doc)  # one pass: spaCy builds a Token object each time a doc is walked
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    turn = x.turn.index
    row: dict[str, object] = {f"similar_{label}": similar[label] for label in _LABELS}
    row |= _rules(reading, x, verdicts)
    row |= {
        "marked": bool(discoveries.MARKED.search(text)),
        "reframe": bool(discoveries.REFRAME.search(text)),
        "interpretive": bool(discoveries.INTERPRETIVE.search(text)),
        "deep": bool(discoveries.DEEP.search(text)),
        "value_wording": bool(beliefs.VALUE.search(text)),
        "limiting_wording": bool(beliefs.LIMITING.search(text)),
        "empowering_wording": bool(beliefs.EMPOWERING.search(text)),
        "negative_wording": bool(beliefs.NEGATIVE.search(text)),
        "answers_question": turn in reading.answers,
        "answers_evoking": turn in reading.evoking_answers,
        "landed": turn in reading.landed,
        "opens_with_surprise": bool(discoveries.AHA.match(x.turn.text)),
        "answers_agreement": reading.agreed is not None and turn == reading.agreed.answer.index,
        "asked_value": reading.asked_for.get(turn) == "value",
        "asked_belief": reading.asked_for.get(turn) == "belief",
        "asked_obstacle": reading.asked_for.get(turn) == "obstacle",
        "coach_tests_it": reading.prompted.get(turn, ("",))[0] == "Limiting Belief",
        "coach_holds_it_up": reading.prompted.get(turn, ("",))[0] == "Core Value",
        "answers_learning": turn in reading.learning_answers,
        "position": turn / max(1, len(reading.session.turns) - 1),
        "first_in_turn": x is same_turn[0],
        "last_in_turn": x is same_turn[-1],
        "turn_words": float(np.log1p(x.turn.word_count)),
        "words": float(np.log1p(len(text.split()))),
        "first_person": not _FIRST_PERSON.isdisjoint(x.words),
        "i_subject": any(t.lower_ == "i" and t.dep_ in ("nsubj", "nsubjpass") and root is not None and t.head.i == root.i for t in tokens),
        "past": bool(root is not None and syntax.past(root)),
        "negated": any(t.dep_ == "neg" for t in tokens),
        "modal": any(t.tag_ == "MD" for t in tokens),
        "sentiment": compound(text),
        "feeling": feelings.has_feeling(x),
        "verbless": not any(t.pos_ in ("VERB", "AUX") for t in tokens),
    }
    row |= _general(x, row)
    return {name: float(value) for name, value in (row | _neighbours(x, coach)).items()}


# what a sentence says in general or of what the client is; a rule about a kind of person means
# one thing said with "don't", another said warmly, so each comes crossed with the tone
GENERAL = tuple(f"{shape}{tone}" for shape in ("kind_subject", "generic_you", "identity")
                for tone in ("", "_x_neg", "_x_pos", "_x_modal"))
WAYS = ("habit", "habit_x_neg", "wants")  # the client's own way of doing things, and what they want


def _general(x: Sentence, row: dict[str, object]) -> dict[str, float]:
    negative = float(bool(row["negated"]) or float(row["sentiment"]) < -0.05)
    positive, modal = float(float(row["sentiment"]) > 0.05), float(bool(row["modal"]))
    out: dict[str, float] = {}
    for shape, said in (("kind_subject", genericity.kind_subject(x)), ("generic_you", genericity.generic_you(x)),
                        ("identity", genericity.identity(x))):
        said = float(said)
        out |= {shape: said, f"{shape}_x_neg": said * negative, f"{shape}_x_pos": said * positive,
                f"{shape}_x_modal": said * modal}
    way = float(genericity.habit(x))
    out |= {"habit": way, "habit_x_neg": way * negative, "wants": float(genericity.wants(x))}
    return out


def _rules(reading: Reading, x: Sentence, verdicts: dict[str, set[str]]) -> dict[str, bool]:
    def quoted(kind: str) -> bool:
        return any(x.span.text in e or e in x.span.text for e in verdicts.get(kind, ()))

    return {
        "rule_discovery": any(x is d for d in reading.discovered),
        "rule_value": quoted("Core Value"),
        "rule_limiting": quoted("Limiting Belief"),
        "rule_empowering": quoted("Empowering Belief"),
        "rule_win": quoted("win"),
        "rule_commitment": any(c.span is x.span for c in reading.promised),
    }


def _verdicts(reading: Reading) -> dict[str, set[str]]:
    """The quotes each rule-based section took: {kind: quotes}."""
    out: dict[str, set[str]] = {"win": set(reading.celebration.evidence) if reading.celebration else set()}
    for item in reading.beliefs_found:
        out.setdefault(item.type, set()).update(item.evidence[:1])
    return out


@dataclass(slots=True)
class _Coach:
    """The coach's turns around one client turn, read once for all its sentences."""
    echo: set[str] | None = None  # content words of the coach's next turn; None: no coach turn next
    next_vector: np.ndarray | None = None
    next_asks: bool = False
    next_short: bool = False
    before: dict[str, float] = field(default_factory=dict)  # similarity of the question before to kinds of question
    before_vector: np.ndarray | None = None


def _coach_texts(reading: Reading, turn) -> tuple[str | None, str | None]:
    """(the start of the coach's next turn, the coach's last question before), where the coach spoke."""
    after, before = reading.session.next_turn(turn), reading.session.previous_turn(turn)
    head = asked = None
    if after is not None and after.is_coach and after.spans:
        head = " ".join(sp.text for sp in after.spans[:3])
    if before is not None and before.is_coach and before.spans:
        questions = [sp.text for sp in before.spans if "?" in sp.text]
        asked = questions[-1] if questions else before.spans[-1].text
    return head, asked


def _coach_around(head: str | None, asked: str | None, embedded: dict[str, np.ndarray]) -> _Coach:
    out = _Coach()
    if head is not None:
        out.echo = echo_words(head.replace("\u2019", "'"))
        out.next_vector = embedded[head]
        out.next_asks, out.next_short = "?" in head, len(head.split()) <= 6
    if asked is not None:
        out.before_vector = embedded[asked]
        out.before = {label: float(semantic.score_matrix(out.before_vector[None, :], label)[0])
                      for label in _QUESTION_LABELS}
    return out


def _neighbours(x: Sentence, coach: _Coach) -> dict[str, float]:
    """Whether the coach's next turn echoes the sentence, and what the coach asked before it."""
    out: dict[str, float] = {}
    if coach.echo is not None:
        mine = set(words(x.text)) - _SMALL
        out["coach_echo_words"] = len(coach.echo & mine) / max(1, len(mine))
        out["coach_echo_similar"] = float(coach.next_vector @ x.vector)
    else:
        out |= {"coach_echo_words": 0.0, "coach_echo_similar": 0.0}
    out |= {"coach_asks_next": float(coach.next_asks), "coach_short_next": float(coach.next_short)}
    out |= {f"after_{label}": coach.before.get(label, 0.0) for label in _QUESTION_LABELS}
    out["after_similar"] = float(coach.before_vector @ x.vector) if coach.before_vector is not None else 0.0
    return out

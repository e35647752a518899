"""Plans said without "I": the client's answers once the coach asks for steps ("What's the first
step?" / "Tomorrow after lab, email Dr Osei. Ask for fifteen minutes before Friday."; "And the
tutoring center?" / "Sign up online.").

Such a sentence is a verb of action in its base form with no subject, said in answer to a
planning question, or to the coach's short follow-up while the client is still listing steps.
The small parser often reads a time-led one wrongly ("email" as a noun in "Tomorrow after lab,
email Dr Osei."), so the clause is read again as the client would mean it, "I will email Dr
Osei.": a plan when that parse has "I" doing an act; never a state, a feeling or an agenda
("Be calmer.", "Think about it.", "Talk about the budget.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import syntax, timelines
from .language import Sentence, parse_texts
from .session import Session, TurnView

_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
_AS_MEANT = "I will "
FOLLOW_UP_WORDS = 6  # "And the tutoring center?", "What else?": the coach keeps the listing going


def planning_turns(session: Session, planning_answers: set[int]) -> set[int]:
    """The client turns answering a planning question that asks what they will do (not what they
    would or might, nor what is in the way), and those answering the coach's short follow-up
    right after one of them ("And the tutoring center?", "What else?")."""
    out = {i for i in planning_answers if not _OPTIONS.search(session.previous_turn(session.turns[i]).text)}
    for turn in session.client_turns:
        coach = session.previous_turn(turn)
        before = session.previous_turn(coach) if coach is not None and coach.is_coach else None
        if turn.index not in out and before is not None and before.index in out and _follow_up(coach):
            out.add(turn.index)
    return out


# "What would you do with it?", "What might you do instead?", "What might get in the way?", "What
# did you do?": options, obstacles and stories, not steps
_OPTIONS = re.compile(r"\b(?:would|might|could|did)\b|\bin the way\b|\bstop(?:ping)? you\b", re.I)
_FOLLOW_UP = re.compile(r"^\W*(?:and\b|what else\b|anything else\b|then what\b)", re.I)


def _follow_up(coach: TurnView) -> bool:
    return "?" in coach.text and len(coach.text.split()) <= FOLLOW_UP_WORDS and bool(_FOLLOW_UP.match(coach.text))


def candidates(sentences: Iterable[Sentence], planning: set[int]) -> list[Sentence]:
    """The sentences of planning answers that have no subject and may be a bare plan."""
    return [s for s in sentences if s.turn.index in planning and s.turn.is_client and not s.is_question
            and len(s.text.split()) >= 3 and not any(t.dep_ in _SUBJECTS and t.head.dep_ == "ROOT" for t in s.doc)]


def acts(pool: list[Sentence], not_acts: set[str], unless=None) -> list[tuple[Sentence, int, str | None]]:
    """(sentence, offset in the turn where its act starts, its timeline) for each sentence of
    `pool` that reads as "I will <act>" once its leading time phrase is set aside; a verb of
    `not_acts` counts where `unless(verb, timeline)` says so ("Speak to HR on Wednesday.")."""
    clauses = [_clause(s.text.replace("\u2019", "'")) for s in pool]
    docs = parse_texts([_as_meant(text[at + _going(text[at:]):]) for text, at in clauses])
    out = []
    for s, (text, at), doc in zip(pool, clauses, docs, strict=True):
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subject = syntax.subject(root) if root is not None else None
        if root is None or root.tag_ != "VB" or subject is None or subject.lower_ != "i" or root.idx < len(_AS_MEANT) \
                or root.lower_ in not_acts and not (unless and unless(root, timelines.find(text))) or syntax.negated(root):
            continue
        if any(t.lower_ in ("your", "yours", "yourself", "you") for t in s.doc):
            continue  # "Own your stuff.": a maxim the client holds others to, not their own step
        if not at and not _said_as_a_verb(s):
            continue  # "Figure of speech.", "Dodged another one.": a verb only in the probe's reading
        if not any(t.pos_ in ("NOUN", "PROPN", "NUM") or t.dep_ == "prt" for t in root.subtree):
            continue  # "Go for it.", "Do that.": names no act a coach could check
        out.append((s, s.span.start + at, timelines.find(text)))
    return out


_GOING = re.compile(r"^(?:(?:so|and|then|right|okay|ok),? )?(?:going to|gonna) (?=\w)", re.I)


def _as_meant(act: str) -> str:
    """"I will " and the act, its first letter lowered ("Email Dr Osei." -> "I will email Dr Osei.")."""
    return _AS_MEANT + act[:1].lower() + act[1:]


def _going(text: str) -> int:
    """Where the act starts after a leading "going to" ("Going to speak to HR on Wednesday."): the future
    said without its "I'm"."""
    m = _GOING.match(text)
    return m.end() if m else 0


def _said_as_a_verb(s: Sentence) -> bool:
    """The sentence's own parse opens with a verb in its base form (after "just", "then", "first"), or with
    "going to" and one."""
    if _going(s.text):
        return True
    first = next((t for t in s.doc if t.pos_ not in ("ADV", "PUNCT", "INTJ")), None)
    return first is not None and first.tag_ == "VB" and first.dep_ == "ROOT"


def _clause(text: str) -> tuple[str, int]:
    """The sentence and where its act starts: after a leading time phrase and its comma."""
    head, comma, _ = text.partition(", ")
    when = timelines.find(head) if comma else None
    return text, (len(head) + 2 if when and len(head.split()) <= 5 else 0)

"""Action items and the intention, from the client's commitments.

Action items are the firm and considered commitments (High, Medium), each with what SMART
elements it lacks. The intention is what the session built towards: the decision it came to ("I'm
taking it.", decisions.py), else the firmest commitment, preferring an answer to the coach's "what will
you do?", one about what the client came for, and one made late (sessions close on their plan).
"""

from __future__ import annotations

import re

import msgspec
from contracts.insight import ActionItem, Intention
from spacy.lang.en.stop_words import STOP_WORDS

from . import decisions, semantic
from .agreement import Agreement
from .caseless import caseless
from .commitments import Commitment, rank
from .evidence import dedupe, quote
from .language import Sentence
from .session import Session

MAX_ACTIONS = 8
_STRENGTH = {"High": "Strong", "Medium": "Moderate", "Low": "Exploratory"}
_MEASURABLE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twice|once|every|each|daily|weekly|per|minutes?|"
    r"hours?|times?|pages?|sessions?|a (?:week|day)|draft|list|email|call|meeting|appointment|conversation|"
    r"one-to-one|handover|message|letter|application)\b",
    re.I,
)
_VAGUE_OBJECT = {"something", "things", "stuff", "more", "better", "it", "that", "this", "anything", "everything"}
# Support the client will have or asks for, the client its beneficiary ("Tomasz can read it", "I'll ask Bev to cover",
# "I need some help with the childcare"); not the client helping others ("I help everyone.") nor a partner named
_SUPPORT = caseless(
    r"\b(?:(?:help|helps|helped|helping|support|supports|supporting|back|backs) me\b|"
    r"(?:need|needs|want|could use|get|getting|ask(?:ing)? (?:\w+ )?for|have|got) (?:some |a bit of |more |a )?"
    r"(?:help|support|backup|back-up|cover|hand)\b|someone to (?:\w+ )?(?:me|with)\b|check(?:s|ing)? in (?:with|on) me|"
    r"remind(?:s|ing)? me|hold(?:s|ing)? me (?:to account|accountable)|keep(?:s|ing)? me (?:honest|on track)|"
    r"accountability (?:partner|buddy)|a mentor|my mentor|(?:ask|asking|get|getting) (?:\w+ ){1,2}to (?:help|cover|look|check|"
    r"read|sit|come|go through|take)\b)", re.I)


# "I'm not asking you to come", "if I need help, I'm not good enough", "Said a fishmonger who needs help...": no support
_NOT_SUPPORT = re.compile(r"\b(?:not|no|n't|never|if)\b(?:\W+\w+){0,4}\W*$|^\W*said\b", re.I)


def action_items(commitments: list[Commitment], planning_answers: set[int]) -> list[ActionItem]:
    """Firm commitments, and wishes ("I want to...") only where they are plans: said in answer
    to "what will you do?", or with a when or a how much. A bare wish is a desire, not an action."""
    chosen = [c for c in commitments if is_plan(c, planning_answers)]
    ranked = sorted(chosen, key=lambda c: (rank(c), c.timeline is None, c.turn.index))[:MAX_ACTIONS]
    keep = semantic.dedupe([c.text for c in ranked], threshold=0.9)
    ordered = sorted((ranked[i] for i in keep), key=lambda c: (c.turn.index, c.span.start))
    return [as_action(c) for c in ordered]


def held_to_account(items: list[ActionItem], told: str | None) -> list[ActionItem]:
    """The steps the client will report back on ("I send you a message Monday, just 'done' or 'not done'"):
    that promise is their accountability, where a step names none of its own."""
    if told is None:
        return items
    # the steps whose day the report names ("I send you a message Monday": the Monday step), else all of them
    days = {w for w in re.findall(r"[a-z]+", told.lower()) if w in _DAYS}
    dated = [a for a in items if a.timeline and days & set(re.findall(r"[a-z]+", a.timeline.lower()))]
    return [msgspec.structs.replace(a, accountability_measure=told)
            if a.accountability_measure is None and (not dated or a in dated) else a for a in items]


_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday tonight tomorrow weekend".split())


def is_plan(c: Commitment, planning_answers: set[int]) -> bool:
    """Firm, or a wish said in answer to "what will you do?" or with a when or a how much."""
    return c.level == "High" or c.level == "Medium" and bool(
        c.turn.index in planning_answers or c.timeline or _MEASURABLE.search(c.text))


def as_action(c: Commitment) -> ActionItem:
    return ActionItem(
        action=c.text,
        timeline=c.timeline,
        accountability_measure=c.accountability,
        client_commitment_level=c.level,
        missing_smart=missing_smart(c),
        evidence=[c.text] + ([c.dated_by] if c.dated_by else []),
    )


def missing_smart(c: Commitment) -> list[str]:
    missing = []
    objects = [t for t in c.verb.subtree if t.dep_ in ("dobj", "pobj", "attr") and t.i > c.verb.i]
    if not objects or all(t.lower_ in _VAGUE_OBJECT for t in objects):
        missing.append("specific")
    if not _MEASURABLE.search(c.text):
        missing.append("measurable")
    if c.level == "Low":
        missing.append("achievable")
    # "Relevant" is not judged here: static embeddings cannot tell whether calling a candidate
    # serves a restructure, and a wrong "missing: relevant" costs more trust than it gives.
    if not c.timeline:
        missing.append("time-bound")
    return missing


def _shares_words(a: str, b: str) -> bool:
    """A word of substance in both ("go back to full-time" and "so I can't back out" share none)."""
    return bool(_substance(a) & _substance(b))


def _substance(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in STOP_WORDS}


_PRONOUNS = {"him", "her", "them", "it", "those", "that", "this", "these", "you"}


def _follow_up(c: Commitment) -> bool:
    """A step that points back at the plan instead of naming it: every object a pronoun ("I'll set
    those up today", "I'll message him tonight"), or a report to the coach ("I'll send you a
    line when it's in")."""
    objects = [t for t in c.verb.subtree if t.dep_ in ("dobj", "dative", "pobj") and t.head.i <= c.verb.i + 6]
    if any(t.lower_ == "you" and t.head == c.verb for t in objects):
        return True
    return bool(objects) and all(t.lower_ in _PRONOUNS for t in objects)


def intention(session: Session, commitments: list[Commitment], planning_turns: set[int],
              agreement: Agreement | None, sentences: list[Sentence], planning_answers: set[int]) -> Intention | None:
    """The decision the session came to (decisions.py), else chosen among the plans (what action_items keeps):
    a session that ends on a wish has no intention yet."""
    support = [quote(s.turn, s.span) for s in sentences
               if s.turn.is_client and not s.is_question and (m := _SUPPORT.search(t := s.text.replace("\u2019", "'")))
               and not _NOT_SUPPORT.search(t[: m.start()])]
    decided = decisions.decision(session, sentences)
    if decided is not None:
        said = quote(decided.turn, decided.span)
        return Intention(behavior_change=said, commitment_level="Strong", timeline=None,
                         support_needed=dedupe(support, limit=2), evidence=[said])
    commitments = [c for c in commitments if is_plan(c, planning_answers)]
    if not commitments:
        return None
    last = max(1, len(session.turns) - 1)

    def worth(c: Commitment) -> float:
        value = {"High": 4.0, "Medium": 2.0, "Low": 1.0}[c.level]
        previous = session.previous_of(c.turn, "coach")
        if previous is not None and previous.index in planning_turns:
            value += 1.0
        if agreement is not None and (_shares_words(agreement.goal, c.text)
                                      or semantic.similarity(agreement.goal, c.text) >= 0.4):
            value += 1.0
        # The plan the session built towards is the first one pinned to a time; the plans after it
        # mostly hang off it (tune half: 29 -> 38 of 84 intentions right, report half 32 -> 42 of 79,
        # against the later plan preferred before)
        value += 1.5 * (c.timeline is not None) - c.turn.index / last
        if _follow_up(c) and c.dated_by is None:
            # a step hanging off the plan ("I'll message him tonight"), not the plan; one the coach asked the
            # when of and the client dated ("I'll put in for it." / "When?" / "Wednesday night.") is the plan
            value -= 1.5
        return value

    best = max(commitments, key=lambda c: (worth(c), c.turn.index))
    return Intention(
        behavior_change=best.text,
        commitment_level=_STRENGTH[best.level],
        timeline=best.timeline,
        support_needed=dedupe(support, limit=2),
        evidence=[best.text] + ([best.dated_by] if best.dated_by and best.dated_by != best.text else []),
    )

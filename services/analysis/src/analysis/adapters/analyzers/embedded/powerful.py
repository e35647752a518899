"""Powerful questions: coach questions judged by what they did to the client's next turn.

A question qualifies when it asks the client to think or feel (by meaning, not by its first
word; logistics, facts, contracting and planning prompts are excluded), and the answer shows
movement: a realisation, a longer answer than the client's usual, feeling named, reflection
aloud ("I guess...", "to be honest"), or a hesitation before answering ("That's a good question").

`find` is these rules' own choice; the analyzer uses it as one input of the learned question
scorer (question_features), which decides among the questions `evoking` admits, and `described`
tells each chosen question by what its answer did.
"""

from __future__ import annotations

import re
from statistics import median

from contracts.insight import PowerfulQuestion

from .caseless import caseless
from .evidence import dedupe, quote
from .question_purpose import Purpose
from .questions import STACKED, Question, asked_in
from .session import Session, TurnView
from .wording import counted, quoted

MAX_QUESTIONS = 10
MIN_ANSWER_WORDS = 8
OPEN_EVOCATIVE = 0.45  # an open question this close to the evoking examples counts as an evoking form

# Question forms that invite the client to look at meaning, assumptions, possibility or
# perspective (the ICF's "evokes awareness"), from coaching practice rather than any transcript.
_EVOKES = re.compile(
    r"\b(?:what does (?:that|it|this|\w+ing|the \w+(?: \w+)?) (?:tell|say|mean|teach|show)|what (?:would|will|might) "
    r"(?:it|that|this|\w+ing(?: \w+)?|a \w+(?: \w+)?|the \w+(?: \w+)?|your \w+) (?:look|be|feel|sound) like|"
    r"what would (?:happen|change|need to be true|it take|that take|it mean|that mean|make the difference)|"
    r"what would (?:you|it) (?:be|have) (?:walking|gain|lose)|what do you make of|what (?:do|did) you (?:notice|learn|see)|"
    r"what(?:'s| is| was) (?:the|your) (?:story|assumption|belief|pattern|cost|real)|is that true|how true is|"
    r"what do you (?:really |actually )?(?:know|believe)|(?:are|were|have) you (?:been )?telling yourself|"
    r"what (?:matters|is important|counts)(?: most)? to you|mean(?:s)? to you|who do you want to be|"
    r"what(?:'s| is)? (?:stopping|stops|stopped|holding) you|get(?:s|ting)? in the way|what (?:is|was) it (?:that|about)|"
    r"what made (?:it|that|the \w+) (?:work|possible|different)|how did you (?:do|manage) (?:it|that)|"
    r"what (?:was|is) different|what did it take|what did you do differently|what (?:do|would) you (?:think|imagine|guess) "
    r"(?:is|was) going on|how do you imagine|which (?:one|of (?:those|these|them))|(?:when|where) else|"
    r"what(?:'s| is) (?:underneath|beneath|behind|under)|what (?:has|did) (?:that|it|this) cost|what(?:'s| is) the cost|"
    r"what if\b|if (?:you|things|it|that)\b.{0,60}\bwhat|keeps? (?:pulling|pushing|bringing) you|"
    r"what (?:was|is) it made of|who decided|how much of that|what would you want (?:\w+ )?to (?:see|say|know)|"
    r"how could you (?:find out|use|test))",
    re.I,
)
# Routine moments a coach does not count as powerful: check-ins, feelings check-backs,
# contracting, action design and closing.
_ROUTINE = re.compile(
    r"\b(?:how are you(?: \w+)? (?:feeling|doing|arriving)|how are you(?: today| this \w+)?\s*[?.!]|how have you been|"
    r"how (?:does|did) (?:it|that) feel|how(?:'s| is| was| have)"
    r" (?:your|the|things)|how are things|where would you like to start|what would you like to (?:focus|talk|work|get|"
    r"use)|what(?:'s| is) the one thing|take (?:away )?from (?:today|this|our)|as we (?:close|finish|wrap)|"
    r"what else\b|anything else|what about (?:your|the)\b|since (?:we )?(?:last|spoke|met)|"
    r"what(?:'s| has) (?:happened|new|changed)\b|how did (?:it|that|the \w+) go\b|"
    r"how(?:'s| has) (?:it|that|everything) been|how are you (?:leaving|now)\b|\bby the end\b|at the end\b|"
    r"how (?:would|will) you know\b|(?:walk|go|come) (?:out|away)(?: of here| from here)? with)",
    re.I,
)


def evoking(q: Question, purpose: Purpose) -> bool | None:
    """True: an evoking form; False: evoking by meaning only (needs a visible effect); None: not evoking."""
    text = q.text.replace("\u2019", "'")
    if len(text.split()) < 3 or purpose.asks_for_facts or purpose.is_planning or _ROUTINE.search(text) \
            or asked_in(text) >= STACKED:
        return None  # a stack of questions leaves the client choosing which to answer
    if _EVOKES.search(text):
        return True
    if q.kind == "open" and not purpose.is_agreement and not purpose.is_learning:
        return purpose.evocative >= OPEN_EVOCATIVE
    return None

_REFLECTIVE = caseless(
    r"\b(?:i think|i guess|i feel|i felt|i suppose|maybe|probably|i'm not sure|i don't know|to be honest|honestly|"
    r"i wonder|i've been thinking|i want|i'd like|i hope|i wish|i'm afraid|i'm scared|i worry|part of me|deep down|"
    r"i realise|i realize|i never|i hadn't|i see)\b",
    re.I,
)
_PAUSE = re.compile(
    r"^\W*(?:hmm+|wow|gosh|oh|huh|well|that's (?:a )?(?:good|hard|tough|big|great|interesting) question|"
    r"i've never been asked|nobody(?:'s| has) ever asked|(?:\.\.\.|\u2026))",
    re.I,
)


def find(session: Session, questions: list[Question], purposes: list[Purpose],
         discovery_turns: set[int], feeling_turns: set[int]) -> list[PowerfulQuestion]:
    typical = median([t.word_count for t in session.client_turns] or [0])
    scored = []
    for q, purpose in zip(questions, purposes, strict=True):
        answer = session.next_turn(q.turn)
        if answer is None or not answer.is_client or answer.word_count < MIN_ANSWER_WORDS:
            continue
        form = evoking(q, purpose)
        if form is None:
            continue
        moved, traits = effect(answer, typical, discovery_turns, feeling_turns)
        substantive = answer.word_count >= max(12.0, typical)
        if moved >= 1.0 or (form and substantive):
            if not traits:
                traits.append(_plain(answer))
            scored.append((moved + 2 * purpose.evocative, q, answer, traits))
    scored.sort(key=lambda x: (-x[0], x[1].turn.index))
    chosen = sorted(scored[:MAX_QUESTIONS], key=lambda x: x[1].turn.index)
    return [_build(q, answer, traits, score) for score, q, answer, traits in chosen]


def described(session: Session, q: Question, purpose: Purpose, discovery_turns: set[int],
              feeling_turns: set[int], believed: dict[int, str] | None = None) -> PowerfulQuestion | None:
    """The question as a powerful question, told by what its answer did; None when no client answered.
    `believed`: the turns where the client voiced a value or a belief (and not a realisation), by kind."""
    answer = session.next_turn(q.turn)
    if answer is None or not answer.is_client or not answer.spans:
        return None
    typical = median([t.word_count for t in session.client_turns] or [0])
    moved, traits = effect(answer, typical, discovery_turns, feeling_turns)
    kind = (believed or {}).get(answer.index)
    if kind is not None and "voiced a new realisation" in traits:
        # "I feel like I'm failing at everything." is a belief said aloud, not a realisation
        traits[traits.index("voiced a new realisation")] = _NAMED.get(kind, "named a belief")
    if not traits:
        traits.append(_plain(answer))
    return _build(q, answer, traits, moved + 2 * purpose.evocative)


_NAMED = {"Limiting Belief": "named a belief that holds them back", "Core Value": "named what matters to them",
          "Empowering Belief": "named a belief that helps them"}


def _plain(answer: TurnView) -> str:
    """What an answer that showed no movement did: a few words are not a considered answer ("Yes.")."""
    n = answer.word_count
    return f"gave a considered answer ({n} words)" if n >= 8 else f"answered briefly ({counted(n, 'word')})"


def effect(answer: TurnView, typical: float, discovery_turns: set[int], feeling_turns: set[int]) -> tuple[float, list[str]]:
    traits, score = [], 0.0
    text = answer.text.replace("\u2019", "'")
    if answer.index in discovery_turns:
        score += 2.5
        traits.append("voiced a new realisation")
    if answer.word_count >= max(20.0, 1.4 * typical):
        score += 1.5
        traits.append(f"answered at length ({answer.word_count} words)")
    if answer.index in feeling_turns:
        score += 1.0
        traits.append("named how they feel")
    reflective = len(_REFLECTIVE.findall(text))
    if reflective:
        score += min(2, reflective) * 0.5
        traits.append("reflected aloud")
    if _PAUSE.match(text):
        score += 1.0
        traits.append("paused to think before answering")
    return score, traits


def _level(score: float) -> str:
    return "Major" if score >= 5.5 else "Moderate" if score >= 3.5 else "Minor"


def _build(q: Question, answer: TurnView, traits: list[str], score: float) -> PowerfulQuestion:
    response = _response_quote(answer)
    return PowerfulQuestion(
        question=q.text,
        impact_description="In answer, the client " + _join(traits) + ".",
        client_response_summary=f'The client answered: {quoted(response)}',
        breakthrough_level=_level(score),
        evidence=dedupe([q.text, response]),
    )


def _response_quote(answer: TurnView) -> str:
    """The answer's most substantial sentence, preferring one that reflects."""
    spans = [s for s in answer.spans if len(s.text.split()) >= 4] or list(answer.spans)
    reflective = [s for s in spans if _REFLECTIVE.search(s.text.replace("\u2019", "'"))]
    span = (reflective or spans)[0] if reflective else max(spans, key=lambda s: len(s.text.split()))
    return quote(answer, span)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

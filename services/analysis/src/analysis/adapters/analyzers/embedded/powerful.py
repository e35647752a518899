"""Powerful questions: the coach's open questions that moved the client.

"Moved" is read from the client's next turn: it is long compared with the
client's usual answers, reflective ("I guess", "I think"), emotional, or says so
outright ("I never thought of that"). Only the last question of a coach turn is
considered, because that is the one the client answers.
"""

from __future__ import annotations

import re
from statistics import median

from contracts.insight import PowerfulQuestion

from .evidence import dedupe, quote
from .questions import Question
from .sentiment import compound
from .session import Session, TurnView

MAX_QUESTIONS = 8
MIN_ANSWER_WORDS = 8

_INSIGHT = re.compile(
    r"\b(?:never (?:really )?(?:thought|noticed|considered|realized|realised)|hadn't (?:really )?thought|"
    r"didn't (?:really )?(?:realize|realise|think about)|i (?:just )?reali[sz]e|i see now|now i see|"
    r"good question|(?:that's|it's) (?:a )?(?:hard|tough|big) question|come to think of it|"
    r"now that i think|makes me (?:think|realize|realise|wonder)|i wonder|it occurs to me|"
    r"occurred to me|that's true|you're right|i suppose)\b",
    re.I,
)
_REFLECTIVE = re.compile(
    r"\b(?:i think|i guess|i feel|i felt|i suppose|maybe|probably|i'm not sure|i don't know|"
    r"to be honest|honestly|i wonder|i've been thinking|i want|i'd like|i hope|i wish|i'm afraid|"
    r"i'm scared|i worry|i'm worried|part of me|deep down)\b",
    re.I,
)
_EMOTION = re.compile(
    r"\b(?:scared|afraid|fear|sad|angry|upset|cry|crying|hurt|excited|worried|worry|frustrated|"
    r"ashamed|guilty|lonely|alone|hope|hopeful|anxious|stressed|overwhelmed|proud|embarrassed|"
    r"love|hate|miss|grateful|relieved)\b",
    re.I,
)


# Check-in, agenda and next-step prompts invite long answers by design, so a long
# answer says nothing about the question's power; coaches do not count them.
_ROUTINE = re.compile(
    r"^(?:\w+, )?(?:and |so,? )?(?:how are you (?:arriving|doing)(?: today)?\??$|"
    r"how (?:have|has|was|were|did) (?:things|the|your) (?:last |past )?(?:week|weeks|days|month|weekend)|"
    r"where would you like to (?:start|begin)|what would you like to (?:focus on|talk about|work on|get from)|"
    r"what(?:'s| is) (?:going on|your next step)|what (?:do you want|would you like) to do\b|"
    r"what are you going to do\b)",
    re.I,
)


def find(session: Session, questions: list[Question]) -> list[PowerfulQuestion]:
    typical = _typical_answer_length(session)
    last_of_turn = {q.turn.index: q for q in questions}  # later questions overwrite earlier
    scored = []
    for q in last_of_turn.values():
        answer = session.next_turn(q.turn)
        if q.kind != "open" or answer is None or not answer.is_client:
            continue
        if len(q.text.split()) < 3 or answer.word_count < MIN_ANSWER_WORDS or _ROUTINE.match(q.text.strip()):
            continue
        signals = _signals(answer, typical)
        if signals["score"] >= 2:
            scored.append((signals["score"], q, answer, signals))
    # Keep the strongest; ties broken by position so output is stable.
    scored.sort(key=lambda x: (-x[0], x[1].turn.index))
    chosen = sorted(scored[:MAX_QUESTIONS], key=lambda x: x[1].turn.index)
    return [_build(q, answer, sig) for _, q, answer, sig in chosen]


def _typical_answer_length(session: Session) -> float:
    lengths = [t.word_count for t in session.client_turns]
    return float(median(lengths)) if lengths else 0.0


def _signals(answer: TurnView, typical: float) -> dict:
    text = answer.text
    insight = _INSIGHT.search(text)
    reflective = len(_REFLECTIVE.findall(text))
    emotional = bool(_EMOTION.search(text)) or abs(compound(text)) >= 0.6
    long = answer.word_count >= max(25.0, 1.5 * typical)
    score = 3 * bool(insight) + 2 * long + bool(reflective) + (reflective >= 3) + emotional
    return {"score": score, "insight": insight, "long": long, "reflective": reflective, "emotional": emotional}


def _level(sig: dict) -> str:
    if sig["insight"] and (sig["long"] or sig["emotional"]) or sig["score"] >= 6:
        return "Major"
    if sig["score"] >= 4:
        return "Moderate"
    return "Minor"


def _build(q: Question, answer: TurnView, sig: dict) -> PowerfulQuestion:
    response = _response_quote(answer, sig)
    traits = []
    if sig["insight"]:
        traits.append("voiced a new realisation")
    if sig["long"]:
        traits.append(f"answered at length ({answer.word_count} words)")
    if sig["reflective"]:
        traits.append("reflected aloud")
    if sig["emotional"]:
        traits.append("engaged emotionally")
    impact = "The client " + _join(traits) + " in response to this open question."
    summary = f'The client responded: "{response}"'
    return PowerfulQuestion(
        question=q.text,
        impact_description=impact,
        client_response_summary=summary,
        breakthrough_level=_level(sig),
        evidence=dedupe([q.text, response]),
    )


def _response_quote(answer: TurnView, sig: dict) -> str:
    """The sentence of the answer that shows the movement best."""
    if sig["insight"]:
        pos = sig["insight"].start()
        for span in answer.spans:
            if span.start <= pos < span.end:
                return quote(answer, span, pos)
    span = max(answer.spans, key=lambda s: len(s.text.split()))
    return quote(answer, span)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

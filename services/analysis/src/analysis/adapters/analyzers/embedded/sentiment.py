"""The client's emotional trajectory, from VADER sentiment of their turns.

VADER is lexicon-based: offline, deterministic and fast (~15 us per sentence).
"""

from __future__ import annotations

from functools import lru_cache
from statistics import fmean

from contracts.insight import EmotionalShift

from .evidence import dedupe, quote
from .session import Session, TurnView

MIN_WORDS = 3  # "Yeah." / "Okay." carry no sentiment and would flatten the curve
SHIFT_THRESHOLD = 0.2  # change in mean compound score that counts as a shift


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def compound(text: str) -> float:
    return _analyzer().polarity_scores(text)["compound"]


def client_curve(session: Session) -> list[tuple[TurnView, float]]:
    """(turn, compound) for each substantive client turn, in order."""
    return [(t, compound(t.text)) for t in session.client_turns if t.word_count >= MIN_WORDS]


def label(score: float) -> str:
    if score <= -0.5:
        return "Distressed"
    if score <= -0.15:
        return "Uneasy"
    if score < 0.15:
        return "Neutral"
    if score < 0.5:
        return "Positive"
    return "Optimistic"


def emotional_shifts(session: Session, curve: list[tuple[TurnView, float]]) -> list[EmotionalShift]:
    if len(curve) < 2:
        return []
    third = max(1, len(curve) // 3)
    head, tail = curve[:third], curve[-third:]
    initial, final = fmean(v for _, v in head), fmean(v for _, v in tail)
    if abs(final - initial) < SHIFT_THRESHOLD or label(initial) == label(final):
        return []
    rising = final > initial
    catalyst_turn, pivot = _catalyst(session, curve, rising)
    evidence = [_strongest_sentence(t, rising=False) for t, _ in _extreme(head, rising=False)]
    evidence += [_strongest_sentence(t, rising=True) for t, _ in _extreme(tail, rising=True)]
    catalyst = "Not tied to a single coach intervention"
    if catalyst_turn is not None:
        coach_quote = quote(catalyst_turn, catalyst_turn.spans[-1])
        catalyst = f'The coach\'s turn "{coach_quote}" preceded the largest change in tone'
        evidence.insert(1, coach_quote)
    direction = "more positive" if rising else "more negative"
    description = (
        f"The client's tone moved from {label(initial).lower()} ({initial:+.2f}) to "
        f"{label(final).lower()} ({final:+.2f}), becoming {direction} over the session"
        + (f", most sharply at turn {pivot + 1}." if pivot is not None else ".")
    )
    return [
        EmotionalShift(
            initial_state=label(initial),
            final_state=label(final),
            shift_description=description,
            catalyst=catalyst,
            evidence=dedupe([e for e in evidence if e], limit=4),
        )
    ]


def _catalyst(session, curve, rising: bool) -> tuple[TurnView | None, int | None]:
    """The coach turn just before the client turn with the biggest jump in the
    direction of the overall shift."""
    best, best_turn = 0.0, None
    for (_, before), (turn, after) in zip(curve, curve[1:]):
        jump = (after - before) if rising else (before - after)
        if jump > best:
            best, best_turn = jump, turn
    if best_turn is None:
        return None, None
    coach = session.previous_of(best_turn, "coach")
    return coach, best_turn.index


def _extreme(part, rising: bool):
    pick = max if rising else min
    return [pick(part, key=lambda tv: tv[1])]


def _strongest_sentence(turn: TurnView, rising: bool) -> str | None:
    if not turn.spans:
        return None
    pick = max if rising else min
    span = pick(turn.spans, key=lambda s: compound(s.text))
    return quote(turn, span)

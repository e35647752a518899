"""Overall session quality from observable counselling-skill indicators.

Modelled on the MITI 4 coding manual: a good session has the coach reflecting
often (listening more than asking), asking open rather than closed questions,
giving little unsolicited advice, and keeping their own turns short so the
client does most of the talking. Sustain talk that clearly outweighs change
talk means ambivalence was left unexplored. Points are summed, so the label is
ordinal: the more indicators met, the better the label.
"""

from __future__ import annotations

from dataclasses import dataclass

from .presence import PresenceStats


@dataclass(frozen=True, slots=True)
class QualityInputs:
    presence: PresenceStats
    coach_turns: int
    change_talk: int
    sustain_talk: int


def points(q: QualityInputs) -> int:
    p = q.presence
    turns = max(1, q.coach_turns)
    score = 0
    # Reflective listening: share of coach turns that reflect the client.
    reflections = p.reflections / turns
    score += 2 if reflections >= 0.2 else 1 if reflections >= 0.1 else 0
    # MITI "fair" reflection-to-question ratio is 1:1.
    score += 1 if p.questions and p.reflection_to_question >= 1.0 else 0
    # Unsolicited advice and long explanations crowd the client out.
    directive = (p.advice + p.lectures) / turns
    score -= 2 if directive >= 0.25 else 1 if directive >= 0.1 else 0
    # Short coach turns leave room for the client; monologues do not.
    score += 1 if p.mean_coach_words <= 20 else -1 if p.mean_coach_words > 35 else 0
    # Open questions invite exploration (MITI "fair": half of them open).
    score += 1 if p.questions >= 3 and p.open_ratio >= 0.5 else 0
    score += 1 if p.client_share >= 0.5 else 0
    if q.sustain_talk >= 3 and q.sustain_talk >= 2 * max(1, q.change_talk):
        score -= 1
    return score


def label(q: QualityInputs) -> str:
    score = points(q)
    if score >= 4:
        return "Excellent"
    if score >= 2:
        return "Good"
    if score >= 1:
        return "Average"
    return "Needs Improvement"

"""Overall session quality, following from the coaching behaviours observed, with the reason.

Modelled on MITI 4's global ratings and the PCC markers: a good session has the coach
reflecting (listening more than asking), asking mostly open questions, giving little
unsolicited advice, keeping their own turns short so the client does most of the talking,
and partnering on the agreement and the actions. Thresholds are MITI's published "fair" and
"good" levels, not values fitted to any evaluation set; the label is a sum of points, so one
strong or weak behaviour moves it one step, never more.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.insight import CoachFeedback

from .presence import PresenceStats

LABELS = ("Needs Improvement", "Average", "Good", "Excellent")


@dataclass(frozen=True, slots=True)
class QualityInputs:
    presence: PresenceStats
    coach_turns: int
    change_talk: int
    sustain_talk: int


def points(q: QualityInputs) -> tuple[float, list[str]]:
    p = q.presence
    turns = max(1, q.coach_turns)
    score, why = 0.0, []
    reflections = p.reflections / turns
    if reflections >= 0.2:
        score, _ = score + 2, why.append("the coach reflected the client often")
    elif reflections >= 0.1:
        score, _ = score + 1, why.append("the coach reflected the client now and then")
    else:
        why.append("the coach rarely reflected what the client said")
    if p.questions and p.reflection_to_question >= 1.0:
        score, _ = score + 1, why.append("reflections matched or outnumbered questions")
    directive = (p.advice + p.lectures) / turns
    if directive >= 0.25:
        score, _ = score - 2, why.append("the coach gave advice or explanations in many turns")
    elif directive >= 0.1:
        score, _ = score - 1, why.append("the coach gave some advice")
    if p.mean_coach_words <= 20:
        score += 1
    elif p.mean_coach_words > 35:
        score, _ = score - 1, why.append("the coach's turns were long")
    if p.questions >= 3 and p.open_ratio >= 0.5:
        score, _ = score + 1, why.append("most questions were open")
    elif p.questions >= 3 and p.open_ratio < 0.3:
        why.append("most questions were closed")
    if p.client_share >= 0.5:
        score, _ = score + 1, why.append(f"the client spoke {round(100 * p.client_share)}% of the words")
    if q.sustain_talk >= 3 and q.sustain_talk >= 2 * max(1, q.change_talk):
        score, _ = score - 1, why.append("the client's arguments against change went unexplored")
    return score, why


def label(q: QualityInputs, feedback: CoachFeedback | None = None) -> tuple[str, str]:
    """(label, rationale)."""
    score, why = points(q)
    if feedback is not None:
        # The score already counts the behaviours behind the markers (reflections 6.7, advice
        # 7.5, open questions 7.6, talk share 7.8); the other markers are named as reasons only,
        # since on expert-rated sessions they did not separate good from poor coaching.
        if feedback.missed_opportunities:
            why.append("missed: " + ", ".join(_uncapitalise(f.observation.split(": ")[0].rstrip("."))
                                               for f in feedback.missed_opportunities[:2]))
    rank = 3 if score >= 4 else 2 if score >= 2 else 1 if score >= 1 else 0
    name = LABELS[rank]
    return name, f"{name}: " + "; ".join(why[:4]) + "." if why else f"{name}."


def _uncapitalise(text: str) -> str:
    """First letter only: quotes inside an observation keep their own case."""
    return text[:1].lower() + text[1:]

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
UNRATED = "Average"  # the label of a transcript without a coach: the schema has no "not rated"
BALANCE_FAIR = 1  # strengths minus missed opportunities at or below which a session is average at best
# The coach steering instead of evoking: reassuring a concern away, leading questions, advice,
# actions set by the coach. Two of them with little to set against them need improvement.
# (Missing structure, such as no agreement, is common in good short sessions; it does not cap.)
DIRECTIVE_MARKERS = {"4.3", "4.4", "7.5", "8.5"}


@dataclass(frozen=True, slots=True)
class QualityInputs:
    presence: PresenceStats
    coach_turns: int
    change_talk: int
    sustain_talk: int
    # advice, telling and leading questions ("Have you thought about...?", "Couldn't you just...?": MITI's
    # persuading without permission; coach_feedback.steering)
    steering: int


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
    directive = (q.steering + p.lectures) / turns
    if directive >= 0.25:
        score, _ = score - 2, why.append("the coach gave advice, explanations or leading suggestions in many turns")
    elif directive >= 0.1:
        score, _ = score - 1, why.append("the coach gave some advice or leading suggestions")
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
    if q.coach_turns == 0:  # a voice memo, or a transcript whose coach was never labelled
        return UNRATED, (f"{UNRATED}, as a neutral label: no one in the transcript speaks as the coach, so "
                         "there is no coaching to rate.")
    score, why = points(q)
    if feedback is not None:
        # The score already counts the behaviours behind the markers (reflections 6.7, advice
        # 7.5, open questions 7.6, talk share 7.8); the other markers are named as reasons only,
        # since on expert-rated sessions they did not separate good from poor coaching.
        if feedback.missed_opportunities:
            why.append("missed: " + ", ".join(_uncapitalise(f.observation.split(": ")[0].rstrip("."))
                                               for f in feedback.missed_opportunities[:2]))
    rank = 3 if score >= 4 else 2 if score >= 2 else 1 if score >= 1 else 0
    if feedback is not None:
        # What the feedback found caps the rating: a session whose missed opportunities match its
        # strengths cannot be rated above average, whatever the counts of reflections say.
        balance = len(feedback.strengths) - len(feedback.missed_opportunities)
        directive = sum(f.pcc_marker.split()[0] in DIRECTIVE_MARKERS for f in feedback.missed_opportunities)
        poor = directive >= 2 and len(feedback.strengths) <= 2
        cap = 0 if poor else 1 if balance <= BALANCE_FAIR else 3
        if cap < rank:
            rank = cap
            strengths, missed = _count(len(feedback.strengths), "strength"), _count(
                len(feedback.missed_opportunities), "missed opportunity", "missed opportunities")
            why.insert(0, f"the coach steered more than they evoked ({missed}, {strengths})" if poor
                       else f"few strengths to set against what was missed ({strengths}, {missed})")
    name = LABELS[rank]
    return name, f"{name}: " + "; ".join(why[:4]) + "." if why else f"{name}."


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _uncapitalise(text: str) -> str:
    """First letter only: quotes inside an observation keep their own case."""
    return text[:1].lower() + text[1:]

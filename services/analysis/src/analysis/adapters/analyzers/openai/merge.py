"""Merging the answers for the parts of a split transcript, so no part's findings are lost."""

import re
from dataclasses import dataclass

import msgspec

from analysis.adapters.analyzers.openai.schema import FEEDBACK_LISTS, LIST_SECTIONS, SINGLE_SECTIONS, LlmInsight
from contracts.insight import CoachFeedback

MAX_THEMES = 8
# What makes two findings "the same" within a list section.
_KEY_FIELD = {"client_discoveries": "insight", "goal_progress": "goal_area", "powerful_questions": "question",
              "action_items": "action", "emotional_shifts": "shift_description", "values_beliefs": "description",
              "strengths": "observation", "missed_opportunities": "observation"}


@dataclass(frozen=True)
class PartAnswer:
    answer: LlmInsight
    chars: int  # how much transcript the part covered


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def merge(parts: list[PartAnswer]) -> LlmInsight:
    if len(parts) == 1:
        return parts[0].answer
    answers = [p.answer for p in parts]
    merged = {name: _merge_list(name, answers) for name in LIST_SECTIONS}
    for name in SINGLE_SECTIONS:
        # The best-evidenced candidate wins (the first on a tie): a short last part cannot
        # override a well-supported finding from earlier in the session.
        candidates = [c for c in (getattr(a, name) for a in answers) if c is not None]
        merged[name] = max(candidates, key=lambda c: len(c.evidence)) if candidates else None
    themes: dict[str, str] = {}
    for theme in (t for a in answers for t in a.key_themes):
        themes.setdefault(_key(theme), theme)
    largest = max(parts, key=lambda p: p.chars)
    return LlmInsight(**merged, coach_feedback=_merge_feedback(answers, largest.answer),
                      session_summary=" ".join(a.session_summary.strip() for a in answers if a.session_summary.strip()),
                      key_themes=list(themes.values())[:MAX_THEMES],
                      overall_session_quality=largest.answer.overall_session_quality)


def _merge_feedback(answers: list[LlmInsight], largest: LlmInsight) -> CoachFeedback | None:
    feedback = [a.coach_feedback for a in answers if a.coach_feedback is not None]
    if not feedback:
        return None
    rationale = largest.coach_feedback.quality_rationale if largest.coach_feedback else feedback[0].quality_rationale
    return CoachFeedback(**{name: _dedupe(name, [i for f in feedback for i in getattr(f, name)])
                            for name in FEEDBACK_LISTS}, quality_rationale=rationale)


def _merge_list(name: str, answers: list[LlmInsight]) -> list:
    return _dedupe(name, [i for a in answers for i in getattr(a, name)])


def _dedupe(name: str, items: list) -> list:
    """In transcript order; a repeated finding keeps its first wording and gains the evidence
    (overlapping parts report the turns they share twice)."""
    by_key: dict[str, object] = {}
    for item in items:
        key = _key(getattr(item, _KEY_FIELD[name]))
        seen = by_key.get(key)
        if seen is None:
            by_key[key] = item
        else:
            evidence = seen.evidence + [q for q in item.evidence if q not in seen.evidence]
            by_key[key] = msgspec.structs.replace(seen, evidence=evidence)
    return list(by_key.values())

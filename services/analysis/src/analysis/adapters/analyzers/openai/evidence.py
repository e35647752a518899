"""Keep only evidence the right person said, verbatim; a claim left without any is dropped.

A client's win, intention or commitment cannot be evidenced by the coach's words, and
feedback on the coaching (and a powerful question) only by the coach's."""

import msgspec

from analysis.adapters.analyzers.openai.schema import FEEDBACK_LISTS, LIST_SECTIONS, SINGLE_SECTIONS, LlmInsight
from analysis.domain.evidence import TranscriptText
from contracts import Transcript
from contracts.insight import PowerfulQuestion

CLIENT_SECTIONS = frozenset({"celebration", "intention", "action_items", "client_discoveries", "values_beliefs",
                             "emotional_shifts"})
COACH_SECTIONS = frozenset({"powerful_questions", "coach_feedback"})


class SpokenText:
    """The transcript's turns by who spoke them. A turn of unknown role may be anyone's,
    so it counts for both: a transcript without roles still keeps its evidence."""

    def __init__(self, transcript: Transcript) -> None:
        turns = transcript.turns
        self.client = TranscriptText([t.text for t in turns if t.role != "coach"])
        self.coach = TranscriptText([t.text for t in turns if t.role != "client"])
        self.anyone = TranscriptText([t.text for t in turns])

    def of(self, section: str) -> TranscriptText:
        if section in CLIENT_SECTIONS:
            return self.client
        return self.coach if section in COACH_SECTIONS else self.anyone


class _Checker:
    def __init__(self, spoken: SpokenText) -> None:
        self.spoken = spoken
        self.dropped = 0

    def claim(self, claim, text: TranscriptText):
        kept: list[str] = []
        for quote in claim.evidence:
            span = text.verbatim(quote)
            if span is None:
                self.dropped += 1
            elif span not in kept:
                kept.append(span)
        return msgspec.structs.replace(claim, evidence=kept) if kept else None

    def question(self, item: PowerfulQuestion) -> PowerfulQuestion | None:
        """The question itself must be the coach's words: its own span, else a quoted question.
        Found verbatim, the question is its own evidence."""
        checked = self.claim(item, self.spoken.coach)
        quotes = checked.evidence if checked else []
        asked = self.spoken.coach.verbatim(item.question) or next((q for q in quotes if "?" in q), None)
        if asked is None:
            self.dropped += 1
            return None
        return msgspec.structs.replace(item, question=asked, evidence=quotes or [asked])

    def feedback(self, feedback):
        lists = {name: [c for c in (self.claim(i, self.spoken.coach) for i in getattr(feedback, name)) if c]
                 for name in FEEDBACK_LISTS}
        if not any(lists.values()) and not feedback.quality_rationale.strip():
            return None
        return msgspec.structs.replace(feedback, **lists)


def keep_spoken(answer: LlmInsight, spoken: SpokenText) -> tuple[LlmInsight, int]:
    """The answer with every quote replaced by its speaker's own span, and the number dropped."""
    check = _Checker(spoken)
    changes: dict = {}
    for name in SINGLE_SECTIONS:
        claim = getattr(answer, name)
        changes[name] = check.claim(claim, spoken.of(name)) if claim is not None else None
    for name in LIST_SECTIONS:
        one = check.question if name == "powerful_questions" else (lambda c, t=spoken.of(name): check.claim(c, t))
        changes[name] = [c for c in map(one, getattr(answer, name)) if c is not None]
    changes["coach_feedback"] = check.feedback(answer.coach_feedback) if answer.coach_feedback else None
    return msgspec.structs.replace(answer, **changes), check.dropped


def quote_count(answer: LlmInsight) -> int:
    claims = [c for c in (getattr(answer, name) for name in SINGLE_SECTIONS) if c is not None]
    claims += [c for name in LIST_SECTIONS for c in getattr(answer, name)]
    if answer.coach_feedback:
        claims += [c for name in FEEDBACK_LISTS for c in getattr(answer.coach_feedback, name)]
    return sum(len(c.evidence) for c in claims)

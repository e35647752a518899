"""Keep only verbatim evidence; a claim left without any is dropped."""

import msgspec

from analysis.adapters.analyzers.openai.schema import LIST_SECTIONS, SINGLE_SECTIONS, LlmInsight
from analysis.domain.evidence import TranscriptText


def keep_verbatim(answer: LlmInsight, text: TranscriptText) -> tuple[LlmInsight, int]:
    """The answer with every quote replaced by the turn's own span, and the number dropped."""
    dropped = 0

    def check(claim):
        nonlocal dropped
        kept: list[str] = []
        for quote in claim.evidence:
            span = text.verbatim(quote)
            if span is None:
                dropped += 1
            elif span not in kept:
                kept.append(span)
        return msgspec.structs.replace(claim, evidence=kept) if kept else None

    changes = {}
    for name in SINGLE_SECTIONS:
        claim = getattr(answer, name)
        changes[name] = check(claim) if claim is not None else None
    for name in LIST_SECTIONS:
        changes[name] = [c for c in map(check, getattr(answer, name)) if c is not None]
    return msgspec.structs.replace(answer, **changes), dropped

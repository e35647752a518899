from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from analysis.domain.errors import TranscriptUnreadable

Outcome = Literal["completed", "failed", "gave_up"]


@dataclass(frozen=True)
class AnalysisRun:
    """One attempt at analysing one transcript (the operator's audit of the analyzer)."""

    insight_id: str
    attempt: int
    analyzer: str
    model: str | None
    outcome: Outcome
    latency_ms: int
    started_at: datetime
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    estimated_cost_usd: float | None = None
    error: str | None = None


@dataclass(frozen=True)
class AnalysisContext:
    insight_id: str
    session_title: str | None = None
    is_unpaired: bool = True


def readable_reason(error: BaseException) -> str:
    """What a user sees on a failed insight: no stack traces, no internals."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, TranscriptUnreadable):
        return text[:300]  # written for the user already
    return f"The analysis could not be completed ({text[:200]})."

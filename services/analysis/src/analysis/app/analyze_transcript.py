"""TranscriptReceived -> Analyzer -> AnalysisCompleted (or, on the last attempt,
AnalysisFailed), recorded as an analysis run, exactly once per transcript.

The analysis itself runs outside any transaction (it can take minutes), so the insight may
be erased meanwhile: every transaction here takes the insight's lock (the one erasure
takes) and looks for the erasure again under it, so a deleted insight gets no run, no copy
and no event written after its erasure."""

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from contracts.subjects import TRANSCRIPT_RECEIVED_V1

from analysis.app.runs import completed_run, failed_run
from analysis.domain.errors import TranscriptUnreadable
from analysis.domain.model import AnalysisContext, readable_reason
from analysis.ports import Analyzer, UnitOfWork
from contracts import AnalysisCompleted, AnalysisFailed, InsightContent, TranscriptReceived


@dataclass(frozen=True)
class Attempt:
    number: int
    last: bool  # no redelivery after this one


# runs one write (a unit of work) to the end: the adapter retries it while the database is
# unavailable, so a finished analysis is not thrown away and done again for a failed write
Persist = Callable[[Callable[[], Awaitable[bool | None]]], Awaitable[bool | None]]


async def write_once(work: Callable[[], Awaitable[bool | None]]) -> bool | None:
    return await work()


class AnalysisFailedForNow(Exception):
    """The analyzer failed and the event will be redelivered."""


def whose(event: TranscriptReceived) -> dict[str, str | None]:
    """The ids a consumer of our results needs (whose insight it is), from the transcript's
    event: AnalysisCompleted and AnalysisFailed carry them instead of the transcript."""
    return {"client_user_id": event.client_user_id, "coach_user_id": event.coach_user_id,
            "coaching_relationship_id": event.coaching_relationship_id}


def context_of(event: TranscriptReceived) -> AnalysisContext:
    return AnalysisContext(insight_id=event.insight_id, session_title=event.session_title,
                           is_unpaired=event.is_unpaired)


async def analyze_transcript(event: TranscriptReceived, attempt: Attempt, analyzer: Analyzer,
                             uow_factory: Callable[[], UnitOfWork], persist: Persist = write_once) -> None:
    async with uow_factory() as uow:
        if await uow.already_handled(event.event_id):
            return
        await uow.lock_insight(event.insight_id)
        if not await uow.transcripts.keep(event):
            return  # erased before we got to it: analyse nothing, keep nothing
        await uow.commit()
    started = datetime.now(UTC)
    clock = time.perf_counter()
    try:
        content = await analyzer.analyze(event.transcript, context_of(event))
    except Exception as exc:
        latency = int((time.perf_counter() - clock) * 1000)
        if isinstance(exc, TranscriptUnreadable):
            attempt = Attempt(attempt.number, last=True)  # another attempt would read it no better
        erased = await persist(lambda: _record_failure(event, attempt, analyzer, uow_factory, exc, started, latency))
        if not attempt.last and not erased:
            raise AnalysisFailedForNow(str(exc)) from exc
        return
    latency = int((time.perf_counter() - clock) * 1000)
    await persist(lambda: _record_completion(event, attempt, content, uow_factory, started, latency))


async def _record_completion(event: TranscriptReceived, attempt: Attempt, content: InsightContent,
                             uow_factory: Callable[[], UnitOfWork], started: datetime, latency: int) -> None:
    async with uow_factory() as uow:
        await uow.lock_insight(event.insight_id)
        if await uow.transcripts.is_erased(event.insight_id):
            return  # erased while we analysed: keep nothing, publish nothing
        if not await uow.first_time(event.event_id, TRANSCRIPT_RECEIVED_V1):
            return  # another worker finished it first
        await uow.runs.add(completed_run(event.insight_id, attempt.number, content, started, latency))
        await uow.emit(AnalysisCompleted(insight_id=event.insight_id, content=content, attempt=attempt.number,
                                          **whose(event)))
        await uow.commit()


async def _record_failure(event: TranscriptReceived, attempt: Attempt, analyzer: Analyzer,
                          uow_factory: Callable[[], UnitOfWork], exc: Exception, started: datetime,
                          latency: int) -> bool:
    """Records the failed attempt (and, on the last, AnalysisFailed); True if the insight
    was erased meanwhile (then nothing is recorded)."""
    async with uow_factory() as uow:
        await uow.lock_insight(event.insight_id)
        if await uow.transcripts.is_erased(event.insight_id):
            return True
        if attempt.last:
            if not await uow.first_time(event.event_id, TRANSCRIPT_RECEIVED_V1):
                return False
            await uow.emit(AnalysisFailed(insight_id=event.insight_id, reason=readable_reason(exc),
                                          attempts=attempt.number, **whose(event)))
        outcome = "gave_up" if attempt.last else "failed"
        await uow.runs.add(failed_run(event.insight_id, attempt.number, analyzer, outcome, exc, started, latency))
        await uow.commit()
    return False

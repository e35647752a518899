"""Operator re-run: analyse the kept transcript again and publish a new AnalysisCompleted
(the insights projection overwrites the content, also of a `failed` insight)."""

import time
from collections.abc import Callable
from datetime import UTC, datetime

from analysis.app.analyze_transcript import context_of, whose
from analysis.app.runs import completed_run, failed_run
from analysis.domain.errors import TranscriptNotKept
from analysis.domain.model import AnalysisRun
from analysis.ports import Analyzer, UnitOfWork
from contracts import AnalysisCompleted


async def rerun_analysis(insight_id: str, analyzer: Analyzer, uow_factory: Callable[[], UnitOfWork]) -> AnalysisRun:
    """Returns the completed run; raises TranscriptNotKept, or the analyzer's error (recorded as a failed run)."""
    async with uow_factory() as uow:
        event = await uow.transcripts.get(insight_id)
        attempt = await uow.runs.last_attempt(insight_id) + 1
    if event is None:
        raise TranscriptNotKept(insight_id)
    started = datetime.now(UTC)
    clock = time.perf_counter()
    try:
        content = await analyzer.analyze(event.transcript, context_of(event))
    except Exception as exc:
        async with uow_factory() as uow:
            await uow.lock_insight(insight_id)
            if await uow.transcripts.is_erased(insight_id):
                raise TranscriptNotKept(insight_id) from exc
            latency = int((time.perf_counter() - clock) * 1000)
            await uow.runs.add(failed_run(insight_id, attempt, analyzer, "failed", exc, started, latency))
            await uow.commit()
        raise
    run = completed_run(insight_id, attempt, content, started, int((time.perf_counter() - clock) * 1000))
    async with uow_factory() as uow:
        await uow.lock_insight(insight_id)
        if await uow.transcripts.is_erased(insight_id):
            raise TranscriptNotKept(insight_id)  # erased while we analysed: publish nothing
        await uow.runs.add(run)
        await uow.emit(AnalysisCompleted(insight_id=insight_id, content=content, attempt=attempt, **whose(event)))
        await uow.commit()
    return run

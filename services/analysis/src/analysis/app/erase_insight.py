from contracts.subjects import INSIGHT_DELETED_V1

from analysis.ports import UnitOfWork
from contracts import InsightDeleted


async def erase_insight(event: InsightDeleted, uow: UnitOfWork) -> None:
    """Erasure: the runs, analysis' copy of the transcript and its outgoing events go; a
    tombstone of the id stays."""
    async with uow:
        if not await uow.first_time(event.event_id, INSIGHT_DELETED_V1):
            return
        # an analysis finishing now waits for this commit, then sees the tombstone
        await uow.lock_insight(event.insight_id)
        await uow.runs.delete_for(event.insight_id)
        await uow.transcripts.erase(event.insight_id)
        await uow.forget_events_about(event.insight_id)  # AnalysisCompleted carries quotes
        await uow.commit()

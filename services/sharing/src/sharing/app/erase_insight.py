"""InsightDeleted -> drop the insight's grants and ownership; a content-free tombstone
stays in the audit trail (it also stops a late TranscriptReceived from bringing it back)."""

from contracts import InsightDeleted, subject_of
from sharing.domain.model import AuditEntry
from sharing.ports import UnitOfWork


async def erase_insight(event: InsightDeleted, uow: UnitOfWork) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        await uow.grants.delete_all(event.insight_id)
        await uow.insights.delete(event.insight_id)
        await uow.audit.append(AuditEntry(
            insight_id=event.insight_id, actor_user_id=event.deleted_by, action="erased", at=event.occurred_at,
        ))
        await uow.commit()

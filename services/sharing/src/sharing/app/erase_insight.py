"""InsightDeleted -> drop everything sharing holds about the insight: grants, comments,
ownership, the audit trail and the events it published about it. One content-free
tombstone stays in the audit trail (it also stops a late TranscriptReceived from
bringing the insight back)."""

from contracts import InsightDeleted, subject_of
from sharing.domain.model import AuditEntry
from sharing.ports import UnitOfWork


async def erase_insight(event: InsightDeleted, uow: UnitOfWork) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        erased_before = await uow.audit.was_erased(event.insight_id)
        # ownership first: a share or comment in flight holds it (FOR SHARE) until it commits,
        # so what it wrote is there to be deleted by the statements below
        await uow.insights.delete(event.insight_id)
        await uow.grants.delete_all(event.insight_id)
        await uow.comments.delete_all(event.insight_id)
        await uow.audit.keep_tombstone_only(event.insight_id)
        if not erased_before:
            await uow.audit.append(AuditEntry(
                insight_id=event.insight_id, actor_user_id=event.deleted_by, action="erased", at=event.occurred_at,
            ))
        await uow.forget_events_about(event.insight_id)
        await uow.commit()

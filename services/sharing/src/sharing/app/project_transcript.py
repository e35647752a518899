"""TranscriptReceived -> remember the insight's owner and pairing (never its content)."""

from contracts import TranscriptReceived, subject_of
from sharing.domain.model import OwnedInsight
from sharing.ports import UnitOfWork


async def project_transcript(event: TranscriptReceived, uow: UnitOfWork) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        # InsightDeleted has its own consumer and may overtake this event: never resurrect
        if not await uow.audit.was_erased(event.insight_id):
            await uow.insights.add(OwnedInsight(
                insight_id=event.insight_id, owner_user_id=event.client_user_id, is_unpaired=event.is_unpaired,
                coach_user_id=event.coach_user_id,
            ))
        await uow.commit()

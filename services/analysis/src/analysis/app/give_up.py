"""The consumer gave up on a TranscriptReceived (its last delivery failed for a reason other
than the analyzer, which analyze_transcript handles itself): the insight must not stay
`processing`, so AnalysisFailed goes out, once. The message becomes a dead letter an
operator can replay; a replay that succeeds publishes AnalysisCompleted, which replaces the
failure."""

import uuid

from contracts.subjects import TRANSCRIPT_RECEIVED_V1

from analysis.app.analyze_transcript import whose
from analysis.domain.model import readable_reason
from analysis.ports import UnitOfWork
from contracts import AnalysisFailed, TranscriptReceived

_GAVE_UP = uuid.UUID("5b0f5a52-4f4c-4b53-9b4e-676176652075")  # namespace of the give-up ids


def give_up_id(event_id: str) -> str:
    """The inbox id of giving up on an event (not the event's own, so a replay still runs)."""
    return str(uuid.uuid5(_GAVE_UP, event_id))


async def give_up(event: TranscriptReceived, error: Exception, deliveries: int, uow: UnitOfWork) -> None:
    async with uow:
        await uow.lock_insight(event.insight_id)
        if await uow.already_handled(event.event_id) or await uow.transcripts.is_erased(event.insight_id):
            return  # completed or failed already, or erased
        if not await uow.first_time(give_up_id(event.event_id), TRANSCRIPT_RECEIVED_V1):
            return
        await uow.emit(AnalysisFailed(insight_id=event.insight_id, reason=readable_reason(error),
                                      attempts=deliveries, **whose(event)))
        await uow.commit()

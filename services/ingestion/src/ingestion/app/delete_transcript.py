"""The client (or, for a paired insight, the relationship's coach) deletes a transcript;
InsightDeleted tells every other service to erase what it holds."""

from contracts import InsightDeleted
from ingestion.domain.errors import NotFound
from ingestion.ports import UnitOfWork


async def delete_transcript(transcript_id: str, user_id: str, uow: UnitOfWork) -> None:
    async with uow:
        stored = await uow.transcripts.get(transcript_id)
        if stored is None or not stored.deletable_by(user_id):
            raise NotFound("no insight of yours has that id")
        await uow.transcripts.delete(transcript_id)
        await uow.emit(InsightDeleted(
            insight_id=transcript_id,
            deleted_by=user_id,
            client_user_id=stored.client_user_id,
            coaching_relationship_id=stored.coaching_relationship_id,
        ))
        await uow.commit()

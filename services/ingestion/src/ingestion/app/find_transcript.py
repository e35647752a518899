from ingestion.domain.errors import NotFound
from ingestion.domain.model import StoredTranscript
from ingestion.ports import UnitOfWork


async def find_transcript(transcript_id: str, user_id: str, uow: UnitOfWork) -> StoredTranscript:
    """A submission the caller may see (the same people who may delete it)."""
    async with uow:
        stored = await uow.transcripts.get(transcript_id)
    if stored is None or not stored.deletable_by(user_id):
        raise NotFound("no insight of yours has that id")
    return stored

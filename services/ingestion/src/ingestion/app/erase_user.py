"""Operator erasure of a user, ingestion's part: every transcript where the user is the
client (paired or unpaired: the client owns the insight) goes through the ordinary delete
path, so each publishes InsightDeleted through the outbox and every service erases its
part. A coach's erasure deletes no transcript: paired insights belong to their clients
(sharing drops the coach's grants and comments). And once an InsightDeleted is out, the
outbox rows naming that insight (the TranscriptReceived carries the whole transcript) go,
and so do the messages they became in the streams."""

from collections.abc import Callable
from typing import Protocol

from contracts import InsightDeleted
from ingestion.app.delete_transcript import delete_transcript
from ingestion.domain.errors import NotFound
from ingestion.ports import UnitOfWork


class ErasureStore(Protocol):
    async def transcripts_of_client(self, user_id: str) -> list[str]: ...
    async def forget_events_about(self, insight_id: str) -> None: ...


async def erase_user(user_id: str, uow_factory: Callable[[], UnitOfWork], store: ErasureStore) -> list[str]:
    erased = []
    for transcript_id in await store.transcripts_of_client(user_id):
        try:
            await delete_transcript(transcript_id, user_id, uow_factory())
        except NotFound:  # deleted meanwhile by its owner: nothing left to do
            continue
        erased.append(transcript_id)
    return erased


async def forget_erased_insight(event: InsightDeleted, store: ErasureStore) -> None:
    """On our own InsightDeleted (so it is published): drop every outbox row naming the
    insight, that event's own row included. Deleting twice is harmless: no inbox needed."""
    await store.forget_events_about(event.insight_id)

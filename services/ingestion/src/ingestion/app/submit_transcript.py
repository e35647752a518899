"""Store a submitted transcript and announce it (TranscriptReceived), in one transaction."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import msgspec
from contracts.events import TranscriptSource
from contracts.limits import MAX_EVENT_BYTES

from contracts import TranscriptReceived, Turn
from ingestion.app.idempotency import (
    IdempotencyClaim,
    IdempotencyKeyReused,
    IdempotentUnitOfWork,
    KeyTaken,
    earlier_result,
    remember,
)
from ingestion.domain import model
from ingestion.domain.errors import NotFound, TranscriptTooLong
from ingestion.domain.roles import assign_roles
from ingestion.ports import IdFactory, UnitOfWork


@dataclass(frozen=True)
class SubmitTranscript:
    uploader_id: str
    turns: list[Turn]
    source_format: str
    transcript_source: TranscriptSource
    coaching_relationship_id: str | None = None  # None: unpaired
    session_date: str | None = None
    session_title: str | None = None
    coach_speaker: str | None = None
    source_filename: str | None = None


async def submit_once(cmd: SubmitTranscript, uow_factory: Callable[[], IdempotentUnitOfWork], new_id: IdFactory,
                      claim: IdempotencyClaim | None) -> model.StoredTranscript:
    """submit_transcript, unless the caller's Idempotency-Key already made a transcript."""
    if claim is not None and (earlier := await earlier_result(claim, uow_factory())):
        return earlier
    try:
        return await submit_transcript(cmd, uow_factory(), new_id, claim)
    except KeyTaken:  # a concurrent retry committed first: answer with its result
        assert claim is not None
        if earlier := await earlier_result(claim, uow_factory()):
            return earlier
        raise IdempotencyKeyReused("this Idempotency-Key is in use by a request that did not finish") from None


async def submit_transcript(cmd: SubmitTranscript, uow: UnitOfWork, new_id: IdFactory,
                            claim: IdempotencyClaim | None = None) -> model.StoredTranscript:
    session_date = model.parse_session_date(cmd.session_date)
    title = model.check_title(cmd.session_title)
    async with uow:
        relationship = None
        if cmd.coaching_relationship_id is not None:
            relationship = await uow.relationships.get(cmd.coaching_relationship_id)
            if relationship is None or not relationship.active or not relationship.includes(cmd.uploader_id):
                raise NotFound("no active coaching relationship of yours has that id")
        transcript = model.check_transcript(assign_roles(
            cmd.turns,
            coach_name=relationship.coach_name if relationship else None,
            client_name=relationship.client_name if relationship else None,
            coach_speaker=cmd.coach_speaker,
            source_format=cmd.source_format,
        ))
        stored = model.StoredTranscript(
            id=new_id(),
            client_user_id=relationship.client_user_id if relationship else cmd.uploader_id,
            coach_user_id=relationship.coach_user_id if relationship else None,
            coaching_relationship_id=relationship.relationship_id if relationship else None,
            created_by=cmd.uploader_id,
            is_unpaired=relationship is None,
            transcript_source=cmd.transcript_source,
            transcript=transcript,
            created_at=datetime.now(UTC),
            session_date=session_date,
            session_title=title,
            source_filename=cmd.source_filename,
        )
        await uow.transcripts.add(stored)
        await remember(claim, stored.id, uow)  # type: ignore[arg-type]  # only with a claim
        await uow.emit(fits_one_message(TranscriptReceived(
            insight_id=stored.id,
            client_user_id=stored.client_user_id,
            coach_user_id=stored.coach_user_id,
            coaching_relationship_id=stored.coaching_relationship_id,
            created_by=stored.created_by,
            is_unpaired=stored.is_unpaired,
            transcript_source=cmd.transcript_source,
            transcript=transcript,
            session_date=session_date,
            session_title=title,
            source_filename=cmd.source_filename,
        )))
        await uow.commit()
    return stored


def fits_one_message(event: TranscriptReceived) -> TranscriptReceived:
    # MAX_TRANSCRIPT_CHARS keeps ordinary text far below NATS' message limit; this catches
    # the rest (many tiny turns, 4-byte characters) before anything is stored.
    size = len(msgspec.json.encode(event))
    if size > MAX_EVENT_BYTES:
        raise TranscriptTooLong(f"the transcript is {size:,} bytes as an event; the limit is {MAX_EVENT_BYTES:,}")
    return event

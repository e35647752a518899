"""A transcript file: extract its text (in a worker thread), then store and announce it
like pasted text. Cheap checks come first so a bad request costs no extraction."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from contracts.limits import MAX_TRANSCRIPT_CHARS

from ingestion.app.idempotency import IdempotencyClaim, IdempotentUnitOfWork, earlier_result
from ingestion.app.submit_transcript import SubmitTranscript, submit_once
from ingestion.domain import model
from ingestion.domain.errors import EmptyFile, TranscriptTooLong
from ingestion.ports import IdFactory, TextExtractor, Upload


@dataclass(frozen=True)
class SubmitUpload:
    uploader_id: str
    upload: Upload  # `filename` already reduced to a safe basename (app/filenames.py)
    coaching_relationship_id: str | None = None  # None: unpaired
    session_date: str | None = None
    session_title: str | None = None
    coach_speaker: str | None = None


async def submit_upload(cmd: SubmitUpload, extractor: TextExtractor,
                        uow_factory: Callable[[], IdempotentUnitOfWork], new_id: IdFactory,
                        claim: IdempotencyClaim | None = None) -> model.StoredTranscript:
    if claim is not None and (earlier := await earlier_result(claim, uow_factory())):
        return earlier  # a retry: no second extraction
    model.parse_session_date(cmd.session_date)
    model.check_title(cmd.session_title)
    if cmd.upload.size == 0:
        raise EmptyFile("the uploaded file is empty")
    extracted = await asyncio.to_thread(extractor.extract, cmd.upload)
    chars = sum(len(turn.text) for turn in extracted.turns)
    if chars > MAX_TRANSCRIPT_CHARS:
        raise TranscriptTooLong(f"the transcript has {chars:,} characters; the limit is {MAX_TRANSCRIPT_CHARS:,}")
    submission = SubmitTranscript(
        uploader_id=cmd.uploader_id,
        turns=extracted.turns,
        source_format=extracted.source_format,
        transcript_source="file_upload",
        coaching_relationship_id=cmd.coaching_relationship_id,
        session_date=cmd.session_date,
        session_title=cmd.session_title,
        coach_speaker=cmd.coach_speaker,
        source_filename=cmd.upload.filename or None,
    )
    return await submit_once(submission, uow_factory, new_id, claim)



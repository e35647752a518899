"""Create (pasted text or a file), look up while pending, and delete transcripts.

Every create takes an optional `Idempotency-Key` header (app/idempotency.py)."""

import asyncio
from collections.abc import Callable
from pathlib import Path

import msgspec
from chassis.identity import Identity
from contracts import Turn
from litestar import Request, Router, delete, get, post

from ingestion.adapters.extractors.plain_text import plain_text_turns
from ingestion.adapters.http.multipart import FILE_FIELD, MAX_BODY_BYTES, MissingFile, spooled_form
from ingestion.adapters.http.responses import (
    InsightAccepted,
    PairedTextRequest,
    UnpairedTextRequest,
    accepted,
    ingestion_problem,
)
from ingestion.app.delete_transcript import delete_transcript
from ingestion.app.find_transcript import find_transcript
from ingestion.app.idempotency import IdempotentUnitOfWork, claim_for
from ingestion.app.submit_transcript import SubmitTranscript, submit_once
from ingestion.app.submit_upload import SubmitUpload, submit_upload
from ingestion.domain.errors import IngestionError, InvalidField
from ingestion.domain.model import check_text
from ingestion.ports import IdFactory, TextExtractor

FORM_FIELDS = ("session_date", "session_title", "coach_speaker")


def pasted_turns(text: str) -> list[Turn]:
    """CPU work (up to 200,000 characters): callers run it in a worker thread, off the event loop."""
    return plain_text_turns(check_text(text))


def routes(uow_factory: Callable[[], IdempotentUnitOfWork], new_id: IdFactory, extractor: TextExtractor,
           spool_dir: Path | None = None) -> list:
    def claim(request: Request, caller: Identity, *what: object):
        return claim_for(caller.user_id, request.headers.get("idempotency-key"), request.url.path, *what)

    async def from_text(request: Request, caller: Identity, body, relationship_id: str | None) -> InsightAccepted:
        idempotency = claim(request, caller, msgspec.to_builtins(body))
        turns = await asyncio.to_thread(pasted_turns, body.transcript_text)
        stored = await submit_once(SubmitTranscript(
            uploader_id=caller.user_id, turns=turns, source_format="text",
            transcript_source="text_input", coaching_relationship_id=relationship_id,
            session_date=body.session_date, session_title=body.session_title, coach_speaker=body.coach_speaker,
        ), uow_factory, new_id, idempotency)
        return accepted(stored)

    async def from_file(request: Request, caller: Identity, paired: bool) -> InsightAccepted:
        async with spooled_form(request, spool_dir) as form:
            relationship_id = None
            if paired and not (relationship_id := form.fields.get("coaching_relationship_id", "").strip()):
                raise InvalidField("coaching_relationship_id is required")
            if form.upload is None:
                raise MissingFile(f"attach the transcript as the form field {FILE_FIELD!r}")
            fields = {name: form.fields.get(name) for name in FORM_FIELDS}
            idempotency = claim(request, caller, relationship_id, fields, form.sha256, form.upload.filename)
            stored = await submit_upload(SubmitUpload(
                uploader_id=caller.user_id, upload=form.upload, coaching_relationship_id=relationship_id, **fields,
            ), extractor, uow_factory, new_id, idempotency)
        return accepted(stored)

    @post("/v1/transcripts/unpaired/from-text", status_code=202)
    async def unpaired_from_text(data: UnpairedTextRequest, request: Request, caller: Identity) -> InsightAccepted:
        return await from_text(request, caller, data, None)

    @post("/v1/transcripts/from-text", status_code=202)
    async def paired_from_text(data: PairedTextRequest, request: Request, caller: Identity) -> InsightAccepted:
        return await from_text(request, caller, data, data.coaching_relationship_id)

    @post("/v1/transcripts", status_code=202, request_max_body_size=MAX_BODY_BYTES)
    async def paired_upload(request: Request, caller: Identity) -> InsightAccepted:
        return await from_file(request, caller, paired=True)

    @post("/v1/transcripts/unpaired", status_code=202, request_max_body_size=MAX_BODY_BYTES)
    async def unpaired_upload(request: Request, caller: Identity) -> InsightAccepted:
        return await from_file(request, caller, paired=False)

    @delete("/v1/transcripts/{transcript_id:str}", status_code=204)
    async def remove(transcript_id: str, caller: Identity) -> None:
        await delete_transcript(transcript_id, caller.user_id, uow_factory())

    @get("/v1/transcripts/{transcript_id:str}")
    async def pending(transcript_id: str, caller: Identity) -> InsightAccepted:
        return accepted(await find_transcript(transcript_id, caller.user_id, uow_factory()))

    handlers = [unpaired_from_text, paired_from_text, paired_upload, unpaired_upload, pending, remove]
    return [Router("/", route_handlers=handlers, exception_handlers={IngestionError: ingestion_problem})]

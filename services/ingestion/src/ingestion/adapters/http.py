"""Ingestion's HTTP API (called by the gateway with the caller's bearer token)."""

from collections.abc import Callable
from datetime import datetime

import msgspec
from chassis.identity import Identity
from chassis.problems import Problem
from litestar import delete, get, post

from ingestion.app.delete_transcript import delete_transcript
from ingestion.app.find_transcript import find_transcript
from ingestion.app.submit_transcript import SubmitTranscript, submit_transcript
from ingestion.domain.errors import IngestionError
from ingestion.domain.model import StoredTranscript, check_text
from ingestion.domain.text_transcript import parse_labelled_text
from ingestion.ports import IdFactory, UnitOfWork


class UnpairedTextRequest(msgspec.Struct, kw_only=True):
    transcript_text: str
    session_date: str | None = None
    session_title: str | None = None
    coach_speaker: str | None = None


class PairedTextRequest(msgspec.Struct, kw_only=True):
    coaching_relationship_id: str
    transcript_text: str
    session_date: str | None = None
    session_title: str | None = None
    coach_speaker: str | None = None


class InsightAccepted(msgspec.Struct, kw_only=True):
    """The spec's SessionInsightResponse for a just-created, still pending insight."""

    id: str
    coaching_relationship_id: str | None
    client_user_id: str
    coach_user_id: str | None
    is_unpaired: bool
    session_date: datetime | None
    session_title: str | None
    session_summary: str = ""
    key_themes: list[str] = []
    overall_session_quality: str = ""
    status: str = "pending"
    created_at: datetime
    completed_at: datetime | None = None
    celebration_count: int = 0
    intention_count: int = 0
    discovery_count: int = 0
    action_item_count: int = 0


def accepted(stored: StoredTranscript) -> InsightAccepted:
    return InsightAccepted(
        id=stored.id, coaching_relationship_id=stored.coaching_relationship_id,
        client_user_id=stored.client_user_id, coach_user_id=stored.coach_user_id,
        is_unpaired=stored.is_unpaired, session_date=stored.session_date,
        session_title=stored.session_title, created_at=stored.created_at,
    )


def as_problem(error: IngestionError) -> Problem:
    return Problem(error.status, error.code, error.message)


def routes(uow_factory: Callable[[], UnitOfWork], new_id: IdFactory) -> list:
    async def from_text(caller: Identity, body, relationship_id: str | None) -> InsightAccepted:
        try:
            text = check_text(body.transcript_text)
            stored = await submit_transcript(SubmitTranscript(
                uploader_id=caller.user_id,
                turns=parse_labelled_text(text),
                source_format="text",
                transcript_source="text_input",
                coaching_relationship_id=relationship_id,
                session_date=body.session_date,
                session_title=body.session_title,
                coach_speaker=body.coach_speaker,
            ), uow_factory(), new_id)
        except IngestionError as error:
            raise as_problem(error) from error
        return accepted(stored)

    @post("/v1/transcripts/unpaired/from-text", status_code=202)
    async def unpaired_from_text(data: UnpairedTextRequest, caller: Identity) -> InsightAccepted:
        return await from_text(caller, data, None)

    @post("/v1/transcripts/from-text", status_code=202)
    async def paired_from_text(data: PairedTextRequest, caller: Identity) -> InsightAccepted:
        return await from_text(caller, data, data.coaching_relationship_id)

    @delete("/v1/transcripts/{transcript_id:str}", status_code=204)
    async def remove(transcript_id: str, caller: Identity) -> None:
        try:
            await delete_transcript(transcript_id, caller.user_id, uow_factory())
        except IngestionError as error:
            raise as_problem(error) from error

    @get("/v1/transcripts/{transcript_id:str}")
    async def pending(transcript_id: str, caller: Identity) -> InsightAccepted:
        try:
            return accepted(await find_transcript(transcript_id, caller.user_id, uow_factory()))
        except IngestionError as error:
            raise as_problem(error) from error

    return [unpaired_from_text, paired_from_text, pending, remove]

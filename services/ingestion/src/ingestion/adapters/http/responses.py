"""Request and response bodies, and IngestionError -> problem+json."""

from datetime import UTC, datetime

import msgspec
from chassis.problems import problem_response
from litestar import Request, Response

from ingestion.domain.errors import IngestionError
from ingestion.domain.model import StoredTranscript


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


def _utc(value: datetime | None) -> datetime | None:
    # as Postgres returns it, so an idempotent replay is byte-for-byte the first answer
    return value.astimezone(UTC) if value else None


def accepted(stored: StoredTranscript) -> InsightAccepted:
    return InsightAccepted(
        id=stored.id, coaching_relationship_id=stored.coaching_relationship_id,
        client_user_id=stored.client_user_id, coach_user_id=stored.coach_user_id,
        is_unpaired=stored.is_unpaired, session_date=_utc(stored.session_date),
        session_title=stored.session_title, created_at=_utc(stored.created_at),
    )


def ingestion_problem(request: Request, error: IngestionError) -> Response:
    return problem_response(error.status, error.code, error.message)

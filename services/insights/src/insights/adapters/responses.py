"""The spec's response shapes (SessionInsightResponse and friends), built from InsightView."""

from datetime import datetime
from typing import Any

import msgspec

from insights.domain.model import InsightView


class SessionInsightResponse(msgspec.Struct, kw_only=True):
    id: str
    coaching_relationship_id: str | None
    client_user_id: str
    coach_user_id: str | None
    is_unpaired: bool
    session_date: datetime | None
    session_title: str | None
    session_summary: str
    key_themes: list[str]
    overall_session_quality: str
    status: str
    created_at: datetime
    completed_at: datetime | None
    processing_error: str | None = None
    celebration_count: int = 0
    intention_count: int = 0
    discovery_count: int = 0
    action_item_count: int = 0


class SessionInsightDetailResponse(SessionInsightResponse, kw_only=True):
    celebration: dict[str, Any] | None = None
    intention: dict[str, Any] | None = None
    client_discoveries: list[dict[str, Any]] = []
    goal_progress: list[dict[str, Any]] = []
    coaching_presence: dict[str, Any] | None = None
    powerful_questions: list[dict[str, Any]] = []
    action_items: list[dict[str, Any]] = []
    emotional_shifts: list[dict[str, Any]] = []
    values_beliefs: list[dict[str, Any]] = []
    communication_patterns: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None


class MyInsightsResponse(msgspec.Struct, kw_only=True):
    paired_insights: list[SessionInsightResponse]
    unpaired_insights: list[SessionInsightResponse]
    total_count: int


class SessionInsightListResponse(msgspec.Struct, kw_only=True):
    insights: list[SessionInsightResponse]
    total_count: int
    relationship_id: str | None = None
    client_name: str
    coach_name: str | None = None


def summary(view: InsightView) -> SessionInsightResponse:
    content = view.content
    return SessionInsightResponse(
        id=view.id,
        coaching_relationship_id=view.coaching_relationship_id,
        client_user_id=view.client_user_id,
        coach_user_id=view.coach_user_id,
        is_unpaired=view.is_unpaired,
        session_date=view.session_date,
        session_title=view.session_title,
        session_summary=content.session_summary if content else "",
        key_themes=list(content.key_themes) if content else [],
        overall_session_quality=content.overall_session_quality if content else "",
        status=view.status,
        created_at=view.created_at,
        completed_at=view.completed_at,
        processing_error=view.processing_error,
        celebration_count=int(bool(content and content.celebration)),
        intention_count=int(bool(content and content.intention)),
        discovery_count=len(content.client_discoveries) if content else 0,
        action_item_count=len(content.action_items) if content else 0,
    )


def detail(view: InsightView) -> SessionInsightDetailResponse:
    base = msgspec.structs.asdict(summary(view))
    sections = msgspec.to_builtins(view.content) if view.content else {}
    for key in ("session_summary", "key_themes", "overall_session_quality"):
        sections.pop(key, None)
    return SessionInsightDetailResponse(**base, **sections)

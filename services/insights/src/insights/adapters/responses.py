"""The spec's response shapes (SessionInsightResponse and friends), built from InsightView."""

from datetime import datetime
from typing import Any

import msgspec

from insights.domain.model import HIDDEN_FROM_SHARED, Access, InsightView, overview_of


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
    # contracts.CoachFeedback: strengths and missed opportunities (PCC marker, observation,
    # suggestion, the coach's words) and the quality rationale; None for insights analysed before it
    coach_feedback: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    permissions: "PermissionsBody | None" = None  # a shared coach's grant; None for client and coach


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


class PermissionsBody(msgspec.Struct, kw_only=True):
    view: bool
    comment: bool
    export: bool


class SharedInsightResponse(SessionInsightResponse, kw_only=True):
    """A list item of shared-with-me: the spec's summary and counts, plus the grant."""

    permissions: PermissionsBody
    shared_at: datetime | None = None
    expires_at: datetime | None = None
    coach_feedback: dict[str, Any] | None = None  # what a coach reading shared sessions looks for first


class SharedWithMeResponse(msgspec.Struct, kw_only=True):
    insights: list[SharedInsightResponse]
    total_count: int


def summary(view: InsightView) -> SessionInsightResponse:
    o = overview_of(view)
    return SessionInsightResponse(
        id=view.id,
        coaching_relationship_id=view.coaching_relationship_id,
        client_user_id=view.client_user_id,
        coach_user_id=view.coach_user_id,
        is_unpaired=view.is_unpaired,
        session_date=view.session_date,
        session_title=view.session_title,
        session_summary=o.session_summary,
        key_themes=list(o.key_themes),
        overall_session_quality=o.overall_session_quality,
        status=view.status,
        created_at=view.created_at,
        completed_at=view.completed_at,
        processing_error=view.processing_error,
        celebration_count=o.celebration_count,
        intention_count=o.intention_count,
        discovery_count=o.discovery_count,
        action_item_count=o.action_item_count,
    )


def shared_summary(view: InsightView) -> SharedInsightResponse:
    grant = view.grants[0]  # shared_with() loads the caller's grant only
    p = grant.permissions
    feedback = overview_of(view).coach_feedback
    shown = msgspec.to_builtins(feedback) if feedback and "coach_feedback" not in HIDDEN_FROM_SHARED else None
    return SharedInsightResponse(**msgspec.structs.asdict(summary(view)),
                                 permissions=PermissionsBody(view=p.view, comment=p.comment, export=p.export),
                                 shared_at=grant.shared_at, expires_at=grant.expires_at, coach_feedback=shown)


def sections(view: InsightView, access: Access) -> dict[str, Any]:
    """The content's sections as plain data, less what this caller's access hides."""
    found = msgspec.to_builtins(view.content) if view.content else {}
    return {key: value for key, value in found.items() if key not in access.hidden_sections}


def detail(view: InsightView, access: Access) -> SessionInsightDetailResponse:
    base = msgspec.structs.asdict(summary(view))
    found = sections(view, access)
    for key in ("session_summary", "key_themes", "overall_session_quality"):
        found.pop(key, None)
    grant = access.grant
    permissions = PermissionsBody(view=grant.permissions.view, comment=grant.permissions.comment,
                                  export=grant.permissions.export) if grant else None
    return SessionInsightDetailResponse(**base, **found, permissions=permissions)


class RelationshipItem(msgspec.Struct, kw_only=True):
    relationship_id: str
    coach_user_id: str
    client_user_id: str
    coach_name: str | None
    client_name: str | None
    status: str
    role: str  # the caller's role in it: coach | client


class RelationshipsResponse(msgspec.Struct, kw_only=True):
    relationships: list[RelationshipItem]

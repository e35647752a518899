"""What the public API answers, for the OpenAPI document at /schema. The gateway relays the
services' bodies as they are; these structs describe them (the sections come from contracts).
Every label field is an enum, with the values the contracts name."""

from datetime import datetime
from typing import Literal

import msgspec
from contracts.events import RelationshipStatus
from contracts.insight import (
    ActionItem,
    Celebration,
    CoachFeedback,
    ClientDiscovery,
    CoachingPresence,
    CommunicationPattern,
    EmotionalShift,
    GoalProgress,
    InsightStatus,
    Intention,
    PowerfulQuestion,
    QualityLabel,
    SessionMetadata,
    ValuesBeliefs,
)
from litestar.openapi.datastructures import ResponseSpec

# "" until the analysis has completed
QualityOrNone = QualityLabel | Literal[""]
RelationshipRole = Literal["coach", "client"]
AuditAction = Literal["granted", "updated", "revoked", "erased"]


class Problem(msgspec.Struct, kw_only=True):
    """RFC 9457 problem details; `code` is stable and meant for programs."""

    type: str
    title: str
    status: int
    code: str
    detail: str


class Permissions(msgspec.Struct, kw_only=True):
    view: bool
    comment: bool
    export: bool


class SessionInsight(msgspec.Struct, kw_only=True):
    id: str
    coaching_relationship_id: str | None
    client_user_id: str
    coach_user_id: str | None
    is_unpaired: bool
    session_date: datetime | None
    session_title: str | None
    session_summary: str
    key_themes: list[str]
    overall_session_quality: QualityOrNone
    status: InsightStatus
    created_at: datetime
    completed_at: datetime | None
    processing_error: str | None = None
    celebration_count: int
    intention_count: int
    discovery_count: int
    action_item_count: int


class SessionInsightDetail(SessionInsight, kw_only=True):
    celebration: Celebration | None = None
    intention: Intention | None = None
    client_discoveries: list[ClientDiscovery] = []
    goal_progress: list[GoalProgress] = []
    coaching_presence: CoachingPresence | None = None
    powerful_questions: list[PowerfulQuestion] = []
    action_items: list[ActionItem] = []
    emotional_shifts: list[EmotionalShift] = []
    values_beliefs: list[ValuesBeliefs] = []
    communication_patterns: CommunicationPattern | None = None
    # feedback on the coaching (strengths, missed opportunities, each with its ICF competency,
    # PCC marker and the coach's words) and why the session got its quality label; null for
    # insights analysed before it existed
    coach_feedback: CoachFeedback | None = None
    metadata: SessionMetadata | None = None
    permissions: Permissions | None = None  # present for a coach reading through a grant


class MyInsights(msgspec.Struct, kw_only=True):
    paired_insights: list[SessionInsight]
    unpaired_insights: list[SessionInsight]
    total_count: int


class RelationshipTimeline(msgspec.Struct, kw_only=True):
    insights: list[SessionInsight]
    total_count: int
    relationship_id: str | None
    client_name: str
    coach_name: str | None


class Relationship(msgspec.Struct, kw_only=True):
    relationship_id: str
    coach_user_id: str
    client_user_id: str
    coach_name: str | None
    client_name: str | None
    status: RelationshipStatus
    role: RelationshipRole  # the caller's role in it


class Relationships(msgspec.Struct, kw_only=True):
    relationships: list[Relationship]


class SharedInsight(SessionInsight, kw_only=True):
    permissions: Permissions
    shared_at: datetime | None = None
    expires_at: datetime | None = None
    coach_feedback: CoachFeedback | None = None


class SharedWithMe(msgspec.Struct, kw_only=True):
    insights: list[SharedInsight]
    total_count: int


class Message(msgspec.Struct, kw_only=True):
    message: str
    insight_id: str
    coach_user_id: str


class Grant(msgspec.Struct, kw_only=True):
    coach_user_id: str
    permissions: Permissions
    expires_at: datetime | None
    granted_at: datetime
    updated_at: datetime


class AuditEntry(msgspec.Struct, kw_only=True):
    actor_user_id: str
    action: AuditAction
    coach_user_id: str | None
    permissions: Permissions | None
    expires_at: datetime | None
    at: datetime


class Shares(msgspec.Struct, kw_only=True):
    insight_id: str
    grants: list[Grant]
    audit: list[AuditEntry]
    audit_total_count: int


class Comment(msgspec.Struct, kw_only=True):
    id: str
    insight_id: str
    author_user_id: str
    body: str
    created_at: datetime


class Comments(msgspec.Struct, kw_only=True):
    insight_id: str
    comments: list[Comment]
    total_count: int


def _problem(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=Problem, description=description, media_type="application/problem+json")


ERRORS = {
    401: _problem("No valid bearer token"),
    404: _problem("Not found, or not yours (ids are not an oracle)"),
    503: _problem("A backing service is down or did not answer in time"),
}
CREATE_ERRORS = {
    **ERRORS,
    400: _problem("Malformed request"),
    409: _problem("Idempotency-Key reused with another body"),
    413: _problem("Upload over 10 MB or text over 200,000 characters"),
    415: _problem("Unknown file type, or content not matching the extension"),
    422: _problem("Empty, unreadable, encrypted or wordless file; invalid field"),
    429: _problem("Too many uploads; see Retry-After"),
}
STREAM_ERRORS = {**ERRORS, 429: _problem("Too many open streams for this user; see Retry-After")}
COMMENT_ERRORS = {
    **ERRORS,
    400: _problem("Malformed request"),
    403: _problem("The grant does not allow commenting"),
    422: _problem("Empty or too long comment"),
    429: _problem("Too many comments; see Retry-After"),
}


def answers(status: int, shape: type | None, description: str, errors: dict = ERRORS) -> dict:
    success = ResponseSpec(data_container=shape, description=description) if shape else None
    return {**errors, **({status: success} if success else {})}

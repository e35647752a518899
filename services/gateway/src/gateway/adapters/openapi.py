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


class FollowThrough(msgspec.Struct, kw_only=True):
    commitment: str  # an action item of this session
    done_in_insight_id: str  # the later session that reports it done
    statement: str  # what it says (a celebration, goal progress or the client's quoted words)
    similarity: float  # cosine of the two in wordllama's embeddings (>= 0.45)


class TrendSession(msgspec.Struct, kw_only=True):
    insight_id: str
    session_date: datetime
    session_title: str | None
    overall_session_quality: QualityOrNone
    quality_score: int | None  # 4 Excellent .. 1 Needs Improvement
    client_talk_share: float | None  # client words / all words; null for sessions projected before it existed
    open_question_ratio: float | None  # open coach questions / coach questions
    commitments: int
    followed_through: int
    follow_through: list[FollowThrough]
    emotional_start: str | None
    emotional_end: str | None
    emotional_start_level: int | None  # 0 Distressed, 1 Uneasy, 2 Neutral, 3 Positive, 4 Optimistic
    emotional_end_level: int | None


class RecurringLabel(msgspec.Struct, kw_only=True):
    label: str
    sessions: int  # how many sessions name it (2 or more)


class Trends(msgspec.Struct, kw_only=True):
    relationship_id: str | None
    client_name: str | None
    coach_name: str | None
    sessions: list[TrendSession]  # oldest first
    recurring_themes: list[RecurringLabel]
    recurring_values: list[RecurringLabel]
    commitments: int
    followed_through: int
    follow_through_rate: float | None  # of commitments made before the latest session


SearchSection = Literal["session_summary", "key_themes", "celebration", "intention", "client_discoveries",
                        "goal_progress", "coaching_presence", "powerful_questions", "action_items",
                        "emotional_shifts", "values_beliefs", "communication_patterns", "coach_feedback"]


class SnippetPart(msgspec.Struct, kw_only=True):
    text: str
    hit: bool  # a searched word (render it highlighted, as text)


class SearchResult(msgspec.Struct, kw_only=True):
    insight_id: str
    section: SearchSection
    item: int  # which claim of the section
    kind: Literal["summary", "theme", "claim", "quote", "feedback"]
    match: Literal["words", "meaning", "listed"]  # listed: no q, the claims the filters select
    score: float  # ts_rank for words, cosine for meaning, 0 when listed
    text: str
    snippet: list[SnippetPart]
    session_title: str | None
    session_date: datetime | None
    coaching_relationship_id: str | None


class SearchResults(msgspec.Struct, kw_only=True):
    query: str
    results: list[SearchResult]
    count: int


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
SEARCH_ERRORS = {**ERRORS, 422: _problem("Unknown section, a date that is not ISO 8601, a bad limit, or nothing "
                                         "to search for (no q and no filter)")}
STREAM_ERRORS = {**ERRORS, 429: _problem("Too many open streams for this user; see Retry-After")}
SHARE_ERRORS = {
    **ERRORS,
    400: _problem("Malformed request"),
    409: _problem("A paired insight (not shareable), or one uploaded moments ago and not yet registered for "
                  "sharing (not_ready; see Retry-After)"),
    422: _problem("Empty or too long coach id, the owner as coach, or an expiry in the past"),
}
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

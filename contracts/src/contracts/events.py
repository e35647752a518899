"""Every event of DESIGN.md's table. Tags are explicit and versioned: a rename of a
class never changes the wire."""

from datetime import datetime
from typing import Literal

import msgspec

from contracts.base import Event
from contracts.insight import InsightContent
from contracts.transcript import Transcript

RelationshipStatus = Literal["active", "paused", "ended"]
TranscriptSource = Literal["file_upload", "text_input", "url_import"]


class CoachingRelationshipChanged(Event, tag="platform.relationship.changed.v1", kw_only=True, frozen=True):
    relationship_id: str
    coach_user_id: str
    client_user_id: str
    status: RelationshipStatus
    coach_name: str | None = None
    client_name: str | None = None


class TranscriptReceived(Event, tag="insights.transcript.received.v1", kw_only=True, frozen=True):
    insight_id: str
    client_user_id: str
    created_by: str
    is_unpaired: bool
    transcript_source: TranscriptSource
    transcript: Transcript
    coaching_relationship_id: str | None = None
    coach_user_id: str | None = None
    session_date: datetime | None = None
    session_title: str | None = None
    source_filename: str | None = None


class AnalysisCompleted(Event, tag="insights.analysis.completed.v1", kw_only=True, frozen=True):
    insight_id: str
    content: InsightContent
    attempt: int = 1


class AnalysisFailed(Event, tag="insights.analysis.failed.v1", kw_only=True, frozen=True):
    insight_id: str
    reason: str
    attempts: int


class SharePermissions(msgspec.Struct, frozen=True, kw_only=True):
    view: bool = True
    comment: bool = False
    export: bool = False


class InsightShared(Event, tag="insights.sharing.granted.v1", kw_only=True, frozen=True):
    insight_id: str
    owner_user_id: str
    coach_user_id: str
    permissions: SharePermissions
    expires_at: datetime | None = None
    # handed out by sharing inside the transaction that locks the (insight, coach) grant:
    # a consumer keeps the change with the highest version (None: sent before versions existed)
    version: int | None = None


class InsightShareRevoked(Event, tag="insights.sharing.revoked.v1", kw_only=True, frozen=True):
    insight_id: str
    owner_user_id: str
    coach_user_id: str
    # handed out by sharing inside the transaction that locks the (insight, coach) grant:
    # a consumer keeps the change with the highest version (None: sent before versions existed)
    version: int | None = None


class InsightDeleted(Event, tag="insights.insight.deleted.v1", kw_only=True, frozen=True):
    insight_id: str
    deleted_by: str
    client_user_id: str | None = None
    coaching_relationship_id: str | None = None

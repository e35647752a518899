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
    """The platform's word on a coaching relationship: who coaches whom, and whether it is
    active, paused or ended."""

    relationship_id: str
    coach_user_id: str
    client_user_id: str
    status: RelationshipStatus
    coach_name: str | None = None
    client_name: str | None = None


class TranscriptReceived(Event, tag="insights.transcript.received.v1", kw_only=True, frozen=True):
    """A transcript was uploaded and normalised: it carries the whole transcript. Only the
    analysis needs it; other consumers should use AnalysisCompleted, which says whose insight
    it is and carries the analysis, not the transcript."""

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
    """The analysis of one transcript (the insight's sections, each claim with its short
    verbatim evidence quotes), never the transcript itself; and whose insight it is, so a
    consumer needs no TranscriptReceived."""

    insight_id: str
    content: InsightContent
    attempt: int = 1
    # Whose insight it is, copied from the TranscriptReceived analysed. None on events sent
    # before these fields existed; relationship and coach are None for an unpaired insight.
    client_user_id: str | None = None
    coach_user_id: str | None = None
    coaching_relationship_id: str | None = None


class AnalysisFailed(Event, tag="insights.analysis.failed.v1", kw_only=True, frozen=True):
    """The analysis gave up on a transcript; `reason` is fit to show a user. A later
    AnalysisCompleted for the same insight (an operator re-run) replaces it."""

    insight_id: str
    reason: str
    attempts: int
    # as on AnalysisCompleted
    client_user_id: str | None = None
    coach_user_id: str | None = None
    coaching_relationship_id: str | None = None


class SharePermissions(msgspec.Struct, frozen=True, kw_only=True):
    view: bool = True
    comment: bool = False
    export: bool = False


class InsightShared(Event, tag="insights.sharing.granted.v1", kw_only=True, frozen=True):
    """A client shared an unpaired insight with a coach, or changed an existing share."""

    insight_id: str
    owner_user_id: str
    coach_user_id: str
    permissions: SharePermissions
    expires_at: datetime | None = None
    # the insight's client, named as on every other event: the owner (only unpaired insights
    # are shared, so there is no relationship). None on events sent before it existed.
    client_user_id: str | None = None
    # handed out by sharing inside the transaction that locks the (insight, coach) grant:
    # a consumer keeps the change with the highest version (None: sent before versions existed)
    version: int | None = None


class InsightShareRevoked(Event, tag="insights.sharing.revoked.v1", kw_only=True, frozen=True):
    """A coach lost access to a shared insight (the client revoked it, or the coach was erased)."""

    insight_id: str
    owner_user_id: str
    coach_user_id: str
    client_user_id: str | None = None  # as on InsightShared
    # handed out by sharing inside the transaction that locks the (insight, coach) grant:
    # a consumer keeps the change with the highest version (None: sent before versions existed)
    version: int | None = None


class InsightDeleted(Event, tag="insights.insight.deleted.v1", kw_only=True, frozen=True):
    """An insight was deleted or its client erased: every consumer must delete everything it
    keeps about this insight_id (content, quotes, copies, derived data)."""

    insight_id: str
    deleted_by: str
    client_user_id: str | None = None
    coaching_relationship_id: str | None = None

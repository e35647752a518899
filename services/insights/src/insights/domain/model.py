"""The read model: an insight as coaches and clients see it, and who may see what of it."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from contracts import InsightContent, SharePermissions
from contracts.insight import CoachFeedback


class InsightNotYetKnown(Exception):
    """An analysis result arrived before its TranscriptReceived: retry later."""


@dataclass(frozen=True)
class Grant:
    coach_user_id: str
    permissions: SharePermissions
    expires_at: datetime | None = None
    shared_at: datetime | None = None

    def active(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


@dataclass(frozen=True)
class Overview:
    """What a list item shows: the spec's summary fields and counts (no sections)."""

    session_summary: str = ""
    key_themes: tuple[str, ...] = ()
    overall_session_quality: str = ""
    celebration_count: int = 0
    intention_count: int = 0
    discovery_count: int = 0
    action_item_count: int = 0
    coach_feedback: CoachFeedback | None = None  # loaded for shared-with-me only


@dataclass(frozen=True)
class InsightView:
    id: str
    client_user_id: str
    coach_user_id: str | None
    coaching_relationship_id: str | None
    is_unpaired: bool
    status: str
    created_at: datetime
    session_date: datetime | None = None
    session_title: str | None = None
    processing_error: str | None = None
    completed_at: datetime | None = None
    content: InsightContent | None = None
    overview: Overview | None = None  # lists load this instead of the whole content
    grants: list[Grant] = field(default_factory=list)
    # from the transcript on arrival (domain.talk): the transcript itself is never kept here
    client_talk_share: float | None = None
    open_question_ratio: float | None = None


def overview_of(insight: InsightView) -> Overview:
    if insight.overview is not None:
        return insight.overview
    c = insight.content
    if c is None:
        return Overview()
    return Overview(session_summary=c.session_summary, key_themes=tuple(c.key_themes),
                    overall_session_quality=c.overall_session_quality,
                    celebration_count=int(c.celebration is not None), intention_count=int(c.intention is not None),
                    discovery_count=len(c.client_discoveries), action_item_count=len(c.action_items),
                    coach_feedback=c.coach_feedback)


Role = Literal["client", "coach", "shared"]

# A shared coach sees every ICF section, the summary, themes and quality rating (that is
# what "view" is for), but not the analysis metadata: provider, model, tokens and cost are
# the client's business. No one ever gets the transcript here: insights never holds it.
# coach_feedback (feedback on the coaching, with the session coach's own words) is shown to
# a shared coach too: a client shares an unpaired session to get a coach's eye on it, and the
# feedback and the quality rationale are what such a second opinion starts from; the quotes in
# it are of the same transcript the other sections already quote.
HIDDEN_FROM_SHARED = frozenset({"metadata"})


@dataclass(frozen=True)
class Access:
    role: Role
    can_comment: bool
    can_export: bool
    grant: Grant | None = None

    @property
    def hidden_sections(self) -> frozenset[str]:
        return HIDDEN_FROM_SHARED if self.role == "shared" else frozenset()


def supersedes(version: int | None, at: datetime, stored_version: int | None, stored_at: datetime) -> bool:
    """Whether a share or revocation replaces the stored state of its (insight, coach) grant.
    Sharing numbers a pair's changes under the pair's lock, so the higher version is the later
    change whatever the clocks said; when either side has no version (sent or stored before
    versions existed) the later time wins, as it did then."""
    if version is not None and stored_version is not None:
        return version > stored_version
    return stored_at <= at


def grant_for(insight: InsightView, user_id: str, now: datetime) -> Grant | None:
    for grant in insight.grants:
        if grant.coach_user_id == user_id and grant.active(now):
            return grant
    return None


def access_for(insight: InsightView, user_id: str, now: datetime) -> Access | None:
    """DESIGN.md's access rules: the client; the relationship's coach (paired only);
    a coach with a live grant (unpaired only). Everyone else: None, as if it did not exist."""
    if user_id == insight.client_user_id:
        return Access("client", can_comment=True, can_export=True)
    if not insight.is_unpaired:
        return Access("coach", can_comment=True, can_export=True) if user_id == insight.coach_user_id else None
    grant = grant_for(insight, user_id, now)
    if grant is None or not grant.permissions.view:
        return None
    return Access("shared", can_comment=grant.permissions.comment, can_export=grant.permissions.export, grant=grant)


def can_read(insight: InsightView, user_id: str, now: datetime) -> bool:
    return access_for(insight, user_id, now) is not None

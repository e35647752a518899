"""The read model: an insight as coaches and clients see it, and who may see it."""

from dataclasses import dataclass, field
from datetime import datetime

from contracts import InsightContent, SharePermissions


class InsightNotYetKnown(Exception):
    """An analysis result arrived before its TranscriptReceived: retry later."""


@dataclass(frozen=True)
class Grant:
    coach_user_id: str
    permissions: SharePermissions
    expires_at: datetime | None = None

    def active(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


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
    grants: list[Grant] = field(default_factory=list)


def grant_for(insight: InsightView, user_id: str, now: datetime) -> Grant | None:
    for grant in insight.grants:
        if grant.coach_user_id == user_id and grant.active(now):
            return grant
    return None


def can_read(insight: InsightView, user_id: str, now: datetime) -> bool:
    """DESIGN.md's access rules: the client; the relationship's coach (paired only);
    a coach with a live grant (unpaired only). Everyone else: as if it did not exist."""
    if user_id == insight.client_user_id:
        return True
    if not insight.is_unpaired:
        return user_id == insight.coach_user_id
    grant = grant_for(insight, user_id, now)
    return grant is not None and grant.permissions.view

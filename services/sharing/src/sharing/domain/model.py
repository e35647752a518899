from dataclasses import dataclass
from datetime import datetime
from typing import Literal

AuditAction = Literal["granted", "updated", "revoked", "erased"]


@dataclass(frozen=True)
class Permissions:
    view: bool = True
    comment: bool = False
    export: bool = False

    def with_view(self) -> "Permissions":
        # a grant without view would grant nothing: comment and export both need to see it
        return Permissions(view=True, comment=self.comment, export=self.export)


@dataclass(frozen=True)
class OwnedInsight:
    """What sharing knows of an insight: whose it is and whether it is unpaired (no content)."""

    insight_id: str
    owner_user_id: str
    is_unpaired: bool
    coach_user_id: str | None = None  # the relationship's coach, for a paired insight


@dataclass(frozen=True)
class Grant:
    insight_id: str
    coach_user_id: str
    permissions: Permissions
    granted_at: datetime
    updated_at: datetime
    expires_at: datetime | None = None

    def active_at(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


@dataclass(frozen=True)
class AuditEntry:
    insight_id: str
    actor_user_id: str
    action: AuditAction
    at: datetime
    coach_user_id: str | None = None
    permissions: Permissions | None = None
    expires_at: datetime | None = None


@dataclass(frozen=True)
class Page:
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class Comment:
    id: str
    insight_id: str
    author_user_id: str
    body: str
    created_at: datetime

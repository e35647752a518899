from datetime import datetime
from typing import Protocol

import numpy as np

from contracts import InsightContent, SharePermissions
from insights.domain.model import InsightView
from insights.domain.search import SearchFilters, SearchHit
from insights.domain.trends import SessionFacts


class Embedder(Protocol):
    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length sentence vectors, one row per text."""


class StatusHints(Protocol):
    """Tells whoever watches an insight (the gateway's live status streams) that its status
    changed, and whoever keeps answers (the gateway's read cache) that what some users read
    changed, after the change is committed: fire-and-forget, a hint to look again, never the
    truth. A hint that cannot be sent is dropped; the watchers also look on their own now and
    then, and the cache keeps an answer only seconds."""

    async def status_changed(self, insight_id: str) -> None: ...

    async def readers_changed(self, user_ids: tuple[str, ...]) -> None:
        """What these users read changed; none named: anyone's."""


class Relationship(Protocol):
    relationship_id: str
    coach_user_id: str
    client_user_id: str
    coach_name: str | None
    client_name: str | None
    status: str


class InsightProjection(Protocol):
    """Write side of the read model: applied by the event projections."""

    async def add_pending(self, insight: InsightView) -> None: ...
    async def complete(self, insight_id: str, content: InsightContent, at: datetime) -> bool: ...
    async def fail(self, insight_id: str, reason: str, at: datetime) -> bool: ...
    async def erase(self, insight_id: str, at: datetime) -> None: ...
    async def is_erased(self, insight_id: str) -> bool: ...
    async def readers(self, insight_id: str) -> tuple[str, ...]:
        """Whoever may see the insight in some answer: its client, its coach, and every coach
        it is or was shared with (sorted; none if there is no such insight)."""
    async def upsert_relationship(self, relationship: Relationship, changed_at: datetime) -> None: ...
    # both apply the change only if it supersedes the stored one (domain.model.supersedes)
    async def upsert_grant(self, insight_id: str, coach_user_id: str, permissions: SharePermissions,
                           expires_at: datetime | None, at: datetime, version: int | None = None) -> None: ...
    async def revoke_grant(self, insight_id: str, coach_user_id: str, at: datetime,
                           version: int | None = None) -> None: ...


class UnitOfWork(Protocol):
    projection: InsightProjection

    async def __aenter__(self) -> "UnitOfWork": ...
    async def __aexit__(self, *exc: object) -> None: ...
    async def first_time(self, event_id: str, subject: str) -> bool: ...
    async def commit(self) -> None: ...


class InsightReader(Protocol):
    """get() loads content and live grants; list methods load the Overview only."""

    async def get(self, insight_id: str) -> InsightView | None: ...
    async def my_insights_page(self, user_id: str, limit: int, offset: int, paired: bool = True,
                               unpaired: bool = True) -> tuple[list[InsightView], int, list[InsightView], int]:
        """(paired, their total, unpaired, their total): each list paged on its own, in one read."""
    async def timeline_page(self, relationship_id: str, user_id: str, limit: int,
                            offset: int) -> tuple["Relationship | None", list[InsightView], int]:
        """The relationship (None: no such one), and the page and total for_relationship() gives."""
    async def for_client(self, user_id: str, unpaired: bool, limit: int, offset: int) -> tuple[list[InsightView], int]: ...
    async def paired_for(self, user_id: str, limit: int,
                         offset: int) -> tuple[list[InsightView], int]: ...
    async def for_relationship(self, relationship_id: str, user_id: str, limit: int,
                               offset: int) -> tuple[list[InsightView], int]:
        """The relationship's paired insights that name the user as client or coach."""
    async def shared_with(self, coach_user_id: str, now: datetime, limit: int,
                          offset: int) -> tuple[list[InsightView], int]: ...
    async def has_expiring_grant(self, coach_user_id: str, now: datetime) -> bool:
        """Whether a grant this coach may view now has an `expires_at`: time alone will change
        what shared_with() lists."""
    async def relationship(self, relationship_id: str) -> Relationship | None: ...
    async def relationships_of(self, user_id: str) -> list[Relationship]: ...
    async def relationship_facts(self, relationship_id: str, user_id: str, limit: int) -> list[SessionFacts]:
        """The newest `limit` completed sessions for_relationship() would list, as trends read them."""
    async def unpaired_facts(self, user_id: str, limit: int) -> list[SessionFacts]: ...


class SearchIndex(Protocol):
    """Search over the insights the caller may read *now* (domain.model.access_for, in SQL)."""

    async def by_words(self, user_id: str, now: datetime, query: str, filters: SearchFilters,
                       limit: int) -> list[SearchHit]:
        """Full-text hits, best rank first, each with its highlighted snippet."""
    async def candidates(self, user_id: str, now: datetime, filters: SearchFilters,
                         cap: int) -> tuple[list[SearchHit], np.ndarray]:
        """The newest `cap` entries the caller may read that pass the filters, with their vectors."""

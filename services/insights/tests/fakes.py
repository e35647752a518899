import dataclasses
from datetime import datetime

from insights.domain.model import Grant, InsightView, supersedes
from insights.ports import InsightProjection, InsightReader, UnitOfWork

from contracts import InsightContent, SharePermissions


class FakeStore(InsightProjection, InsightReader):
    """The read model in memory: projection and reader over the same dicts."""

    def __init__(self) -> None:
        self.insights: dict[str, InsightView] = {}
        self.erased: set[str] = set()
        self.relationships: dict = {}
        self.grant_changes: dict[tuple[str, str], tuple[datetime, int | None, Grant | None]] = {}

    async def add_pending(self, insight: InsightView) -> None:
        self.insights.setdefault(insight.id, insight)

    async def complete(self, insight_id: str, content: InsightContent, at: datetime) -> bool:
        if insight_id not in self.insights:
            return False
        self.insights[insight_id] = dataclasses.replace(self.insights[insight_id], status="completed",
                                                        content=content, completed_at=at)
        return True

    async def fail(self, insight_id: str, reason: str, at: datetime) -> bool:
        current = self.insights.get(insight_id)
        if current is None:
            return False
        if current.status != "completed":
            self.insights[insight_id] = dataclasses.replace(current, status="failed", processing_error=reason)
        return True

    async def erase(self, insight_id: str, at: datetime) -> None:
        self.insights.pop(insight_id, None)
        self.erased.add(insight_id)

    async def is_erased(self, insight_id: str) -> bool:
        return insight_id in self.erased

    async def readers(self, insight_id: str) -> tuple[str, ...]:
        found = self.insights.get(insight_id)
        people = {found.client_user_id, found.coach_user_id} if found else set()
        people |= {coach for (iid, coach) in self.grant_changes if iid == insight_id}
        return tuple(sorted(p for p in people if p))

    async def upsert_relationship(self, relationship, changed_at: datetime) -> None:
        self.relationships[relationship.relationship_id] = relationship

    async def upsert_grant(self, insight_id, coach_user_id, permissions: SharePermissions, expires_at, at,
                           version=None) -> None:
        self._change(insight_id, coach_user_id, at, version, Grant(coach_user_id, permissions, expires_at))

    async def revoke_grant(self, insight_id, coach_user_id, at, version=None) -> None:
        self._change(insight_id, coach_user_id, at, version, None)

    def _change(self, insight_id, coach_user_id, at, version, grant) -> None:
        key = (insight_id, coach_user_id)
        stored = self.grant_changes.get(key)
        if stored is None or supersedes(version, at, stored[1], stored[0]):
            kept = version if version is not None else (stored[1] if stored else None)
            self.grant_changes[key] = (at, kept, grant)

    def _with_grants(self, insight: InsightView) -> InsightView:
        grants = [g for (iid, _), (_, _, g) in self.grant_changes.items() if iid == insight.id and g]
        return dataclasses.replace(insight, grants=grants)

    async def get(self, insight_id: str) -> InsightView | None:
        found = self.insights.get(insight_id)
        return self._with_grants(found) if found else None

    def _page(self, items, limit, offset):
        from insights.app.queries import newest_first
        items = sorted(items, key=newest_first)
        return items[offset:offset + limit], len(items)

    async def for_client(self, user_id, unpaired, limit, offset):
        return self._page([i for i in self.insights.values()
                           if i.client_user_id == user_id and i.is_unpaired == unpaired], limit, offset)

    async def paired_for(self, user_id, limit, offset):
        return self._page([i for i in self.insights.values() if not i.is_unpaired
                           and user_id in (i.client_user_id, i.coach_user_id)], limit, offset)

    async def for_relationship(self, relationship_id, user_id, limit, offset):
        return self._page([i for i in self.insights.values() if i.coaching_relationship_id == relationship_id
                           and not i.is_unpaired and user_id in (i.client_user_id, i.coach_user_id)], limit, offset)

    async def my_insights_page(self, user_id, limit, offset, paired=True, unpaired=True):
        empty = ([], 0)
        p = await self.paired_for(user_id, limit, offset) if paired else empty
        u = await self.for_client(user_id, True, limit, offset) if unpaired else empty
        return (*p, *u)

    async def timeline_page(self, relationship_id, user_id, limit, offset):
        return (self.relationships.get(relationship_id),
                *await self.for_relationship(relationship_id, user_id, limit, offset))

    async def shared_with(self, coach_user_id, now, limit, offset):
        from insights.domain.model import access_for
        found = []
        for insight in map(self._with_grants, self.insights.values()):
            access = access_for(insight, coach_user_id, now)
            if insight.is_unpaired and access and access.grant:
                found.append(dataclasses.replace(insight, grants=[access.grant]))
        return self._page(found, limit, offset)

    async def has_expiring_grant(self, coach_user_id, now) -> bool:
        return any(g is not None and coach == coach_user_id and g.permissions.view and g.expires_at is not None
                   and g.expires_at > now for (_, coach), (_, _, g) in self.grant_changes.items())

    async def relationships_of(self, user_id):
        return sorted((r for r in self.relationships.values() if user_id in (r.coach_user_id, r.client_user_id)),
                      key=lambda r: r.relationship_id)

    async def relationship(self, relationship_id):
        return self.relationships.get(relationship_id)


class FakeUnitOfWork(UnitOfWork):
    def __init__(self, store: FakeStore) -> None:
        self.projection = store
        self.handled: set[str] = set()
        self.commits = 0

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc) -> None:
        pass

    async def first_time(self, event_id: str, subject: str) -> bool:
        if event_id in self.handled:
            return False
        self.handled.add(event_id)
        return True

    async def commit(self) -> None:
        self.commits += 1


class FakeHints:
    """Hints sent, each with the commits made before it (a hint must follow its commit)."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow
        self.sent: list[tuple[str, int]] = []
        self.readers: list[tuple[tuple[str, ...], int]] = []

    async def status_changed(self, insight_id: str) -> None:
        self.sent.append((insight_id, self.uow.commits))

    async def readers_changed(self, user_ids: tuple[str, ...]) -> None:
        self.readers.append((user_ids, self.uow.commits))

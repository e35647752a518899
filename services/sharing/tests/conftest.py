"""In-memory fakes of sharing's ports, offered as fixtures (test modules are imported
with --import-mode=importlib, so a shared fakes module could not be imported)."""

import copy
import dataclasses
from datetime import UTC, datetime

import pytest
from sharing.domain.model import AuditEntry, Comment, Grant, OwnedInsight, Page
from sharing.ports import AuditLog, CommentRepository, GrantRepository, OwnershipRepository, UnitOfWork

from contracts import Event

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


class FakeOwnership(OwnershipRepository):
    def __init__(self) -> None:
        self.rows: dict[str, OwnedInsight] = {}

    async def get(self, insight_id: str) -> OwnedInsight | None:
        return self.rows.get(insight_id)

    async def add(self, insight: OwnedInsight) -> None:
        self.rows.setdefault(insight.insight_id, insight)

    async def delete(self, insight_id: str) -> None:
        self.rows.pop(insight_id, None)


class FakeGrants(GrantRepository):
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], Grant] = {}
        self.versions: dict[tuple[str, str], int] = {}

    async def next_version(self, insight_id: str, coach_user_id: str) -> int:
        key = (insight_id, coach_user_id)
        self.versions[key] = self.versions.get(key, 0) + 1
        return self.versions[key]

    async def get(self, insight_id: str, coach_user_id: str) -> Grant | None:
        return self.rows.get((insight_id, coach_user_id))

    async def for_insight(self, insight_id: str) -> list[Grant]:
        return [g for (i, _), g in self.rows.items() if i == insight_id]

    async def save(self, grant: Grant) -> None:
        self.rows[(grant.insight_id, grant.coach_user_id)] = grant

    async def delete(self, insight_id: str, coach_user_id: str) -> None:
        self.rows.pop((insight_id, coach_user_id), None)

    async def delete_all(self, insight_id: str) -> None:
        self.rows = {k: g for k, g in self.rows.items() if k[0] != insight_id}
        self.versions = {k: v for k, v in self.versions.items() if k[0] != insight_id}

    async def for_coach(self, coach_user_id: str) -> list[Grant]:
        return [g for (_, c), g in self.rows.items() if c == coach_user_id]


class FakeComments(CommentRepository):
    def __init__(self) -> None:
        self.rows: list[Comment] = []

    async def add(self, comment: Comment) -> None:
        self.rows.append(comment)

    async def for_insight(self, insight_id: str, page: Page) -> tuple[list[Comment], int]:
        found = [c for c in self.rows if c.insight_id == insight_id]
        return found[page.offset:page.offset + page.limit], len(found)

    async def delete_all(self, insight_id: str) -> None:
        self.rows = [c for c in self.rows if c.insight_id != insight_id]

    async def delete_by_author(self, author_user_id: str) -> int:
        before = len(self.rows)
        self.rows = [c for c in self.rows if c.author_user_id != author_user_id]
        return before - len(self.rows)


class FakeAudit(AuditLog):
    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    async def append(self, entry: AuditEntry) -> None:
        self.entries.append(entry)

    async def for_insight(self, insight_id: str, page: Page) -> tuple[list[AuditEntry], int]:
        found = [e for e in self.entries if e.insight_id == insight_id]
        return found[page.offset:page.offset + page.limit], len(found)

    async def was_erased(self, insight_id: str) -> bool:
        return any(e.insight_id == insight_id and e.action == "erased" for e in self.entries)

    async def keep_tombstone_only(self, insight_id: str) -> None:
        self.entries = [e for e in self.entries if e.insight_id != insight_id or e.action == "erased"]

    async def forget_user(self, user_id: str, replacement: str) -> None:
        self.entries = [dataclasses.replace(
            e, actor_user_id=replacement if e.actor_user_id == user_id else e.actor_user_id,
            coach_user_id=replacement if e.coach_user_id == user_id else e.coach_user_id) for e in self.entries]


class FakeUnitOfWork(UnitOfWork):
    """Reusable across use cases; state changes and emitted events survive only a commit."""

    def __init__(self) -> None:
        self.insights = FakeOwnership()
        self.grants = FakeGrants()
        self.audit = FakeAudit()
        self.comments = FakeComments()
        self.forgotten: list[str] = []
        self.handled: set[str] = set()
        self.emitted: list[Event] = []
        self.committed = False
        self._pending: list[Event] = []

    async def __aenter__(self) -> "FakeUnitOfWork":
        self.committed = False
        self._pending = []
        self._saved = copy.deepcopy((self.insights, self.grants, self.audit, self.comments, self.handled))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if not self.committed:  # roll back
            self.insights, self.grants, self.audit, self.comments, self.handled = self._saved

    async def first_time(self, event_id: str, subject: str) -> bool:
        if event_id in self.handled:
            return False
        self.handled.add(event_id)
        return True

    async def emit(self, event: Event) -> None:
        self._pending.append(event)

    async def forget_events_about(self, insight_id: str) -> None:
        self.forgotten.append(insight_id)

    async def commit(self) -> None:
        self.emitted.extend(self._pending)
        self._pending = []
        self.committed = True


class FixedClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()

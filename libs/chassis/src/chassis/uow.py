"""One Postgres transaction per use case: state change, inbox claim and outbox rows
commit together; the relay is woken after the commit."""

from collections.abc import Callable

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.inbox import claim
from chassis.outbox import Unpublish, add_event, forget_events
from contracts import Event


class SqlaUnitOfWork:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        outbox: Table | None = None,
        inbox: Table | None = None,
        after_commit: Callable[[], None] | None = None,
        unpublish: Unpublish | None = None,
    ) -> None:
        self._sessions = sessions
        self._outbox = outbox
        self._inbox = inbox
        self._after_commit = after_commit
        self._unpublish = unpublish
        self._forgotten: list[tuple[str, int]] = []
        self.session: AsyncSession

    async def __aenter__(self) -> "SqlaUnitOfWork":
        self.session = self._sessions()
        await self.session.begin()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.session.rollback()  # no-op after commit
        await self.session.close()

    async def first_time(self, event_id: str, subject: str) -> bool:
        assert self._inbox is not None, "this unit of work has no inbox"
        return await claim(self.session, self._inbox, event_id, subject)

    async def emit(self, event: Event) -> None:
        assert self._outbox is not None, "this unit of work has no outbox"
        await add_event(self.session, self._outbox, event)

    async def forget_events_about(self, insight_id: str) -> None:
        """Erasure: the events this service published about the insight go from its outbox
        and, at commit, from the streams."""
        assert self._outbox is not None, "this unit of work has no outbox"
        self._forgotten += await forget_events(self.session, self._outbox, insight_id)

    async def commit(self) -> None:
        if self._forgotten and self._unpublish:
            # before the commit: if NATS is down the whole erasure is retried, rows included
            await self._unpublish(self._forgotten)
            self._forgotten = []
        await self.session.commit()
        if self._after_commit:
            self._after_commit()

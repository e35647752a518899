"""Dead letters: a message a consumer could not handle after its last delivery is
terminated (JetStream will not send it again) and kept here, with the error, so an
operator can list it and replay it once the cause is fixed. Failures of Postgres or NATS
themselves never end here: the consumer waits for them (chassis.consumer)."""

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import msgspec
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    delete,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

log = logging.getLogger(__name__)
# a consumer's handling of a raw message (payload, headers), as when it was delivered
Replay = Callable[[bytes, dict[str, str]], Awaitable[None]]


def dead_letter_table(metadata: MetaData) -> Table:
    table = Table(
        "dead_letters",
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("consumer", String(200), nullable=False),  # the durable consumer that gave up
        Column("subject", String(200), nullable=False),
        Column("event_id", String(36)),  # None: the payload did not even decode
        Column("insight_id", String(36)),  # erasure deletes the insight's dead letters too
        Column("payload", LargeBinary, nullable=False),
        Column("headers", JSONB),
        Column("error", Text, nullable=False),
        Column("deliveries", Integer, nullable=False),
        Column("failed_at", DateTime(timezone=True), nullable=False),
        Column("replayed_at", DateTime(timezone=True)),  # set when a replay succeeded
        Column("replay_error", Text),  # the last replay's failure
    )
    Index("ix_dead_letters_insight", table.c.insight_id)
    Index("ix_dead_letters_open", table.c.failed_at, postgresql_where=table.c.replayed_at.is_(None))
    return table


class _About(msgspec.Struct):
    event_id: str | None = None
    insight_id: str | None = None


class DeadLetterNotFound(LookupError):
    pass


class DeadLetters:
    """One service's dead letters, and the consumers that can replay them."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], table: Table) -> None:
        self._sessions = sessions
        self._table = table
        self._replays: dict[str, Replay] = {}

    def register(self, consumer: str, replay: Replay) -> None:
        self._replays[consumer] = replay

    async def record(self, consumer: str, subject: str, payload: bytes, headers: dict[str, str] | None,
                     error: str, deliveries: int) -> int:
        try:
            about = msgspec.json.decode(payload, type=_About)
        except msgspec.DecodeError:
            about = _About()
        async with self._sessions() as session, session.begin():
            found = await session.execute(self._table.insert().values(
                consumer=consumer, subject=subject, event_id=about.event_id, insight_id=about.insight_id,
                payload=payload, headers=headers or None, error=error[:4000], deliveries=deliveries,
                failed_at=datetime.now(UTC)).returning(self._table.c.id))
            dead_id = found.scalar_one()
        log.error("dead letter %d: %s gave up on %s %s after %d deliveries: %s", dead_id, consumer, subject,
                  about.event_id, deliveries, error.splitlines()[0] if error else "")
        return dead_id

    async def list(self, include_replayed: bool = False) -> list[dict]:
        t = self._table
        query = select(t.c.id, t.c.consumer, t.c.subject, t.c.event_id, t.c.insight_id, t.c.error, t.c.deliveries,
                       t.c.failed_at, t.c.replayed_at, t.c.replay_error).order_by(t.c.id)
        if not include_replayed:
            query = query.where(t.c.replayed_at.is_(None))
        async with self._sessions() as session:
            return [dict(row._mapping) for row in await session.execute(query)]

    async def replay(self, dead_id: int) -> dict:
        """Hand the message to its consumer again; raises what the consumer raises (recorded)."""
        t = self._table
        async with self._sessions() as session:
            row = (await session.execute(select(t).where(t.c.id == dead_id))).first()
        if row is None:
            raise DeadLetterNotFound(dead_id)
        replay = self._replays.get(row.consumer)
        if replay is None:
            raise DeadLetterNotFound(f"no consumer {row.consumer} in this service")
        try:
            await replay(row.payload, row.headers or {})
        except Exception as exc:
            await self._mark(dead_id, replay_error=f"{type(exc).__name__}: {exc}"[:4000])
            raise
        await self._mark(dead_id, replayed_at=datetime.now(UTC), replay_error=None)
        return {"id": dead_id, "consumer": row.consumer, "event_id": row.event_id, "status": "replayed"}

    async def forget(self, insight_id: str) -> None:
        """Erasure: the insight's dead letters go (they may carry its transcript)."""
        async with self._sessions() as session, session.begin():
            await session.execute(delete(self._table).where(self._table.c.insight_id == insight_id))

    async def _mark(self, dead_id: int, **values) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(update(self._table).where(self._table.c.id == dead_id).values(**values))

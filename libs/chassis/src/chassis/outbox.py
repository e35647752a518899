"""Transactional outbox: the event row is written in the caller's transaction; the relay
publishes it to JetStream with Nats-Msg-Id = event_id and marks it sent.

The relay is woken in process right after a commit (no polling delay on the happy path);
a periodic sweep picks up rows a crash or a NATS outage left behind.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import msgspec
from contracts.subjects import INSIGHT_DELETED_V1
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.request_context import HEADER, request_id
from contracts import Event, subject_of

log = logging.getLogger(__name__)
# subject, payload, msg id, headers -> the message's sequence number in its stream
Publish = Callable[[str, bytes, str, dict[str, str] | None], Awaitable[int | None]]
# delete published messages (subject, stream sequence) from their streams: erasure
Unpublish = Callable[[list[tuple[str, int]]], Awaitable[None]]


def outbox_table(metadata: MetaData) -> Table:
    table = Table(
        "outbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("subject", String(200), nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("sent_at", DateTime(timezone=True)),
        Column("headers", JSONB),  # NATS headers to publish with, e.g. the request id
        Column("stream_seq", BigInteger),  # where it landed: erasure deletes it from the stream too
    )
    Index("ix_outbox_unsent", table.c.created_at, postgresql_where=table.c.sent_at.is_(None))
    return table


async def add_event(session: AsyncSession, table: Table, event: Event) -> None:
    values = {"event_id": event.event_id, "subject": subject_of(event), "payload": msgspec.json.encode(event),
              "created_at": datetime.now(UTC)}
    if rid := request_id.get():
        values["headers"] = {HEADER: rid}
    await session.execute(table.insert().values(**values))


async def forget_events(session: AsyncSession, table: Table, insight_id: str) -> list[tuple[str, int]]:
    """Erasure: delete the outbox rows whose payload names the insight, sent or not (a row the
    relay holds locked is deleted once the relay commits). Returns where the sent ones landed,
    so the caller can delete them from the streams as well."""
    payload = func.convert_from(table.c.payload, "UTF8")
    deleted = await session.execute(
        delete(table).where(func.strpos(payload, insight_id) > 0).returning(table.c.subject, table.c.stream_seq))
    # InsightDeleted itself stays in its stream: other services still have to receive it
    return [(subject, seq) for subject, seq in deleted.all() if seq is not None and subject != INSIGHT_DELETED_V1]


class OutboxRelay:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        table: Table,
        publish: Publish,
        sweep_seconds: float = 5.0,
        batch: int = 200,
    ) -> None:
        self._sessions = sessions
        self._table = table
        self._publish = publish
        self._sweep = sweep_seconds
        self._batch = batch
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                while await self.relay_once() == self._batch:
                    pass
                failures = 0
                timeout = self._sweep
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # NATS or Postgres down: retry with backoff
                failures += 1
                timeout = min(0.25 * 2**failures, self._sweep)
                log.warning("outbox relay failed (%s), retrying in %.1fs", exc, timeout)
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                pass
            self._wake.clear()

    async def relay_once(self) -> int:
        """Publish up to one batch of unsent events in order; returns how many went out."""
        t = self._table
        async with self._sessions() as session, session.begin():
            rows = (
                await session.execute(
                    select(t.c.event_id, t.c.subject, t.c.payload, t.c.headers)
                    .where(t.c.sent_at.is_(None))
                    .order_by(t.c.created_at)
                    .limit(self._batch)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            failure: Exception | None = None
            for row in rows:
                try:
                    seq = await self._publish(row.subject, row.payload, row.event_id, row.headers)
                except Exception as exc:  # it and the rest wait for the next try; what went out stays marked
                    failure = exc
                    break
                await session.execute(
                    update(t).where(t.c.event_id == row.event_id).values(sent_at=datetime.now(UTC), stream_seq=seq)
                )
        if failure:
            raise failure
        return len(rows)

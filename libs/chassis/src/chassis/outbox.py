"""Transactional outbox: the event row is written in the caller's transaction; the relay
publishes it to JetStream with Nats-Msg-Id = event_id and marks it sent.

The relay is woken in process right after a commit (no polling delay on the happy path);
a periodic sweep picks up rows a crash or a NATS outage left behind. A row that can never
be published (too big for the server) is set aside as dead, reported, and the rows behind
it go on. Sent rows lose their payload after a retention window and go entirely once their
message has aged out of the stream; what erasure needs (insight id, subject, stream
sequence) stays until then.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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
    Text,
    and_,
    bindparam,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis import tracing
from chassis.request_context import HEADER, request_id
from contracts import Event, subject_of

log = logging.getLogger(__name__)
# subject, payload, msg id, headers -> the message's sequence number in its stream. A publisher
# may also offer `publish_many(messages)` -> each one's sequence or exception, in order: the
# relay then hands it a whole batch (pipelined) instead of one message at a time; and
# `send_many(messages)` -> an awaitable of those outcomes, once every message is written: the
# relay then reads and sends its next batch while the acks of one come back (OutboxRelay.drain).
Publish = Callable[[str, bytes, str, dict[str, str] | None], Awaitable[int | None]]
# delete published messages (subject, stream sequence) from their streams: erasure
Unpublish = Callable[[list[tuple[str, int]]], Awaitable[None]]


class Unpublishable(Exception):
    """This message can never be published as it is (say, bigger than the server takes):
    retrying cannot help, so the relay sets it aside instead of blocking the rows behind it."""


def outbox_table(metadata: MetaData) -> Table:
    table = Table(
        "outbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("subject", String(200), nullable=False),
        Column("payload", LargeBinary),  # NULL once sent and past the retention window
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("sent_at", DateTime(timezone=True)),
        Column("headers", JSONB),  # NATS headers to publish with, e.g. the request id
        Column("stream_seq", BigInteger),  # where it landed: erasure deletes it from the stream too
        Column("insight_id", String(36)),  # the insight the event is about: erasure finds its rows by it
        Column("dead_at", DateTime(timezone=True)),  # set aside: it can never be published
        Column("dead_reason", Text),
    )
    Index("ix_outbox_pending", table.c.created_at,
          postgresql_where=and_(table.c.sent_at.is_(None), table.c.dead_at.is_(None)))
    Index("ix_outbox_insight", table.c.insight_id)
    Index("ix_outbox_sent", table.c.sent_at, postgresql_where=table.c.sent_at.is_not(None))
    Index("ix_outbox_dead", table.c.dead_at, postgresql_where=table.c.dead_at.is_not(None))
    return table


async def add_event(session: AsyncSession, table: Table, event: Event) -> None:
    values = {"event_id": event.event_id, "subject": subject_of(event), "payload": msgspec.json.encode(event),
              "created_at": datetime.now(UTC), "insight_id": getattr(event, "insight_id", None)}
    headers = {HEADER: rid} if (rid := request_id.get()) else {}
    tracing.inject(headers)  # the span that emitted it: the relay's publish span continues its trace
    if headers:
        values["headers"] = headers
    await session.execute(table.insert().values(**values))


async def forget_events(session: AsyncSession, table: Table, insight_id: str) -> list[tuple[str, int]]:
    """Erasure: delete the outbox rows about the insight, sent or not (a row the relay holds
    locked is deleted once the relay commits). Returns where the sent ones landed, so the
    caller can delete them from the streams as well."""
    deleted = await session.execute(
        delete(table).where(table.c.insight_id == insight_id).returning(table.c.subject, table.c.stream_seq))
    # InsightDeleted itself stays in its stream: other services still have to receive it
    return [(subject, seq) for subject, seq in deleted.all() if seq is not None and subject != INSIGHT_DELETED_V1]


async def dead_events(sessions: async_sessionmaker[AsyncSession], table: Table) -> list[dict]:
    """What the relay set aside, oldest first (for an operator)."""
    t = table
    async with sessions() as session:
        rows = await session.execute(
            select(t.c.event_id, t.c.subject, t.c.insight_id, t.c.created_at, t.c.dead_at, t.c.dead_reason)
            .where(t.c.dead_at.is_not(None)).order_by(t.c.dead_at))
        return [dict(row._mapping) for row in rows]


@dataclass(frozen=True)
class Backlog:
    pending: int
    oldest_age_seconds: float  # 0 when nothing is pending
    dead: int


async def outbox_backlog(sessions: async_sessionmaker[AsyncSession], table: Table) -> Backlog:
    """What waits to be published (for metrics); served by the partial indexes."""
    t = table
    async with sessions() as session:
        pending = (await session.execute(
            select(func.count(), func.min(t.c.created_at)).where(t.c.sent_at.is_(None), t.c.dead_at.is_(None)))).one()
        dead = (await session.execute(select(func.count()).where(t.c.dead_at.is_not(None)))).scalar_one()
    age = (datetime.now(UTC) - pending[1]).total_seconds() if pending[1] else 0.0
    return Backlog(pending=pending[0], oldest_age_seconds=max(age, 0.0), dead=dead)


async def prune_outbox(sessions: async_sessionmaker[AsyncSession], table: Table, keep_payload: timedelta,
                       keep_row: timedelta) -> tuple[int, int]:
    """Sent rows lose payload and headers after `keep_payload`; after `keep_row` (as long as
    the stream keeps the message, so erasure can still find it there) they go. Returns
    (rows stripped, rows deleted)."""
    now, t = datetime.now(UTC), table
    async with sessions() as session, session.begin():
        stripped = await session.execute(
            update(t).where(t.c.sent_at < now - keep_payload, t.c.payload.is_not(None))
            .values(payload=None, headers=None))
        deleted = await session.execute(delete(t).where(t.c.sent_at < now - keep_row))
    return stripped.rowcount, deleted.rowcount


def _messages(rows: list) -> list[tuple[str, bytes, str, dict[str, str] | None]]:
    return [(r.subject, r.payload, r.event_id, r.headers) for r in rows]


class OutboxRelay:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        table: Table,
        publish: Publish,
        sweep_seconds: float = 5.0,
        # per batch one select, one pipelined publish and one update: at 500 a relayed event costs
        # ~63 us of the relay's CPU against ~83 at 200 (bench/relay_rate.py, 10,000 events)
        batch: int = 500,
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
                await self.drain()
                failures = 0
                timeout = self._sweep
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # NATS or Postgres down, a full stream: retry with backoff
                failures += 1
                timeout = min(0.25 * 2**failures, self._sweep)
                log.warning("outbox relay failed (%s), retrying in %.1fs", exc, timeout)
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                pass
            self._wake.clear()

    async def relay_once(self) -> int:
        """Publish up to one batch of pending events, pipelined in commit order; returns how
        many it handled (published or set aside).

        Every row of the batch is sent before any ack is awaited (see `publish_many`), so a
        failure (NATS away, a full stream refusing) can leave later rows published and an
        earlier one not: each row is marked by its own outcome, the unpublished ones wait
        for the next try, and re-publishing one that did land is deduplicated by its
        Nats-Msg-Id.

        Marking rows sent commits without waiting for the WAL flush (synchronous_commit off
        for that transaction only): were Postgres to crash and lose the last marks, those
        rows would be published again, which the Nats-Msg-Id de-duplication (and consumers'
        event_id checks) absorb; the event rows themselves were committed durably by their
        producers."""
        async with self._sessions() as session, session.begin():
            rows = await self._pending(session)
            if not rows:
                return 0
            failure = await self._mark(session, rows, await self._publish_many(_messages(rows)))
        if failure:
            raise failure
        return len(rows)

    async def drain(self) -> int:
        """relay_once until nothing is pending, with two batches in flight: while one batch's
        acks come back, the next is read (its rows locked in a transaction of its own, the first
        batch's skipped) and written to the connection behind it, so Postgres and NATS work at
        the same time. Order and outcomes are relay_once's: a batch is sent only after the one
        before it, and each row is marked by its own outcome. Returns how many rows it handled."""
        send_many = getattr(self._publish, "send_many", None)
        if send_many is None:
            total = 0
            while (handled := await self.relay_once()) == self._batch:
                total += handled
            return total + handled
        total, flight = 0, []  # the batches sent whose acks are awaited, oldest first (two at most)
        try:
            while True:
                session = self._sessions()
                flight.append((session, [], None))
                rows = await self._pending(session)
                if rows:
                    flight[-1] = (session, rows, await send_many(_messages(rows)))
                else:
                    await flight.pop()[0].close()
                last = len(rows) < self._batch  # a short batch: nothing more was pending when it was read
                while flight and (len(flight) == 2 or last):
                    total += await self._settle(*flight.pop(0))
                if last:
                    return total
        finally:
            for session, rows, acks in flight:  # a batch before it failed: still mark what of this one landed
                with contextlib.suppress(Exception):
                    if acks is None:
                        await session.close()
                    else:
                        await self._settle(session, rows, acks)

    async def _settle(self, session: AsyncSession, rows: list, acks: Awaitable[list]) -> int:
        try:
            failure = await self._mark(session, rows, await acks)
            await session.commit()
        finally:
            await session.close()  # rolls back what was not committed
        if failure:
            raise failure
        return len(rows)

    async def _pending(self, session: AsyncSession) -> list:
        t = self._table
        return (
            await session.execute(
                select(t.c.event_id, t.c.subject, t.c.payload, t.c.headers)
                .where(t.c.sent_at.is_(None), t.c.dead_at.is_(None))
                .order_by(t.c.created_at)
                .limit(self._batch)
                .with_for_update(skip_locked=True)
            )
        ).all()

    async def _mark(self, session: AsyncSession, rows: list, outcomes: list) -> BaseException | None:
        """Each row marked by its outcome: sent (with its stream sequence), dead, or left to retry
        (the first such failure is returned)."""
        t = self._table
        now = datetime.now(UTC)
        sent, dead, failure = [], [], None
        for row, outcome in zip(rows, outcomes, strict=True):
            if isinstance(outcome, Unpublishable):
                log.error("outbox: event %s (%s) can never be published, set aside as dead: %s",
                          row.event_id, row.subject, outcome)
                dead.append({"b_id": row.event_id, "b_reason": str(outcome)[:1000]})
            elif isinstance(outcome, BaseException):  # it waits for the next try; what went out is marked
                failure = failure or outcome
            else:
                sent.append((row.event_id, outcome))
        if sent:  # one statement for the whole batch, not a round trip a row
            await session.execute(text("SET LOCAL synchronous_commit = off"))  # see relay_once
            v = select(func.unnest(bindparam("ids", [i for i, _ in sent], ARRAY(String))).label("id"),
                       func.unnest(bindparam("seqs", [q for _, q in sent], ARRAY(BigInteger))).label("seq")
                       ).subquery("v")
            await session.execute(update(t).where(t.c.event_id == v.c.id).values(sent_at=now, stream_seq=v.c.seq))
        if dead:
            await session.execute(update(t).where(t.c.event_id == bindparam("b_id"))
                                  .values(dead_at=now, dead_reason=bindparam("b_reason")), dead)
        return failure

    async def _publish_many(self, messages: list[tuple[str, bytes, str, dict[str, str] | None]]
                            ) -> list[int | None | Exception]:
        if (many := getattr(self._publish, "publish_many", None)) is not None:
            return await many(messages)
        outcomes: list[int | None | Exception] = []  # a plain Publish: one at a time, stopping at a failure
        for n, message in enumerate(messages):
            try:
                outcomes.append(await self._publish(*message))
            except Unpublishable as exc:
                outcomes.append(exc)
            except Exception as exc:
                outcomes += [exc] * (len(messages) - n)
                break
        return outcomes

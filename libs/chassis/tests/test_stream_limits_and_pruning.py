"""Defect: streams discarded silently (limits retention, discard old: a lagging consumer lost
unread TranscriptReceived / InsightDeleted), and outbox and inbox grew forever while erasure
scanned every outbox payload. Now a full stream refuses new events, which wait in the
outbox until there is room (nothing a consumer still needs is dropped), how full each
stream is can be read and is warned about above 80%, sent events are pruned to what
erasure needs and then deleted, old inbox ids go, and erasure finds rows by an index."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest
from chassis.db import make_engine, make_sessions
from chassis.inbox import claim, inbox_table, prune_inbox
from chassis.messaging import ensure_streams, jetstream_publisher, make_broker, stream_usage, warn_near_limits
from chassis.outbox import OutboxRelay, forget_events, outbox_table, prune_outbox
from chassis.service import ServiceRuntime
from chassis.settings import CommonSettings
from chassis.uow import SqlaUnitOfWork
from nats.js.api import AckPolicy, ConsumerConfig
from sqlalchemy import MetaData, func, select, text, update

from contracts import AnalysisFailed, InsightDeleted

metadata = MetaData(schema="chassis_test")
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


@pytest.fixture
async def sessions(database_url):
    engine = make_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text("create schema chassis_test"))
        await conn.run_sync(metadata.create_all)
    yield make_sessions(engine)
    await engine.dispose()


@pytest.fixture
async def broker(nats_url):
    broker = make_broker(nats_url, "chassis-test")
    await broker.connect()
    yield broker
    await broker.stop()


async def emit(sessions, relay, event) -> None:
    async with SqlaUnitOfWork(sessions, outbox=outbox, after_commit=relay.wake if relay else None) as uow:
        await uow.emit(event)
        await uow.commit()


async def unsent(sessions) -> int:
    async with sessions() as session:
        return (await session.execute(select(func.count()).where(outbox.c.sent_at.is_(None)))).scalar_one()


async def eventually(check, timeout: float = 20) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_a_full_stream_refuses_new_events_which_wait_in_the_outbox_and_none_is_dropped(
        sessions, broker, nats_url, caplog):
    await ensure_streams(broker, max_msgs=4)
    js = broker.config.connection_state.stream
    # a consumer that has read nothing yet: everything in the stream is still owed to it
    await js.add_consumer("INGESTION", ConsumerConfig(durable_name="laggard", ack_policy=AckPolicy.EXPLICIT))
    relay = OutboxRelay(sessions, outbox, jetstream_publisher(broker), sweep_seconds=0.3)
    relay.start()
    try:
        for n in range(6):
            await emit(sessions, relay, InsightDeleted(insight_id=f"i{n}", deleted_by="u"))
        await eventually(lambda: _equals(unsent(sessions), 2))
        await asyncio.sleep(1)  # the relay keeps trying; the stream keeps refusing
        assert await unsent(sessions) == 2
        state = (await js.stream_info("INGESTION")).state
        assert (state.first_seq, state.messages) == (1, 4)  # nothing unread thrown away for room

        with caplog.at_level(logging.WARNING, logger="chassis.messaging"):
            [near] = await warn_near_limits(broker)
        assert (near.stream, near.fullness, near.consumers_pending) == ("INGESTION", 1.0, 4)
        assert "stream INGESTION is 100% full" in caplog.text
        assert {u.stream for u in await stream_usage(broker)} == {"PLATFORM", "INGESTION", "ANALYSIS", "SHARING"}

        await ensure_streams(broker, max_msgs=100)  # the operator makes room
        relay.wake()
        await eventually(lambda: _equals(unsent(sessions), 0))
        state = (await js.stream_info("INGESTION")).state
        assert (state.first_seq, state.messages) == (1, 6)
        assert await warn_near_limits(broker) == []
    finally:
        await relay.stop()


async def _equals(value, expected) -> bool:
    return await value == expected


async def test_sent_events_keep_only_what_erasure_needs_then_go(sessions, broker, nats_url):
    await ensure_streams(broker)
    relay = OutboxRelay(sessions, outbox, jetstream_publisher(broker), sweep_seconds=0.3)
    relay.start()
    try:
        await emit(sessions, relay, AnalysisFailed(insight_id="i1", reason="llm down", attempts=1))
        # another insight's event that merely mentions i1 is not about i1
        await emit(sessions, relay, AnalysisFailed(insight_id="i2", reason="see i1", attempts=1))
        await eventually(lambda: _equals(unsent(sessions), 0))
    finally:
        await relay.stop()

    assert await prune_outbox(sessions, outbox, timedelta(hours=24), timedelta(days=31)) == (0, 0)  # too recent
    assert await prune_outbox(sessions, outbox, timedelta(0), timedelta(days=31)) == (2, 0)
    async with sessions() as session:
        rows = (await session.execute(select(outbox).order_by(outbox.c.created_at))).all()
    assert [(r.insight_id, r.payload, r.headers) for r in rows] == [("i1", None, None), ("i2", None, None)]
    assert all(r.stream_seq for r in rows)

    async with sessions() as session, session.begin():  # erasure still finds where i1's event landed
        assert await forget_events(session, outbox, "i1") == [("insights.v1.analysis.failed", rows[0].stream_seq)]
        await session.execute(text("set local enable_seqscan = off"))
        plan = "\n".join((await session.execute(
            text("explain delete from chassis_test.outbox where insight_id = 'i2'"))).scalars())
    assert "ix_outbox_insight" in plan

    assert await prune_outbox(sessions, outbox, timedelta(0), timedelta(0)) == (0, 1)  # aged out of the stream


async def test_old_inbox_ids_are_pruned(sessions):
    async with sessions() as session, session.begin():
        for event_id in ("old", "new"):
            await claim(session, inbox, event_id, "s")
        await session.execute(update(inbox).where(inbox.c.event_id == "old")
                              .values(handled_at=datetime.now(UTC) - timedelta(days=40)))
    assert await prune_inbox(sessions, inbox, timedelta(days=31)) == 1
    async with sessions() as session:
        assert list((await session.execute(select(inbox.c.event_id))).scalars()) == ["new"]


async def test_the_service_housekeeping_prunes_both(sessions, database_url, nats_url):
    settings = CommonSettings(database_url=database_url, nats_url=nats_url, host="127.0.0.1", port=0,
                              outbox_keep_payload_hours=0)
    runtime = ServiceRuntime("chassis-test", settings, migrations=None, schema="chassis_test")
    runtime.with_outbox(outbox)
    runtime.with_inbox(inbox)
    await runtime.broker.connect()
    try:
        await ensure_streams(runtime.broker)
        await emit(runtime.sessions, None, AnalysisFailed(insight_id="i3", reason="r", attempts=1))
        await runtime.relay.relay_once()
        await runtime.housekeep_once()
        async with runtime.sessions() as session:
            [row] = (await session.execute(select(outbox))).all()
        assert row.sent_at is not None and row.payload is None and row.insight_id == "i3"
    finally:
        await runtime.broker.stop()
        await runtime.engine.dispose()

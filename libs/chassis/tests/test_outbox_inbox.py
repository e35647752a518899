"""The outbox relay and the inbox on a real Postgres and a real nats-server."""

import asyncio

import msgspec
import nats
import pytest
from chassis.db import make_engine, make_sessions
from chassis.inbox import inbox_table
from chassis.messaging import ensure_streams, jetstream_publisher, make_broker
from chassis.outbox import OutboxRelay, outbox_table
from chassis.uow import SqlaUnitOfWork
from sqlalchemy import MetaData, text

from contracts import InsightDeleted

metadata = MetaData(schema="chassis_test")
outbox = outbox_table(metadata)
inbox = inbox_table(metadata)


@pytest.fixture
async def wiring(database_url, nats_url):
    engine = make_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text("create schema chassis_test"))
        await conn.run_sync(metadata.create_all)
    broker = make_broker(nats_url, "chassis-test")
    await broker.connect()
    await ensure_streams(broker)
    relay = OutboxRelay(make_sessions(engine), outbox, jetstream_publisher(broker), sweep_seconds=0.5)
    relay.start()
    yield make_sessions(engine), relay
    await relay.stop()
    await broker.stop()
    await engine.dispose()


async def received_events(nats_url: str, expected: int, timeout: float = 15) -> list[InsightDeleted]:
    client = await nats.connect(nats_url)
    try:
        sub = await client.jetstream().pull_subscribe("insights.v1.insight.deleted", durable=None)
        events: list[InsightDeleted] = []
        deadline = asyncio.get_running_loop().time() + timeout
        while len(events) < expected and asyncio.get_running_loop().time() < deadline:
            try:
                for msg in await sub.fetch(expected - len(events), timeout=0.5):
                    events.append(msgspec.json.decode(msg.data, type=InsightDeleted))
                    await msg.ack()
            except (TimeoutError, nats.errors.TimeoutError):
                pass
        return events
    finally:
        await client.close()


async def emit(sessions, relay, event) -> None:
    async with SqlaUnitOfWork(sessions, outbox=outbox, inbox=inbox, after_commit=relay.wake) as uow:
        await uow.emit(event)
        await uow.commit()


async def test_committed_events_are_published_once_with_their_id(wiring, nats_url):
    sessions, relay = wiring
    events = [InsightDeleted(insight_id=f"i{n}", deleted_by="u") for n in range(3)]
    for event in events:
        await emit(sessions, relay, event)
    got = await received_events(nats_url, 3)
    assert [e.event_id for e in got] == [e.event_id for e in events]
    assert await relay.relay_once() == 0  # all marked sent


async def test_a_rolled_back_transaction_publishes_nothing(wiring, nats_url):
    sessions, relay = wiring
    async with SqlaUnitOfWork(sessions, outbox=outbox, after_commit=relay.wake) as uow:
        await uow.emit(InsightDeleted(insight_id="never", deleted_by="u"))
        # no commit: leaving the block rolls back
    await emit(sessions, relay, InsightDeleted(insight_id="real", deleted_by="u"))
    assert [e.insight_id for e in await received_events(nats_url, 2, timeout=3)] == ["real"]


async def test_events_written_while_nats_is_down_go_out_when_it_returns(wiring, nats_server, nats_url):
    sessions, relay = wiring
    nats_server.stop()
    try:
        for n in range(3):
            await emit(sessions, relay, InsightDeleted(insight_id=f"offline-{n}", deleted_by="u"))
        await asyncio.sleep(1.0)
        async with sessions() as session:
            unsent = (await session.execute(text("select count(*) from chassis_test.outbox where sent_at is null")))
            assert unsent.scalar_one() == 3
    finally:
        nats_server.start()
    got = await received_events(nats_url, 3, timeout=20)
    assert sorted(e.insight_id for e in got) == ["offline-0", "offline-1", "offline-2"]


async def test_inbox_claims_an_event_id_once(wiring):
    sessions, _ = wiring
    outcomes = []
    for _ in range(2):
        async with SqlaUnitOfWork(sessions, inbox=inbox) as uow:
            outcomes.append(await uow.first_time("evt-1", "s"))
            await uow.commit()
    assert outcomes == [True, False]

"""Defect: one event a little under 1 MiB, plus its headers, went over the server's
max_payload; nats-server closed the connection, nats-py took that as final, and the relay
retried that oldest row forever: nothing the service published went out any more.
Now an event that fits MAX_EVENT_BYTES always goes out with its headers, one that can never
be published is set aside (dead, reported) while the rows behind it go on, and a
connection closed for good is reopened, subscribers included."""

import asyncio
from datetime import UTC, datetime

import msgspec
import nats
import pytest
from chassis.consumer import durable_consumer
from chassis.db import make_engine, make_sessions
from chassis.inbox import inbox_table
from chassis.messaging import ensure_streams, jetstream_publisher, make_broker
from chassis.outbox import OutboxRelay, dead_events, outbox_table
from chassis.request_context import HEADER
from chassis.uow import SqlaUnitOfWork
from contracts.limits import MAX_EVENT_BYTES, NATS_MAX_PAYLOAD
from contracts.subjects import INSIGHT_DELETED_V1
from sqlalchemy import MetaData, select, text

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
    sessions = make_sessions(engine)
    relay = OutboxRelay(sessions, outbox, jetstream_publisher(broker), sweep_seconds=0.5)
    relay.start()
    yield sessions, relay, broker
    await relay.stop()
    await broker.stop()
    await engine.dispose()


def padded_event(insight_id: str, size: int) -> bytes:
    """An InsightDeleted-shaped payload of exactly `size` bytes."""
    event = InsightDeleted(insight_id=insight_id, deleted_by="u")
    bare = msgspec.json.encode(event)
    filler = size - len(bare) - len(b',"padding":""')
    return bare[:-1] + b',"padding":"' + b"x" * filler + b'"}'


async def write_raw(sessions, event_id: str, payload: bytes, request_id: str) -> None:
    async with sessions() as session, session.begin():
        await session.execute(outbox.insert().values(
            event_id=event_id, subject=INSIGHT_DELETED_V1, payload=payload, created_at=datetime.now(UTC),
            headers={HEADER: request_id}, insight_id=event_id[:36]))


async def emit(sessions, relay, event) -> None:
    async with SqlaUnitOfWork(sessions, outbox=outbox, after_commit=relay.wake) as uow:
        await uow.emit(event)
        await uow.commit()


async def received(nats_url: str, expected: int, timeout: float = 15) -> list[bytes]:
    client = await nats.connect(nats_url)
    try:
        sub = await client.jetstream().pull_subscribe(INSIGHT_DELETED_V1, durable=None)
        got: list[bytes] = []
        deadline = asyncio.get_running_loop().time() + timeout
        while len(got) < expected and asyncio.get_running_loop().time() < deadline:
            try:
                for msg in await sub.fetch(expected - len(got), timeout=0.5):
                    got.append(msg.data)
                    await msg.ack()
            except (TimeoutError, nats.errors.TimeoutError):
                pass
        return got
    finally:
        await client.close()


async def test_the_largest_event_a_producer_may_write_goes_out_with_its_headers(wiring, nats_url):
    sessions, relay, broker = wiring
    assert MAX_EVENT_BYTES < NATS_MAX_PAYLOAD
    await write_raw(sessions, "at-the-limit", padded_event("at-the-limit", MAX_EVENT_BYTES), "r" * 128)
    relay.wake()
    [data] = await received(nats_url, 1)
    assert len(data) == MAX_EVENT_BYTES
    assert broker.config.connection_state.connection.is_connected


async def test_an_event_the_server_cannot_take_is_set_aside_and_the_rest_go_out(wiring, nats_url):
    sessions, relay, broker = wiring
    # under max_payload by itself, over it with the headers: the server would close the connection
    await write_raw(sessions, "too-big", padded_event("too-big", NATS_MAX_PAYLOAD - 40), "r" * 64)
    await emit(sessions, relay, InsightDeleted(insight_id="behind-it", deleted_by="u"))

    [data] = await received(nats_url, 1)
    assert msgspec.json.decode(data, type=InsightDeleted).insight_id == "behind-it"
    await asyncio.sleep(0.3)  # the relay commits its batch after publishing it
    async with sessions() as session:
        row = (await session.execute(select(outbox).where(outbox.c.event_id == "too-big"))).one()
    assert row.sent_at is None and row.dead_at is not None and "the server takes at most" in row.dead_reason
    assert [d["event_id"] for d in await dead_events(sessions, outbox)] == ["too-big"]  # what an operator lists
    assert broker.config.connection_state.connection.is_connected  # never sent, so never cut off
    assert await relay.relay_once() == 0  # a dead row is not tried again


async def test_a_connection_the_server_closed_for_good_is_reopened_with_its_subscribers(database_url, nats_url):
    engine = make_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text("create schema chassis_test"))
        await conn.run_sync(metadata.create_all)
    sessions = make_sessions(engine)
    broker = make_broker(nats_url, "chassis-test")
    consumed: list[str] = []

    async def handle(event: InsightDeleted, message) -> None:
        consumed.append(event.insight_id)

    durable_consumer(broker, InsightDeleted, "reopen-test", handle, max_deliver=3)
    await broker.connect()
    await ensure_streams(broker)
    await broker.start()
    relay = OutboxRelay(sessions, outbox, jetstream_publisher(broker), sweep_seconds=0.5)
    relay.start()
    try:
        await emit(sessions, relay, InsightDeleted(insight_id="before", deleted_by="u"))
        await wait_for(lambda: consumed == ["before"])

        # a protocol error makes nats-server close the connection (nats-py alone would give up on it,
        # and FastStream's pull consumer would then spin on it and freeze the event loop)
        connection = broker.config.connection_state.connection
        await connection.publish(INSIGHT_DELETED_V1, b"x" * (connection.max_payload - 10), headers={"a": "b" * 64})
        await wait_for(lambda: not connection.is_connected)

        await emit(sessions, relay, InsightDeleted(insight_id="after", deleted_by="u"))
        await wait_for(lambda: consumed == ["before", "after"], timeout=20)
        assert connection.is_connected and not connection.is_closed
    finally:
        await relay.stop()
        await broker.stop()
        await engine.dispose()


async def wait_for(condition, timeout: float = 10) -> None:
    # (a frozen event loop would never get here: pytest-timeout would end the run)
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)

"""Defect: events were dropped silently after max_deliver. A Postgres restart of a few
seconds used up every delivery (NACK, redeliver, fail again) and JetStream then dropped
the message. Now an unavailable Postgres or NATS costs no delivery (the consumer keeps the
message and waits for it), and a message that truly fails is given up on visibly: the
service's give-up hook, a dead letter an operator can list and replay, and a terminate."""

import asyncio
import time

import msgspec
import nats
import pytest
from chassis.consumer import durable_consumer
from chassis.db import make_engine, make_sessions
from chassis.deadletter import DeadLetters, dead_letter_table
from chassis.inbox import inbox_table
from chassis.messaging import ensure_streams, make_broker
from chassis.uow import SqlaUnitOfWork
from contracts.subjects import INSIGHT_DELETED_V1
from sqlalchemy import Column, MetaData, String, Table, func, select, text

from contracts import InsightDeleted

metadata = MetaData(schema="chassis_test")
inbox = inbox_table(metadata)
dead = dead_letter_table(metadata)
handled = Table("handled", metadata, Column("event_id", String(36), primary_key=True),
                Column("insight_id", String(36)))


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
    yield broker
    await broker.stop()


async def record(sessions, event: InsightDeleted) -> None:
    async with SqlaUnitOfWork(sessions, inbox=inbox) as uow:
        if await uow.first_time(event.event_id, INSIGHT_DELETED_V1):
            await uow.session.execute(handled.insert().values(event_id=event.event_id, insight_id=event.insight_id))
        await uow.commit()


async def publish(nats_url: str, events: list[InsightDeleted]) -> None:
    client = await nats.connect(nats_url)
    try:
        for event in events:
            await client.jetstream().publish(INSIGHT_DELETED_V1, msgspec.json.encode(event),
                                             headers={"Nats-Msg-Id": event.event_id})
    finally:
        await client.close()


async def count(sessions, table: Table) -> int:
    async with sessions() as session:
        return (await session.execute(select(func.count()).select_from(table))).scalar_one()


async def eventually(check, timeout: float = 30) -> float:
    started = time.monotonic()
    while not await check():
        assert time.monotonic() - started < timeout, "timed out"
        await asyncio.sleep(0.1)
    return time.monotonic() - started


async def test_a_postgres_restart_uses_up_no_delivery_and_loses_nothing(sessions, broker, nats_url, postgres_server):
    letters = DeadLetters(sessions, dead)
    durable_consumer(broker, InsightDeleted, "restart-test", lambda e, m: record(sessions, e), max_deliver=3,
                     ack_wait=3, batch_size=5, dead_letters=letters)
    await broker.connect()
    await ensure_streams(broker)
    await broker.start()
    await publish(nats_url, [InsightDeleted(insight_id=f"before-{n}", deleted_by="u") for n in range(5)])
    await eventually(lambda: _is(count(sessions, handled), 5))

    postgres_server.stop()
    try:
        await publish(nats_url, [InsightDeleted(insight_id=f"during-{n}", deleted_by="u") for n in range(5)])
        await asyncio.sleep(5)  # three deliveries (NACK 0.5 s, 1 s, 2 s) would have been used up by now
    finally:
        postgres_server.start()
    recovered = await eventually(lambda: _is(count(sessions, handled), 10))
    print(f"consumer_recovery_after_postgres_restart: {recovered:.2f} s")
    assert await count(sessions, dead) == 0
    # the ack follows the commit by a moment; waited for less than ack_wait, so a lost ack would still show
    await eventually(lambda: _settled(broker, "restart-test"), timeout=2.5)


async def _settled(broker, durable: str) -> bool:
    info = await broker.config.connection_state.stream.consumer_info("INGESTION", durable)
    return info.num_ack_pending == 0 and info.num_pending == 0


async def _is(value, expected) -> bool:
    return await value == expected


async def test_a_message_that_truly_fails_becomes_a_dead_letter_an_operator_can_replay(sessions, broker, nats_url):
    letters = DeadLetters(sessions, dead)
    broken = {"yes": True}
    gave_up: list[tuple[str, str, int]] = []

    async def handle(event: InsightDeleted, message) -> None:
        if broken["yes"]:
            raise ValueError(f"cannot handle {event.insight_id}")
        await record(sessions, event)

    async def on_give_up(event: InsightDeleted, error: Exception, deliveries: int) -> None:
        gave_up.append((event.insight_id, str(error), deliveries))

    durable_consumer(broker, InsightDeleted, "failing-test", handle, max_deliver=2, ack_wait=3,
                     dead_letters=letters, on_give_up=on_give_up)
    await broker.connect()
    await ensure_streams(broker)
    await broker.start()
    event = InsightDeleted(insight_id="doomed", deleted_by="u")
    await publish(nats_url, [event])
    client = await nats.connect(nats_url)
    await client.publish(INSIGHT_DELETED_V1, b"not json at all")  # poison: dead at once
    await client.close()

    await eventually(lambda: _is(count(sessions, dead), 2))
    assert gave_up == [("doomed", "cannot handle doomed", 2)]
    listed = await letters.list()
    by_event = {row["event_id"]: row for row in listed}
    assert by_event[event.event_id]["deliveries"] == 2 and "ValueError: cannot handle doomed" in \
        by_event[event.event_id]["error"]
    assert by_event[event.event_id]["insight_id"] == "doomed" and by_event[None]["consumer"] == "failing-test"
    await asyncio.sleep(1.5)  # terminated: JetStream delivers it no more
    info = await broker.config.connection_state.stream.consumer_info("INGESTION", "failing-test")
    assert info.num_ack_pending == 0 and info.num_pending == 0 and gave_up == [("doomed", "cannot handle doomed", 2)]

    broken["yes"] = False  # the operator fixed the cause: replay
    await letters.replay(by_event[event.event_id]["id"])
    assert await count(sessions, handled) == 1
    assert [row["event_id"] for row in await letters.list()] == [None]  # only the undecodable one is left open
    with pytest.raises(msgspec.DecodeError):
        await letters.replay(by_event[None]["id"])
    [poison] = await letters.list()
    assert "DecodeError" in poison["replay_error"]


async def test_a_durable_made_before_keeps_no_server_side_delivery_limit(sessions, broker, nats_url):
    from chassis.consumer import lift_delivery_limits
    from nats.js.api import AckPolicy, ConsumerConfig

    await broker.connect()
    await ensure_streams(broker)
    js = broker.config.connection_state.stream
    await js.add_consumer("INGESTION", ConsumerConfig(  # as an older release created it
        durable_name="older", ack_policy=AckPolicy.EXPLICIT, max_deliver=10, filter_subject=INSIGHT_DELETED_V1))
    durable_consumer(broker, InsightDeleted, "older", lambda e, m: record(sessions, e))
    await broker.start()
    await lift_delivery_limits(broker)
    assert (await js.consumer_info("INGESTION", "older")).config.max_deliver == -1

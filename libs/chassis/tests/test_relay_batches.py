"""The outbox relay publishes a batch pipelined (acks awaited together) and still lands every
event once, in commit order, with its id; each row is marked by its own publish outcome."""

import asyncio

import nats
import pytest
from chassis.db import make_engine, make_sessions
from chassis.messaging import ensure_streams, jetstream_publisher, jetstream_unpublisher, make_broker
from chassis.outbox import OutboxRelay, Unpublishable, outbox_table
from chassis.uow import SqlaUnitOfWork
from sqlalchemy import MetaData, select, text, update

from contracts import InsightDeleted

SUBJECT = "insights.v1.insight.deleted"
metadata = MetaData(schema="chassis_test")
outbox = outbox_table(metadata)


@pytest.fixture
async def sessions(database_url):
    engine = make_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text("create schema chassis_test"))
        await conn.run_sync(metadata.create_all)
    yield make_sessions(engine)
    await engine.dispose()


@pytest.fixture
async def jetstream(nats_url):
    """(a broker with the streams made, a plain client to read the stream back)"""
    broker = make_broker(nats_url, "chassis-test")
    await broker.connect()
    await ensure_streams(broker)
    client = await nats.connect(nats_url)
    yield broker, client
    await client.close()
    await broker.stop()


async def emit_all(sessions, events) -> None:
    async with SqlaUnitOfWork(sessions, outbox=outbox) as uow:
        for event in events:
            await uow.emit(event)
        await uow.commit()


async def rows(sessions) -> dict[str, tuple]:
    async with sessions() as session:
        found = await session.execute(select(outbox.c.event_id, outbox.c.sent_at, outbox.c.stream_seq))
        return {r.event_id: (r.sent_at, r.stream_seq) for r in found}


async def test_a_batch_lands_in_commit_order_once_each_with_its_id_and_sequence(sessions, jetstream):
    broker, client = jetstream
    events = [InsightDeleted(insight_id=f"i{n}", deleted_by="u") for n in range(450)]
    for part in (events[:150], events[150:]):  # two commits
        await emit_all(sessions, part)
    relay = OutboxRelay(sessions, outbox, jetstream_publisher(broker), batch=200)
    assert [await relay.relay_once() for _ in range(4)] == [200, 200, 50, 0]

    js = client.jetstream()
    stored = [await js.get_msg("INGESTION", seq) for seq in range(1, 451)]
    assert [m.header["Nats-Msg-Id"] for m in stored] == [e.event_id for e in events]
    marked = await rows(sessions)
    assert {event_id: seq for event_id, (_, seq) in marked.items()} == {
        m.header["Nats-Msg-Id"]: m.seq for m in stored}

    # a row published but not marked (a crash before the commit) goes out again: deduplicated
    async with sessions() as session, session.begin():
        await session.execute(update(outbox).where(outbox.c.event_id == events[7].event_id)
                              .values(sent_at=None, stream_seq=None))
    assert await relay.relay_once() == 1
    assert (await js.stream_info("INGESTION")).state.messages == 450
    assert (await rows(sessions))[events[7].event_id][1] == stored[7].seq


class Publisher:
    """Our own Publish port, batch flavour: the outcomes it is told to give, in order."""

    def __init__(self, outcomes) -> None:
        self.outcomes = outcomes
        self.batches: list[list[str]] = []

    async def __call__(self, *message):  # pragma: no cover - the relay uses publish_many
        raise AssertionError("published one at a time")

    async def publish_many(self, messages):
        self.batches.append([msg_id for _, _, msg_id, _ in messages])
        return self.outcomes[: len(messages)]


async def test_each_row_is_marked_by_its_own_outcome(sessions):
    events = [InsightDeleted(insight_id=f"i{n}", deleted_by="u") for n in range(4)]
    await emit_all(sessions, events)
    refused = ConnectionError("stream full")
    publisher = Publisher([11, refused, Unpublishable("too big"), 14])
    relay = OutboxRelay(sessions, outbox, publisher)
    with pytest.raises(ConnectionError):  # the relay backs off and tries the refused one again
        await relay.relay_once()
    assert publisher.batches == [[e.event_id for e in events]]  # one batch, not one call a row
    marked = await rows(sessions)
    assert [marked[e.event_id][1] for e in events] == [11, None, None, 14]
    assert marked[events[1].event_id][0] is None and marked[events[3].event_id][0] is not None

    publisher.outcomes = [12]
    assert await relay.relay_once() == 1  # only the refused one: the unpublishable one is set aside
    assert publisher.batches[-1] == [events[1].event_id]


async def test_drain_lands_every_batch_in_commit_order_with_two_in_flight(sessions, jetstream):
    broker, client = jetstream
    events = [InsightDeleted(insight_id=f"i{n}", deleted_by="u") for n in range(1050)]
    await emit_all(sessions, events)
    assert await OutboxRelay(sessions, outbox, jetstream_publisher(broker), batch=200).drain() == 1050
    stored = [await client.jetstream().get_msg("INGESTION", seq) for seq in range(1, 1051)]
    assert [m.header["Nats-Msg-Id"] for m in stored] == [e.event_id for e in events]
    assert all(seq is not None for _, seq in (await rows(sessions)).values())


class SlowAcks(Publisher):
    """send_many: writes a batch at once; its acks come when the test lets them."""

    def __init__(self, outcomes) -> None:
        super().__init__(outcomes)
        self.release = asyncio.Event()

    async def send_many(self, messages):
        self.batches.append([msg_id for _, _, msg_id, _ in messages])
        outcomes, self.outcomes = self.outcomes[: len(messages)], self.outcomes[len(messages):]

        async def acks():
            await self.release.wait()
            return outcomes

        return asyncio.ensure_future(acks())


async def test_the_next_batch_is_sent_before_the_acks_of_one_come_back_and_a_failure_marks_both(sessions):
    events = [InsightDeleted(insight_id=f"i{n}", deleted_by="u") for n in range(5)]
    await emit_all(sessions, events)
    refused = ConnectionError("stream full")
    publisher = SlowAcks([11, refused, 13, 14, 15])
    drain = asyncio.ensure_future(OutboxRelay(sessions, outbox, publisher, batch=3).drain())
    while len(publisher.batches) < 2:  # the second batch goes out while the first's acks are awaited
        assert not drain.done()
        await asyncio.sleep(0.01)
    assert publisher.batches == [[e.event_id for e in events[:3]], [e.event_id for e in events[3:]]]
    publisher.release.set()
    with pytest.raises(ConnectionError):
        await drain
    marked = await rows(sessions)
    assert [marked[e.event_id][1] for e in events] == [11, None, 13, 14, 15]  # the later batch marked too


async def test_unpublishing_again_what_is_gone_already_is_done_not_an_error(sessions, jetstream):
    """An erasure that crashed after deleting some of its messages is retried from the start."""
    broker, client = jetstream
    await emit_all(sessions, [InsightDeleted(insight_id=f"gone-{n}", deleted_by="u") for n in range(2)])
    relay = OutboxRelay(sessions, outbox, jetstream_publisher(broker), batch=10)
    assert await relay.relay_once() == 2
    published = [(SUBJECT, seq) for _, seq in (await rows(sessions)).values()]
    unpublish = jetstream_unpublisher(broker)
    await unpublish(published[:1])
    await unpublish(published)  # the first again: JetStream says "no message found"
    await unpublish([(SUBJECT, 10**9)])  # past the stream's end (a stream made anew): "stream store EOF"
    info = await client.jetstream().stream_info("INGESTION")
    assert info.state.messages == 0

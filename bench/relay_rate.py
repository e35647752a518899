"""How fast the outbox relay empties a backlog, against JetStream's own async publish rate.

Starts its own nats-server and Postgres in a temp dir. Both figures publish the same events
(an InsightDeleted, ~250 bytes, with its Nats-Msg-Id) to the same stream from this process:
1. jetstream_raw_publish_per_s: nats-py's `publish_async` for all of them, then every ack
   (the ceiling: no database);
2. relay_events_per_s: the same number of committed outbox rows, published by OutboxRelay.drain
   (select a batch for update, pipelined publish, mark them sent, commit; the next batch read and
   sent while one's acks come back) until none is left.
Prints `name: value unit` lines, with the CPU time this process used and the load average
(the machine is shared: wall-clock rates move with it). `--events N`, `--batch N`.
"""

import argparse
import asyncio
import os
import shutil
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import nats
from chassis.db import make_engine, make_sessions
from chassis.messaging import ensure_streams, jetstream_publisher, make_broker
from chassis.outbox import OutboxRelay, outbox_table
from devstack.testing import NatsServer, PostgresServer, fresh_database
from sqlalchemy import MetaData, text

from contracts import InsightDeleted
from contracts.subjects import INSIGHT_DELETED_V1

STREAM = "INGESTION"  # the stream that holds INSIGHT_DELETED_V1


def events(count: int) -> list[InsightDeleted]:
    return [InsightDeleted(insight_id=str(uuid.uuid4()), deleted_by=str(uuid.uuid4())) for _ in range(count)]


class Clock:
    """Wall and this process's CPU time of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


async def raw_publish(nats_url: str, batch: list[InsightDeleted]) -> Clock:
    client = await nats.connect(nats_url)
    js = client.jetstream()
    try:
        bodies = [(msgspec.json.encode(e), {"Nats-Msg-Id": e.event_id}) for e in batch]
        await js.publish_async(INSIGHT_DELETED_V1, b"{}", headers={"Nats-Msg-Id": "warm-up"})
        await js.publish_async_completed()
        with Clock() as clock:
            futures = [await js.publish_async(INSIGHT_DELETED_V1, body, headers=headers) for body, headers in bodies]
            acks = await asyncio.gather(*futures)
        assert len({a.seq for a in acks}) == len(batch), "every message stored once"
        return clock
    finally:
        await client.close()


async def relay(database_url: str, nats_url: str, batch: list[InsightDeleted], size: int) -> Clock:
    metadata = MetaData(schema="bench")
    outbox = outbox_table(metadata)
    engine = make_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text("create schema bench"))
        await conn.run_sync(metadata.create_all)
        now = datetime.now(UTC)
        await conn.execute(outbox.insert(), [
            {"event_id": e.event_id, "subject": INSIGHT_DELETED_V1, "payload": msgspec.json.encode(e),
             "created_at": now, "insight_id": e.insight_id} for e in batch])
    broker = make_broker(nats_url, "bench-relay")
    await broker.connect()
    try:
        relayer = OutboxRelay(make_sessions(engine), outbox, jetstream_publisher(broker), batch=size)
        await relayer.relay_once()  # warm-up: connections, prepared statements (one batch)
        with Clock() as clock:
            await relayer.drain()  # as the service's relay runs: two batches in flight
        return clock
    finally:
        await broker.stop()
        await engine.dispose()


async def clear_stream(nats_url: str) -> None:
    client = await nats.connect(nats_url)
    try:
        await client.jetstream().purge_stream(STREAM)
    finally:
        await client.close()


async def measure(database_url: str, nats_url: str, count: int, size: int) -> None:
    broker = make_broker(nats_url, "bench-setup")
    await broker.connect()
    await ensure_streams(broker)
    await broker.stop()
    load = os.getloadavg()[0]
    raw = await raw_publish(nats_url, events(count))
    await clear_stream(nats_url)
    relayed = await relay(database_url, nats_url, events(count + size), size)
    load = (load + os.getloadavg()[0]) / 2
    raw_rate, relay_rate = count / raw.wall, count / relayed.wall
    print(f"jetstream_raw_publish_per_s: {raw_rate:.0f} events/s ({count} in {raw.wall:.2f} s, "
          f"{raw.cpu / count * 1e6:.0f} us CPU each in the publisher)")
    print(f"relay_events_per_s: {relay_rate:.0f} events/s ({count} in {relayed.wall:.2f} s, batch {size}, "
          f"{relayed.cpu / count * 1e6:.0f} us CPU each in the relay)")
    print(f"relay_vs_raw: {relay_rate / raw_rate:.2f} ratio (target >= 0.50)")
    print(f"relay_bench_load_average: {load:.1f} (1-minute, {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500, help="the relay's batch size (its default: 500)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="si-relay-"))
    root.chmod(0o755)
    nats_server, postgres = NatsServer(store=root / "nats"), PostgresServer(data=root / "pg")
    try:
        nats_server.start()
        postgres.start()
        asyncio.run(measure_on(postgres, nats_server, args.events, args.batch))
    finally:
        postgres.stop()
        nats_server.stop()
        shutil.rmtree(root, ignore_errors=True)


async def measure_on(postgres: PostgresServer, nats_server: NatsServer, count: int, size: int) -> None:
    await measure(await fresh_database(postgres), nats_server.url, count, size)


if __name__ == "__main__":
    main()

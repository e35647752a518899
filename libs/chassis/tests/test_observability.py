"""Metrics and traces of the chassis' messaging, on a real Postgres and a real nats-server:
one trace from the span that wrote an event to its outbox, through the relay's publish, to
the consumer that handled it; and `/metrics` following the outbox backlog and the
consumer's deliveries."""

import asyncio
import contextlib
import time

import httpx
import pytest
import uvicorn
from chassis import tracing
from chassis.consumer import durable_consumer
from chassis.db import make_engine, make_sessions
from chassis.messaging import ensure_streams, jetstream_publisher, make_broker
from chassis.metrics import consumers_refresher, metrics_handler, metrics_middleware, outbox_refresher
from chassis.outbox import OutboxRelay, outbox_table
from chassis.uow import SqlaUnitOfWork
from devstack.ports import free_port
from litestar import Litestar, get
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import MetaData, text

from contracts import InsightDeleted

SUBJECT = "insights.v1.insight.deleted"
metadata = MetaData(schema="chassis_test")
outbox = outbox_table(metadata)


@pytest.fixture
async def wiring(database_url, nats_url):
    engine = make_engine(database_url)
    async with engine.begin() as conn:
        await conn.execute(text("create schema chassis_test"))
        await conn.run_sync(metadata.create_all)
    broker = make_broker(nats_url, "chassis-test")
    sessions = make_sessions(engine)
    relay = OutboxRelay(sessions, outbox, jetstream_publisher(broker), sweep_seconds=0.5)
    yield sessions, broker, relay
    await relay.stop()
    await broker.stop()
    await engine.dispose()


@pytest.fixture
def spans():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use(provider.get_tracer("test"))
    yield exporter
    tracing.disable()


async def emit(sessions, relay, event) -> None:
    async with SqlaUnitOfWork(sessions, outbox=outbox, after_commit=relay.wake) as uow:
        await uow.emit(event)
        await uow.commit()


async def eventually(check, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def start(broker) -> None:
    await broker.connect()
    await ensure_streams(broker)
    await broker.start()


async def test_one_trace_from_the_emitting_span_through_the_bus_to_the_consumer(wiring, spans):
    sessions, broker, relay = wiring
    handled: list[str] = []

    async def handle(event: InsightDeleted, message) -> None:
        with tracing.span("handler work"):
            handled.append(event.insight_id)

    durable_consumer(broker, InsightDeleted, "trace-test", handle)
    await start(broker)
    relay.start()
    with tracing.span("POST /upload", SpanKind.SERVER):
        await emit(sessions, relay, InsightDeleted(insight_id="traced-1", deleted_by="u"))
    await eventually(lambda: handled == ["traced-1"])
    await eventually(lambda: any(s.name == f"process {SUBJECT}" for s in spans.get_finished_spans()))

    by_name = {s.name: s for s in spans.get_finished_spans()}
    upload, publish = by_name["POST /upload"], by_name[f"publish {SUBJECT}"]
    process, work = by_name[f"process {SUBJECT}"], by_name["handler work"]
    assert {s.context.trace_id for s in (upload, publish, process, work)} == {upload.context.trace_id}
    assert publish.parent.span_id == upload.context.span_id
    assert process.parent.span_id == publish.context.span_id
    assert work.parent.span_id == process.context.span_id
    assert (publish.kind, process.kind) == (SpanKind.PRODUCER, SpanKind.CONSUMER)
    assert process.attributes["messaging.destination.name"] == SUBJECT


def scrape_app(sessions, broker, token: str | None = None, require_token: bool = False) -> Litestar:
    @get("/hello/{name:str}", sync_to_thread=False)
    def hello(name: str) -> str:
        return name

    handler = metrics_handler(token, [outbox_refresher(sessions, outbox), consumers_refresher(broker)],
                              require_token=require_token)
    return Litestar([hello, handler], middleware=[metrics_middleware])


@contextlib.asynccontextmanager
async def serving(app: Litestar):
    """The app on a real socket, in this event loop (its handlers share our engine and broker)."""
    server = uvicorn.Server(uvicorn.Config(app, port=free_port(), log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.config.port}") as client:
            yield client
    finally:
        server.should_exit = True
        await task


async def scrape(client: httpx.AsyncClient, **headers: str) -> dict[tuple[str, tuple], float]:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(response.text) for s in family.samples}


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def test_metrics_show_the_backlog_the_deliveries_and_the_requests(wiring):
    sessions, broker, relay = wiring
    attempts: dict[str, int] = {}
    gate = asyncio.Event()

    async def handle(event: InsightDeleted, message) -> None:
        await gate.wait()
        attempts[event.insight_id] = attempts.get(event.insight_id, 0) + 1
        if event.insight_id == "flaky" and attempts["flaky"] == 1:
            raise ValueError("first delivery fails")

    durable_consumer(broker, InsightDeleted, "metrics-test", handle, max_deliver=3)
    await start(broker)
    async with serving(scrape_app(sessions, broker)) as client:
        before = await scrape(client)
        for name in ("a", "b", "flaky"):
            await emit(sessions, relay, InsightDeleted(insight_id=name, deleted_by="u"))
        await asyncio.sleep(0.2)
        waiting = await scrape(client)
        assert value(waiting, "outbox_pending_events") == 3
        assert value(waiting, "outbox_oldest_pending_age_seconds") >= 0.2

        relay.start()  # published, but the consumer is held up: they wait for it
        lag = {"stream": "INGESTION", "consumer": "metrics-test"}

        def settled(samples: dict) -> bool:  # one scrape reads the outbox and the consumer at once: both moved
            return not value(samples, "outbox_pending_events") and value(
                samples, "jetstream_consumer_pending_messages", **lag) + value(
                samples, "jetstream_consumer_ack_pending_messages", **lag) == 3

        deadline = time.monotonic() + 20
        while not settled(queued := await scrape(client)) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert value(queued, "outbox_pending_events") == 0
        assert value(queued, "outbox_oldest_pending_age_seconds") == 0
        published = value(queued, "outbox_published_total", subject=SUBJECT) - value(
            before, "outbox_published_total", subject=SUBJECT)
        assert published == 3
        assert value(queued, "jetstream_consumer_pending_messages", **lag) + value(
            queued, "jetstream_consumer_ack_pending_messages", **lag) == 3

        gate.set()
        await eventually(lambda: attempts.get("flaky") == 2 and len(attempts) == 3)
        await asyncio.sleep(0.3)  # the last ack
        after = await scrape(client)
        await client.get("/hello/x")
        await client.get("/hello/y")
        counted = await scrape(client)

    def grew(name: str) -> float:
        return value(after, name, subject=SUBJECT) - value(before, name, subject=SUBJECT)

    assert grew("events_consumed_total") == 3
    assert grew("events_failed_total") == 1
    assert grew("events_redelivered_total") == 1
    assert grew("event_handling_duration_seconds_count") == 4
    assert value(after, "jetstream_consumer_pending_messages", **lag) == 0
    assert value(after, "jetstream_consumer_ack_pending_messages", **lag) == 0
    route = {"method": "GET", "route": "/hello/{name}", "status": "200"}
    assert value(counted, "http_requests_total", **route) - value(after, "http_requests_total", **route) == 2
    assert value(counted, "http_request_duration_seconds_count", **route) >= 2
    assert not any(dict(labels).get("route") == "/metrics" for _, labels in counted)  # scrapes are not counted


async def test_a_metrics_token_guards_the_scrape(wiring):
    sessions, broker, _ = wiring
    async with serving(scrape_app(sessions, broker, token="s3cret")) as client:
        assert (await client.get("/metrics")).status_code == 401
        assert (await client.get("/metrics", headers={"Authorization": "Bearer wrong"})).status_code == 401
        assert "http_requests_total" in (await client.get("/metrics", headers={"Authorization": "Bearer s3cret"})).text
    async with serving(scrape_app(sessions, broker, require_token=True)) as client:
        assert (await client.get("/metrics")).status_code == 404  # the gateway without a token: no metrics


def test_worker_processes_sharing_a_port_add_up_in_multiprocess_mode(tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR (several worker processes behind one port), a scrape
    answered by any of them counts every process's requests."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    count = "from chassis.metrics import HTTP_REQUESTS; HTTP_REQUESTS.labels('GET', '/x', '200').inc({n})"
    for n in (1, 2):
        subprocess.run([sys.executable, "-c", count.format(n=n)], env=env, check=True)
    scrape = ("from chassis.metrics import _registry; from prometheus_client import generate_latest; "
              "print(generate_latest(_registry()).decode())")
    text = subprocess.run([sys.executable, "-c", scrape], env=env, check=True, capture_output=True, text=True).stdout
    samples = {s.name: s.value for f in text_string_to_metric_families(text) for s in f.samples
               if s.labels.get("route") == "/x"}
    assert samples["http_requests_total"] == 3

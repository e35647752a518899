"""Prometheus metrics every service shares: HTTP requests by route template and status,
the outbox backlog, events consumed / redelivered / failed by subject, and the pending
count of the service's own JetStream consumers.

Gauges that need a query (outbox backlog, consumer pending) are refreshed when Prometheus
scrapes `/metrics`, so they cost nothing between scrapes. `/metrics` is open on the
internal services (reachable only inside the cluster); when METRICS_TOKEN is set it needs
`Authorization: Bearer <token>`. The gateway takes outside traffic, so it serves `/metrics`
only with a token configured (see `metrics_handler(require_token=True)`)."""

import asyncio
import hmac
import logging
import os
import time
from collections.abc import Awaitable, Callable, Sequence

from faststream.nats import NatsBroker
from litestar import Request, Response, get
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chassis.outbox import outbox_backlog
from chassis.problems import Problem

log = logging.getLogger(__name__)
PATH = "/metrics"
disable_created_metrics()  # no `_created` twin of every counter: half the scrape
REFRESH_TIMEOUT = 2.0

HTTP_REQUESTS = Counter("http_requests_total", "HTTP requests answered, by route template and status",
                        ["method", "route", "status"])
HTTP_DURATION = Histogram("http_request_duration_seconds", "Time to answer an HTTP request (the whole body sent)",
                          ["method", "route", "status"],
                          buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120))
OUTBOX_PENDING = Gauge("outbox_pending_events", "Outbox events not yet published (dead ones excluded)",
                       multiprocess_mode="mostrecent")
OUTBOX_OLDEST_AGE = Gauge("outbox_oldest_pending_age_seconds", "Age of the oldest unpublished outbox event (0: none)",
                          multiprocess_mode="mostrecent")
OUTBOX_DEAD = Gauge("outbox_dead_events", "Outbox events set aside as unpublishable",
                   multiprocess_mode="mostrecent")
OUTBOX_PUBLISHED = Counter("outbox_published_total", "Outbox events published to JetStream", ["subject"])
EVENTS_CONSUMED = Counter("events_consumed_total", "Events handled and acknowledged", ["subject"])
EVENTS_REDELIVERED = Counter("events_redelivered_total", "Deliveries of an event after its first", ["subject"])
EVENTS_FAILED = Counter("events_failed_total", "Handlings that failed (NACKed for a retry, or given up)", ["subject"])
EVENTS_GIVEN_UP = Counter("events_given_up_total", "Events given up on (dead letters)", ["subject"])
EVENT_DURATION = Histogram("event_handling_duration_seconds", "Time to handle one delivery of an event", ["subject"],
                           buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300))
CONSUMER_PENDING = Gauge("jetstream_consumer_pending_messages",
                         "Messages in the stream the durable consumer has not delivered yet", ["stream", "consumer"],
                         multiprocess_mode="mostrecent")
CONSUMER_ACK_PENDING = Gauge("jetstream_consumer_ack_pending_messages",
                             "Messages delivered to the durable consumer and not acknowledged yet",
                             ["stream", "consumer"], multiprocess_mode="mostrecent")

# sets gauges from a query; run before every scrape
Refresh = Callable[[], Awaitable[None]]


async def _refresh_all(refreshers: Sequence[Refresh]) -> None:
    results = await asyncio.gather(*(asyncio.wait_for(r(), REFRESH_TIMEOUT) for r in refreshers),
                                   return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):  # Postgres or NATS away: the gauges keep their last values
            log.debug("metrics refresh failed: %r", result)


def outbox_refresher(sessions: async_sessionmaker[AsyncSession], table: Table) -> Refresh:
    async def refresh() -> None:
        backlog = await outbox_backlog(sessions, table)
        OUTBOX_PENDING.set(backlog.pending)
        OUTBOX_OLDEST_AGE.set(backlog.oldest_age_seconds)
        OUTBOX_DEAD.set(backlog.dead)

    return refresh


def consumers_refresher(broker: NatsBroker) -> Refresh:
    """The pending counts of the durables this service registered (the analysis workers'
    lag is the figure to scale analysis on)."""

    async def refresh() -> None:
        js = broker.config.connection_state.stream
        for stream, durable in getattr(broker, "durables", ()):
            info = await js.consumer_info(stream, durable)
            CONSUMER_PENDING.labels(stream, durable).set(info.num_pending or 0)
            CONSUMER_ACK_PENDING.labels(stream, durable).set(info.num_ack_pending or 0)

    return refresh


def _registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess  # several worker processes: add up their files

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def metrics_handler(token: str | None, refresh: Sequence[Refresh] = (), require_token: bool = False):
    """GET /metrics in Prometheus' text format, after running `refresh`. With `token`, only
    `Authorization: Bearer <token>` gets it; with `require_token` and no token configured it
    is absent (404)."""

    @get(PATH, include_in_schema=False)
    async def metrics(request: Request) -> Response:
        if token or require_token:
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            if not token:
                raise Problem(404, "not_found", "No such route.")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
                raise Problem(401, "invalid_metrics_token", "Send the metrics token as a bearer token.")
        await _refresh_all(refresh)
        return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)

    return metrics


# (method, route template, status) -> its counter and histogram: looking a labelled series up
# costs more than counting in it, and the set is bounded (unknown paths never get here)
_http_series: dict[tuple, tuple] = {}


def metrics_middleware(app: ASGIApp) -> ASGIApp:
    """Counts and times every HTTP request by method, route template and status (not
    `/metrics` itself). Runs after routing, so an unknown path is not counted."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        route = scope.get("path_template", "")
        if scope["type"] != "http" or route == PATH:
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # an exception that escaped before a response started

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, send_and_note)
        finally:
            labels = (scope["method"], route, status)
            if (series := _http_series.get(labels)) is None:
                series = _http_series[labels] = (HTTP_REQUESTS.labels(*labels), HTTP_DURATION.labels(*labels))
            series[0].inc()
            series[1].observe(time.perf_counter() - started)

    return middleware

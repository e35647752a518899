"""Durable JetStream pull consumers, configured one way for every service: explicit ack,
NACK (with a delay) on error so the event is retried, and a bounded number of attempts.

Two kinds of failure are told apart:
- Postgres or NATS unavailable (a restart, a failover): the consumer keeps the message
  (in-progress acks) and retries it in place until the dependency is back. No delivery is
  used up, however long that takes.
- anything else: NACK with backoff; after `max_deliver` deliveries the consumer gives up:
  `on_give_up` (analysis publishes AnalysisFailed), a dead letter an operator can list and
  replay (chassis.deadletter), and the message is terminated.
The server's own max_deliver is unlimited, so JetStream never drops a message silently:
giving up is always ours, and always recorded. Payloads are decoded with msgspec into the
contract's struct."""

import asyncio
import contextlib
import dataclasses
import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import asyncpg
import msgspec
import nats.errors
import nats.js.errors
import sqlalchemy.exc
from contracts.subjects import ALL_STREAMS
from faststream import AckPolicy
from faststream.nats import ConsumerConfig, JStream, NatsBroker, PullSub
from faststream.nats.annotations import NatsMessage
from nats.js.api import DeliverPolicy
from opentelemetry.trace import SpanKind

from chassis import metrics, tracing
from chassis.deadletter import DeadLetters
from chassis.messaging import stream_name_of
from chassis.request_context import HEADER, request_id
from contracts import SUBJECT_OF, Event, InsightDeleted

E = TypeVar("E", bound=Event)
log = logging.getLogger(__name__)
# event, the error, deliveries so far: what a service does when it gives up on an event
GiveUp = Callable[[Any, Exception, int], Awaitable[None]]
# past max_deliver + this, earlier give-ups never got recorded (a crash each time): give up
# without handling the message again
GIVE_UP_MARGIN = 5
# SQLSTATE classes of "the database is not there right now": connection exceptions, operator
# intervention (shutdown, restart), too many connections, serialization failure, deadlock
_TRANSIENT_SQLSTATES = ("08", "57P", "53300", "40001", "40P01")
_NATS_UNAVAILABLE = (nats.errors.ConnectionClosedError, nats.errors.NoServersError, nats.errors.TimeoutError,
                     nats.errors.OutboundBufferLimitError, nats.errors.NoRespondersError,
                     nats.errors.ConnectionReconnectingError, nats.js.errors.ServiceUnavailableError)


def is_infrastructure_failure(exc: BaseException) -> bool:
    """True when Postgres or NATS was unavailable (retrying later helps and must not count
    as an attempt), False for a failure of the work itself."""
    if isinstance(exc, (OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError, sqlalchemy.exc.TimeoutError,
                        *_NATS_UNAVAILABLE)):
        return True
    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        if exc.connection_invalidated or isinstance(exc, sqlalchemy.exc.InterfaceError):
            return True
        for cause in (exc.orig, getattr(exc.orig, "__cause__", None)):
            state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
            if isinstance(cause, (OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError)) or (
                    state and str(state).startswith(_TRANSIENT_SQLSTATES)):
                return True
    return False


async def lift_delivery_limits(broker: NatsBroker) -> None:
    """Durables created before giving up was ours still have a server-side max_deliver, and
    FastStream does not update an existing durable's config: lift it (max_deliver -1)."""
    js = broker.config.connection_state.stream
    for stream, durable in getattr(broker, "durables", ()):
        try:
            info = await js.consumer_info(stream, durable)
        except nats.js.errors.NotFoundError:
            continue
        if info.config.max_deliver not in (None, -1):
            await js.add_consumer(stream, dataclasses.replace(info.config, max_deliver=-1))
            log.info("consumer %s on %s: server-side max_deliver %s lifted", durable, stream, info.config.max_deliver)


def stream_of(subject: str) -> JStream:
    name = stream_name_of(subject)
    return JStream(name=name, subjects=dict(ALL_STREAMS)[name], declare=False)


def delivery_count(message: NatsMessage) -> int:
    try:
        return message.raw_message.metadata.num_delivered
    except Exception:  # in-memory test broker messages (and replays) have no JetStream metadata
        return 1


class ReplayedMessage:
    """What a handler gets for a dead letter an operator replays: no JetStream behind it."""

    def __init__(self, body: bytes, headers: dict[str, str]) -> None:
        self.body = body
        self.headers = headers

    async def in_progress(self) -> None:
        pass


async def patiently(work: Callable[[], Awaitable[Any]], what: str, message: Any, max_wait: float) -> Any:
    """Run `work`; while Postgres or NATS are unavailable, keep the message ours and retry."""
    delay, waited = 0.1, 0.0
    while True:
        try:
            return await work()
        except Exception as exc:
            if not is_infrastructure_failure(exc):
                raise
            if waited == 0.0 or delay >= max_wait:
                log.warning("%s: a dependency is unavailable (%s: %s); retrying until it is back, "
                            "without using up a delivery", what, type(exc).__name__, exc)
        with contextlib.suppress(Exception):  # NATS may be the one away
            await message.in_progress()
        await asyncio.sleep(delay)
        waited += delay
        delay = min(delay * 2, max_wait)


def durable_consumer(
    broker: NatsBroker,
    event_type: type[E],
    durable: str,
    handle: Callable[[E, NatsMessage], Awaitable[None]],
    max_deliver: int = 10,
    ack_wait: float = 60,
    batch_size: int = 20,
    max_workers: int = 1,
    dead_letters: DeadLetters | None = None,
    on_give_up: GiveUp | None = None,
) -> None:
    subject = SUBJECT_OF[event_type]
    decoder = msgspec.json.Decoder(event_type)
    max_wait = max(0.1, min(5.0, ack_wait / 3))  # in-progress acks well within ack_wait

    async def handled(event: E, message: Any) -> None:
        await handle(event, message)
        if dead_letters and isinstance(event, InsightDeleted):
            await dead_letters.forget(event.insight_id)

    async def give_up(event: E | None, message: NatsMessage, error: Exception, attempt: int) -> None:
        detail = "".join(traceback.format_exception(error)).strip()
        if on_give_up is not None and event is not None:
            await patiently(lambda: on_give_up(event, error, attempt), f"giving up on {subject}", message, max_wait)
        if dead_letters is not None:
            await patiently(lambda: dead_letters.record(durable, subject, message.body, dict(message.headers or {}),
                                                        detail, attempt),
                            f"recording a dead {subject}", message, max_wait)
        else:
            log.error("%s gave up on %s after %d deliveries (no dead-letter table): %s", durable, subject, attempt,
                      detail)
        metrics.EVENTS_GIVEN_UP.labels(subject).inc()
        await message.reject()  # terminate: JetStream sends it no more

    @broker.subscriber(
        subject,
        stream=stream_of(subject),
        durable=durable,
        pull_sub=PullSub(batch_size=batch_size, timeout=1.0),
        ack_policy=AckPolicy.MANUAL,
        # unlimited on the server: giving up is decided (and recorded) here, never a silent drop
        config=ConsumerConfig(ack_wait=ack_wait, max_deliver=-1, deliver_policy=DeliverPolicy.ALL,
                              num_replicas=getattr(broker, "replicas", 1)),  # as many as its stream
        # more than one: handle up to this many messages at once, refilling a free slot at once
        **({"max_workers": max_workers} if max_workers > 1 else {}),
    )
    async def consume(message: NatsMessage) -> None:
        attempt = delivery_count(message)
        try:
            event = decoder.decode(message.body)
        except msgspec.DecodeError as exc:  # poison: retrying cannot help
            log.error("undecodable %s message: %s", subject, exc)
            await give_up(None, message, exc, attempt)
            return
        token = request_id.set((message.headers or {}).get(HEADER) or event.event_id)
        if attempt > 1:
            metrics.EVENTS_REDELIVERED.labels(subject).inc()
        started = time.perf_counter()
        attributes = {"messaging.system": "nats", "messaging.destination.name": subject,
                      "messaging.consumer.group.name": durable, "messaging.message.id": event.event_id,
                      "messaging.delivery.attempt": attempt}
        try:
            with tracing.span(f"process {subject}", SpanKind.CONSUMER, tracing.context_from(message.headers),
                              attributes):
                if attempt > max_deliver + GIVE_UP_MARGIN:
                    await give_up(event, message, RuntimeError(
                        f"delivered {attempt} times; the earlier give-ups were never recorded"), attempt)
                    return
                try:
                    await patiently(lambda: handled(event, message), f"handling {subject} {event.event_id}", message,
                                    max_wait)
                except Exception as exc:
                    metrics.EVENTS_FAILED.labels(subject).inc()
                    tracing.record_failure(exc)
                    log.exception("handling %s %s failed (delivery %d of %d)", subject, event.event_id, attempt,
                                  max_deliver)
                    if attempt < max_deliver:
                        await message.nack(delay=min(0.5 * 2 ** (attempt - 1), 30))
                        return
                    try:
                        await give_up(event, message, exc, attempt)
                    except Exception:
                        log.exception("giving up on %s %s failed; it will be redelivered", subject, event.event_id)
                        await message.nack(delay=5)
                    return
        finally:
            metrics.EVENT_DURATION.labels(subject).observe(time.perf_counter() - started)
            request_id.reset(token)
        await message.ack()
        metrics.EVENTS_CONSUMED.labels(subject).inc()

    if hasattr(broker, "durables"):
        broker.durables.append((stream_name_of(subject), durable))

    if dead_letters is not None:
        async def replay(body: bytes, headers: dict[str, str]) -> None:
            event = decoder.decode(body)
            token = request_id.set(headers.get(HEADER) or event.event_id)
            try:
                await handled(event, ReplayedMessage(body, headers))
            finally:
                request_id.reset(token)

        dead_letters.register(durable, replay)

"""JetStream set-up shared by every service: streams, the broker, publishing raw events,
how full each stream is, and a connection that reopens itself when the server closes it."""

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import nats.errors
from contracts.subjects import ALL_STREAMS
from faststream.nats import NatsBroker
from nats.aio.client import AUTHORIZATION_VIOLATION, PERMISSIONS_ERR, STALE_CONNECTION, Client
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import APIError, NotFoundError, ServiceUnavailableError

from chassis.nats_connection import NatsSettings
from chassis import tracing
from chassis.metrics import OUTBOX_PUBLISHED
from chassis.outbox import Unpublishable

log = logging.getLogger(__name__)

STREAM_MAX_AGE = timedelta(days=30).total_seconds()
STREAM_MAX_BYTES = 4 * 1024**3
DUPLICATE_WINDOW = timedelta(minutes=10).total_seconds()
NEAR_LIMIT = 0.8  # warn when a stream is this full


def make_broker(nats: str | NatsSettings, name: str) -> NatsBroker:
    """A broker for these settings (or a bare URL): every server of the cluster, the
    service's own user, TLS when configured, and the replica count its streams and durable
    consumers get."""
    nats = NatsSettings(url=nats) if isinstance(nats, str) else nats
    broker = ChassisNatsBroker(nats.servers, name=name, security=nats.security(), max_reconnect_attempts=-1,
                               reconnect_time_wait=0.5, connect_timeout=2, logger=None)
    broker.replicas = nats.replicas
    return broker


def stream_config(name: str, subjects: list[str], max_bytes: int = STREAM_MAX_BYTES, max_msgs: int = -1,
                  max_age: float = STREAM_MAX_AGE, replicas: int = 1) -> StreamConfig:
    """Every stream keeps its history (limits retention: a platform consumer that subscribes
    later, or a projection rebuilt from the start, can still read it) and, when full, refuses
    new messages instead of dropping the oldest (discard new): a message a consumer has not
    read yet is never thrown away for room. Producers publish through their outbox, which
    keeps a refused event and retries it: a full stream is backpressure, not loss. Messages
    older than max_age do expire; `stream_usage` and the warning above NEAR_LIMIT say when a
    stream is filling up."""
    return StreamConfig(
        name=name,
        subjects=subjects,
        storage=StorageType.FILE,
        retention=RetentionPolicy.LIMITS,
        discard=DiscardPolicy.NEW,
        max_age=max_age,
        max_bytes=max_bytes,
        max_msgs=max_msgs,
        duplicate_window=DUPLICATE_WINDOW,
        num_replicas=replicas,
    )


async def ensure_streams(broker: NatsBroker, max_bytes: int = STREAM_MAX_BYTES, max_msgs: int = -1,
                         patience: float = 120) -> None:
    """Create or update every stream (see `stream_config`), with the broker's replica count.
    A cluster answers slowly while it elects leaders or places a replicated stream (and
    every service ensures the streams at once): a timed-out request is asked again, for up
    to `patience` seconds (it may have taken effect meanwhile: create-or-update copes)."""
    js = broker.config.connection_state.stream
    replicas = getattr(broker, "replicas", 1)
    for name, subjects in ALL_STREAMS:
        config = stream_config(name, subjects, max_bytes=max_bytes, max_msgs=max_msgs, replicas=replicas)
        deadline = asyncio.get_running_loop().time() + patience
        while True:
            try:
                try:
                    await js.stream_info(name)
                    await js.update_stream(config)
                except NotFoundError:
                    await js.add_stream(config)
                break
            except (nats.errors.TimeoutError, ServiceUnavailableError) as exc:
                if asyncio.get_running_loop().time() > deadline:
                    raise
                log.warning("stream %s: JetStream did not answer in time (%s); asking again", name, exc)
                await asyncio.sleep(1)


@dataclass(frozen=True)
class StreamUsage:
    stream: str
    messages: int
    bytes: int
    max_messages: int  # -1: no limit
    max_bytes: int  # -1: no limit
    consumers_pending: int  # messages the furthest-behind consumer has yet to receive

    @property
    def fullness(self) -> float:
        """How close the stream is to its nearest limit, 0.0 .. 1.0."""
        ratios = [used / limit for used, limit in ((self.messages, self.max_messages), (self.bytes, self.max_bytes))
                  if limit and limit > 0]
        return max(ratios, default=0.0)


async def stream_usage(broker: NatsBroker) -> list[StreamUsage]:
    """How full each of our streams is (for metrics and the warning below)."""
    js = broker.config.connection_state.stream
    found = []
    for name, _ in ALL_STREAMS:
        try:
            info = await js.stream_info(name)
        except NotFoundError:
            continue
        pending = [c.num_pending or 0 for c in await js.consumers_info(name)]
        found.append(StreamUsage(stream=name, messages=info.state.messages, bytes=info.state.bytes,
                                 max_messages=info.config.max_msgs or -1, max_bytes=info.config.max_bytes or -1,
                                 consumers_pending=max(pending, default=0)))
    return found


async def warn_near_limits(broker: NatsBroker, threshold: float = NEAR_LIMIT) -> list[StreamUsage]:
    """Log a warning for every stream fuller than `threshold`; returns those streams."""
    near = [u for u in await stream_usage(broker) if u.fullness >= threshold]
    for u in near:
        log.warning("stream %s is %.0f%% full (%d messages, %d bytes; limits %d messages, %d bytes; "
                    "furthest-behind consumer has %d pending): when full it refuses new events and "
                    "producers hold them in their outbox", u.stream, 100 * u.fullness, u.messages, u.bytes,
                    u.max_messages, u.max_bytes, u.consumers_pending)
    return near


def headers_size(headers: dict[str, str]) -> int:
    """Bytes the headers take on the wire (NATS/1.0 block): they count against max_payload."""
    return len(b"NATS/1.0\r\n\r\n") + sum(len(k.encode()) + len(v.encode()) + 4 for k, v in headers.items())


PUBLISH_ACK_TIMEOUT = 5.0  # for a whole pipelined batch


def jetstream_publisher(broker: NatsBroker) -> "JetStreamPublisher":
    """A `Publish` for the outbox relay (see JetStreamPublisher)."""
    return JetStreamPublisher(broker)


class JetStreamPublisher:
    """JetStream publish for the outbox relay. Called with one message it publishes it and
    awaits the ack; `publish_many` pipelines a batch: every message is written to the
    connection in order (the stream stores them in that order), then the acks are awaited
    together, one round trip for the batch instead of one a message; `send_many` writes a batch
    and hands back the wait for its acks, so the relay can read and send the next batch first. A message the server
    could never take is Unpublishable and is not sent (the server would close the
    connection)."""

    def __init__(self, broker: NatsBroker) -> None:
        self._broker = broker

    async def __call__(self, subject: str, payload: bytes, msg_id: str, headers: dict[str, str] | None = None) -> int:
        [outcome] = await self.publish_many([(subject, payload, msg_id, headers)])
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    async def publish_many(self, messages: list[tuple[str, bytes, str, dict[str, str] | None]]
                           ) -> list[int | Exception]:
        """Each message's stream sequence, or the exception that kept it out, in order."""
        return await (await self.send_many(messages))

    async def send_many(self, messages: list[tuple[str, bytes, str, dict[str, str] | None]]
                        ) -> "asyncio.Task[list[int | Exception]]":
        """Write every message to the connection, in order; the returned task gives publish_many's
        outcomes once the acks are in (the relay reads its next batch meanwhile)."""
        connection = self._broker.config.connection_state.connection
        js = self._broker.config.connection_state.stream
        outcomes: list[int | Exception | asyncio.Future] = []
        spans: list[object] = []
        for subject, payload, msg_id, stored in messages:
            headers, span = tracing.publish_headers(subject, stored)
            headers["Nats-Msg-Id"] = msg_id
            spans.append(span)
            size = len(payload) + headers_size(headers)
            if size > connection.max_payload:
                outcomes.append(Unpublishable(f"{size:,} bytes with its headers; the server takes at most "
                                              f"{connection.max_payload:,} a message"))
                continue
            try:
                # no wait_stall: its timer would yield to the loop and flush every message on its own
                outcomes.append(await js.publish_async(subject, payload, headers=headers))
            except nats.errors.MaxPayloadError:
                outcomes.append(Unpublishable(f"{size:,} bytes: over the server's max_payload"))
            except Exception as exc:  # the connection is gone: neither this nor the rest went out
                outcomes += [exc] * (len(messages) - len(outcomes))
                spans += [None] * (len(messages) - len(spans))
                break
        return asyncio.ensure_future(self._outcomes(messages, outcomes, spans))

    @staticmethod
    async def _outcomes(messages: list[tuple[str, bytes, str, dict[str, str] | None]],
                        outcomes: list[int | Exception | asyncio.Future], spans: list[object]) -> list[int | Exception]:
        pending = [o for o in outcomes if isinstance(o, asyncio.Future)]
        if pending:
            _, late = await asyncio.wait(pending, timeout=PUBLISH_ACK_TIMEOUT)
            for future in late:  # no ack in time: it may or may not be stored; the retry is deduplicated
                future.cancel()
        results: list[int | Exception] = []
        published: Counter[str] = Counter()  # counted once a batch: a labelled inc costs ~5 us
        for (subject, *_), outcome, span in zip(messages, outcomes, spans, strict=True):
            if isinstance(outcome, asyncio.Future):
                if outcome.cancelled():
                    outcome = nats.errors.TimeoutError()
                else:
                    outcome = outcome.exception() or outcome.result().seq
            if isinstance(outcome, BaseException):
                tracing.end(span, outcome)
            else:
                tracing.end(span)
                published[subject] += 1
            results.append(outcome)
        for subject, count in published.items():
            OUTBOX_PUBLISHED.labels(subject).inc(count)
        return results


SEQUENCE_NOT_FOUND = 10043  # JSSequenceNotFoundErrF: seen in the chaos test, a message deleted before a restart
DELETE_FAILED = 10057  # JSStreamMsgDeleteFailedF, whose description says why


def gone_already(error: APIError) -> bool:
    """Whether deleting a message failed because it is not there: deleted already (an erasure
    retried after a crash part-way), aged out, or its stream gone. JetStream says so three ways."""
    why = (error.description or "").lower()
    return (isinstance(error, NotFoundError) or error.err_code == SEQUENCE_NOT_FOUND
            or (error.err_code == DELETE_FAILED and ("no message found" in why or "stream store eof" in why)))


def jetstream_unpublisher(broker: NatsBroker):
    """An `Unpublish` for erasure: delete messages from their streams by sequence."""

    async def unpublish(messages: list[tuple[str, int]]) -> None:
        js = broker.config.connection_state.stream
        for subject, seq in messages:
            try:
                await js.delete_msg(stream_name_of(subject), seq)
            except APIError as error:
                if not gone_already(error):
                    raise

    return unpublish


def stream_name_of(subject: str) -> str:
    for name, subjects in ALL_STREAMS:
        if any(subject == s or (s.endswith(">") and subject.startswith(s[:-1])) for s in subjects):
            return name
    raise LookupError(f"no stream captures {subject}")


async def nats_ready(broker: NatsBroker) -> None:
    connection = broker.config.connection_state.connection
    if connection is None or not connection.is_connected:
        raise ConnectionError("not connected to NATS")
    await connection.flush(timeout=2)


class ReconnectingClient(Client):
    """nats-py closes the connection for good on a protocol error from the server (say, a
    message over max_payload: the server has cut the connection), and FastStream's pull
    consumers then spin on the closed connection, freezing the event loop. This client
    reconnects instead, as it does after a network failure; only an authorization or
    permissions error keeps nats-py's own handling."""

    async def _process_err(self, err_msg: str) -> None:
        if any(kind in err_msg for kind in (STALE_CONNECTION, AUTHORIZATION_VIOLATION, PERMISSIONS_ERR)):
            await super()._process_err(err_msg)
            return
        log.error("NATS server error '%s': reconnecting", err_msg.strip("'"))
        self._err = nats.errors.Error(f"nats: {err_msg.strip(chr(39))}")
        await self._process_op_err(self._err)


class ChassisNatsBroker(NatsBroker):
    """A NatsBroker whose connection reopens itself (ReconnectingClient), and which knows
    the durable consumers registered on it (stream, durable) and how many replicas its
    streams and consumers keep."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.durables: list[tuple[str, str]] = []
        self.replicas = 1

    async def _connect(self) -> Client:
        connection = ReconnectingClient()
        await connection.connect(**self._connection_kwargs)
        self.config.connect(connection)
        return connection

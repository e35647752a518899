"""JetStream set-up shared by every service: streams, the broker, publishing raw events."""

from datetime import timedelta

from contracts.subjects import ALL_STREAMS
from faststream.nats import NatsBroker
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

STREAM_MAX_AGE = timedelta(days=30).total_seconds()
DUPLICATE_WINDOW = timedelta(minutes=10).total_seconds()


def make_broker(url: str, name: str) -> NatsBroker:
    return NatsBroker(url, name=name, max_reconnect_attempts=-1, reconnect_time_wait=0.5,
                      connect_timeout=2, logger=None)


async def ensure_streams(broker: NatsBroker) -> None:
    """Create or update every stream: file storage, bounded retention, de-duplication window."""
    js = broker.config.connection_state.stream
    for name, subjects in ALL_STREAMS:
        config = StreamConfig(
            name=name,
            subjects=subjects,
            storage=StorageType.FILE,
            retention=RetentionPolicy.LIMITS,
            discard=DiscardPolicy.OLD,
            max_age=STREAM_MAX_AGE,
            max_bytes=1024**3,
            duplicate_window=DUPLICATE_WINDOW,
        )
        try:
            await js.stream_info(name)
            await js.update_stream(config)
        except NotFoundError:
            await js.add_stream(config)


def jetstream_publisher(broker: NatsBroker):
    """A `Publish` for the outbox relay: JetStream publish, awaiting the ack."""

    async def publish(subject: str, payload: bytes, msg_id: str, headers: dict[str, str] | None = None) -> int:
        js = broker.config.connection_state.stream
        ack = await js.publish(subject, payload, timeout=5, headers={**(headers or {}), "Nats-Msg-Id": msg_id})
        return ack.seq

    return publish


def jetstream_unpublisher(broker: NatsBroker):
    """An `Unpublish` for erasure: delete messages from their streams by sequence."""

    async def unpublish(messages: list[tuple[str, int]]) -> None:
        js = broker.config.connection_state.stream
        for subject, seq in messages:
            try:
                await js.delete_msg(stream_name_of(subject), seq)
            except NotFoundError:  # deleted already (a retried erasure) or aged out
                pass

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

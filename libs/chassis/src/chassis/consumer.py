"""Durable JetStream pull consumers, configured one way for every service:
explicit ack, NACK (with a delay) on error so the event is retried, bounded max_deliver.
Payloads are decoded with msgspec into the contract's struct."""

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import msgspec
from contracts.subjects import ALL_STREAMS
from faststream import AckPolicy
from faststream.nats import ConsumerConfig, JStream, NatsBroker, PullSub
from faststream.nats.annotations import NatsMessage
from nats.js.api import DeliverPolicy

from chassis.messaging import stream_name_of
from chassis.request_context import HEADER, request_id
from contracts import SUBJECT_OF, Event

E = TypeVar("E", bound=Event)
log = logging.getLogger(__name__)


def stream_of(subject: str) -> JStream:
    name = stream_name_of(subject)
    return JStream(name=name, subjects=dict(ALL_STREAMS)[name], declare=False)


def delivery_count(message: NatsMessage) -> int:
    try:
        return message.raw_message.metadata.num_delivered
    except Exception:  # in-memory test broker messages have no JetStream metadata
        return 1


def durable_consumer(
    broker: NatsBroker,
    event_type: type[E],
    durable: str,
    handle: Callable[[E, NatsMessage], Awaitable[None]],
    max_deliver: int = 10,
    ack_wait: float = 60,
    batch_size: int = 20,
    max_workers: int = 1,
) -> None:
    subject = SUBJECT_OF[event_type]
    decoder = msgspec.json.Decoder(event_type)

    @broker.subscriber(
        subject,
        stream=stream_of(subject),
        durable=durable,
        pull_sub=PullSub(batch_size=batch_size, timeout=1.0),
        ack_policy=AckPolicy.MANUAL,
        config=ConsumerConfig(ack_wait=ack_wait, max_deliver=max_deliver, deliver_policy=DeliverPolicy.ALL),
        # more than one: handle up to this many messages at once, refilling a free slot at once
        **({"max_workers": max_workers} if max_workers > 1 else {}),
    )
    async def consume(message: NatsMessage) -> None:
        try:
            event = decoder.decode(message.body)
        except msgspec.DecodeError as exc:  # poison: retrying cannot help
            log.error("dropping undecodable %s message: %s", subject, exc)
            await message.reject()
            return
        token = request_id.set((message.headers or {}).get(HEADER) or event.event_id)
        try:
            await handle(event, message)
        except Exception:
            attempt = delivery_count(message)
            log.exception("handling %s %s failed (delivery %d)", subject, event.event_id, attempt)
            await message.nack(delay=min(0.5 * 2 ** (attempt - 1), 30))
            return
        finally:
            request_id.reset(token)
        await message.ack()


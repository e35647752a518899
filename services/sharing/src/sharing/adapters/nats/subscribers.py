"""Sharing's projections: who owns each insight (TranscriptReceived), and erasure (InsightDeleted)."""

from collections.abc import Callable

from chassis.consumer import durable_consumer
from chassis.deadletter import DeadLetters
from faststream.nats import NatsBroker
from faststream.nats.annotations import NatsMessage

from contracts import InsightDeleted, TranscriptReceived
from sharing.app.erase_insight import erase_insight
from sharing.app.project_transcript import project_transcript
from sharing.ports import UnitOfWork


def subscribe(broker: NatsBroker, uow_factory: Callable[[], UnitOfWork],
              dead_letters: DeadLetters | None = None) -> None:
    async def on_transcript(event: TranscriptReceived, message: NatsMessage) -> None:
        await project_transcript(event, uow_factory())

    async def on_deleted(event: InsightDeleted, message: NatsMessage) -> None:
        await erase_insight(event, uow_factory())

    durable_consumer(broker, TranscriptReceived, "sharing-ownership", on_transcript, max_deliver=30,
                     dead_letters=dead_letters)
    durable_consumer(broker, InsightDeleted, "sharing-erasure", on_deleted, max_deliver=30,
                     dead_letters=dead_letters)

"""Ingestion consumes relationship changes (paired uploads need them)."""

from collections.abc import Callable

from chassis.consumer import durable_consumer
from chassis.deadletter import DeadLetters
from faststream.nats import NatsBroker

from contracts import CoachingRelationshipChanged
from ingestion.app.project_relationship import project_relationship
from ingestion.ports import UnitOfWork


def subscribe(broker: NatsBroker, uow_factory: Callable[[], UnitOfWork],
              dead_letters: DeadLetters | None = None) -> None:
    # chassis' consumer decodes the msgspec contract itself: FastStream's default
    # (pydantic) decoding of a msgspec Struct failed every delivery, so no relationship
    # ever reached ingestion and every paired upload was a 404.
    async def handle(event: CoachingRelationshipChanged, message) -> None:
        await project_relationship(event, uow_factory())

    durable_consumer(broker, CoachingRelationshipChanged, "ingestion-relationships", handle,
                     max_deliver=20, ack_wait=30, batch_size=50, dead_letters=dead_letters)

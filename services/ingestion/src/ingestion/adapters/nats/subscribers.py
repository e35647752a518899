"""Ingestion consumes relationship changes (paired uploads need them)."""

from collections.abc import Callable

from contracts.subjects import PLATFORM_STREAM, RELATIONSHIP_CHANGED_V1
from faststream import AckPolicy
from faststream.nats import ConsumerConfig, JStream, NatsBroker, PullSub

from contracts import CoachingRelationshipChanged
from ingestion.app.project_relationship import project_relationship
from ingestion.ports import UnitOfWork


def subscribe(broker: NatsBroker, uow_factory: Callable[[], UnitOfWork]) -> None:
    name, subjects = PLATFORM_STREAM

    @broker.subscriber(
        RELATIONSHIP_CHANGED_V1,
        stream=JStream(name=name, subjects=subjects, declare=False),
        durable="ingestion-relationships",
        pull_sub=PullSub(batch_size=50, timeout=1.0),
        ack_policy=AckPolicy.NACK_ON_ERROR,
        config=ConsumerConfig(ack_wait=30, max_deliver=20),
    )
    async def on_relationship_changed(event: CoachingRelationshipChanged) -> None:
        await project_relationship(event, uow_factory())

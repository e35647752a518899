from collections.abc import Callable

from chassis.consumer import durable_consumer
from chassis.deadletter import DeadLetters
from faststream.nats import NatsBroker

from contracts import (
    AnalysisCompleted,
    AnalysisFailed,
    CoachingRelationshipChanged,
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    TranscriptReceived,
)
from insights.app import projections
from insights.ports import StatusHints, UnitOfWork

HANDLERS = {
    TranscriptReceived: projections.on_transcript_received,
    AnalysisCompleted: projections.on_analysis_completed,
    AnalysisFailed: projections.on_analysis_failed,
    InsightDeleted: projections.on_insight_deleted,
    CoachingRelationshipChanged: projections.on_relationship_changed,
    InsightShared: projections.on_insight_shared,
    InsightShareRevoked: projections.on_insight_share_revoked,
}


def subscribe(broker: NatsBroker, uow_factory: Callable[[], UnitOfWork],
              dead_letters: DeadLetters | None = None, hints: StatusHints | None = None) -> None:
    for event_type, project in HANDLERS.items():
        # every projection hints what it changed once committed
        async def handle(event, message, project=project) -> None:
            await project(event, uow_factory(), hints)

        durable_consumer(broker, event_type, f"insights-{event_type.__name__}", handle, max_deliver=30,
                         dead_letters=dead_letters)

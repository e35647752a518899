"""Analysis consumers: one durable work queue shared by every analysis replica."""

import asyncio
import contextlib
from collections.abc import Callable

from chassis.consumer import delivery_count, durable_consumer, patiently
from chassis.deadletter import DeadLetters
from faststream.nats import NatsBroker
from faststream.nats.annotations import NatsMessage

from analysis.adapters.nats.in_flight import InFlight
from analysis.app.analyze_transcript import Attempt, analyze_transcript
from analysis.app.erase_insight import erase_insight
from analysis.app.give_up import give_up
from analysis.ports import Analyzer, UnitOfWork
from contracts import InsightDeleted, TranscriptReceived

HEARTBEAT_SECONDS = 10


@contextlib.asynccontextmanager
async def heartbeat(message: NatsMessage, every: float):
    """In-progress acks while a long analysis runs, so ack_wait never expires mid-work."""

    async def beat() -> None:
        while True:
            await asyncio.sleep(every)
            with contextlib.suppress(Exception):
                await message.in_progress()

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()


def subscribe(broker: NatsBroker, analyzer: Analyzer, uow_factory: Callable[[], UnitOfWork],
              max_deliver: int, ack_wait: float, concurrency: int = 1, dead_letters: DeadLetters | None = None) -> None:
    in_flight = InFlight()

    async def on_transcript(event: TranscriptReceived, message: NatsMessage) -> None:
        number = delivery_count(message)

        async def persist(work):  # a database outage after the analysis: wait for it, keep the result
            return await patiently(work, f"saving the analysis of {event.insight_id}", message,
                                   max(0.1, min(5.0, ack_wait / 3)))

        async with heartbeat(message, min(HEARTBEAT_SECONDS, ack_wait / 3)), in_flight.one(event.insight_id):
            await analyze_transcript(event, Attempt(number=number, last=number >= max_deliver), analyzer,
                                     uow_factory, persist)

    async def on_deleted(event: InsightDeleted, message: NatsMessage) -> None:
        await erase_insight(event, uow_factory())

    async def on_give_up(event: TranscriptReceived, error: Exception, deliveries: int) -> None:
        await give_up(event, error, deliveries, uow_factory())

    # up to `concurrency` messages a fetch, all handled at once (each under its heartbeat) before
    # the next fetch. Not FastStream's max_workers: it fetches one more while every worker is
    # busy and holds it without in-progress acks, so a long analysis ahead of it (or a database
    # outage) outlasts ack_wait and the waiting message is delivered, and analysed, twice.
    # A redelivered copy fetched alongside the original waits for it (InFlight).
    durable_consumer(broker, TranscriptReceived, "analysis-workers", on_transcript,
                     max_deliver=max_deliver, ack_wait=ack_wait, batch_size=max(1, concurrency),
                     dead_letters=dead_letters, on_give_up=on_give_up)
    durable_consumer(broker, InsightDeleted, "analysis-erasure", on_deleted, dead_letters=dead_letters)

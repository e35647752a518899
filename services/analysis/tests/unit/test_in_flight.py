"""Two deliveries of one event handled at once: the second waits for the first to finish (and
then finds the event handled), while other insights go on in parallel."""

import asyncio

from analysis.adapters.nats.in_flight import InFlight


async def test_a_second_delivery_of_an_insight_waits_for_the_first_and_others_do_not():
    in_flight, log = InFlight(), []

    async def handle(key: str, name: str, seconds: float) -> None:
        async with in_flight.one(key):
            log.append(f"{name} starts")
            await asyncio.sleep(seconds)
            log.append(f"{name} ends")

    await asyncio.gather(handle("insight-1", "first", 0.2), handle("insight-1", "redelivered", 0.01),
                         handle("insight-2", "other", 0.05))
    assert log.index("first ends") < log.index("redelivered starts")
    assert log.index("other ends") < log.index("first ends")  # not held up by insight-1
    assert len(in_flight) == 0  # nothing kept once every handler is done


async def test_a_failed_handling_releases_the_insight():
    in_flight = InFlight()
    try:
        async with in_flight.one("insight-1"):
            raise RuntimeError("analysis failed")
    except RuntimeError:
        pass
    async with asyncio.timeout(1), in_flight.one("insight-1"):
        pass
    assert len(in_flight) == 0

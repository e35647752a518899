"""The status-hints listener stops when told, whatever it is doing at that moment."""

from __future__ import annotations

import asyncio

from chassis.nats_connection import NatsSettings
from gateway.adapters import status_hints


class _ClosingSlowly:
    """A NATS client whose connection closes for good as soon as it is made, and whose first close() is slow
    (a server going away at shutdown): the listener is then in close() when the stop comes."""

    closing: asyncio.Event
    closes = 0

    async def connect(self, **options) -> None:
        self._closed_cb = options["closed_cb"]

    async def subscribe(self, subject: str, cb) -> None:
        pass

    async def flush(self, timeout: float) -> None:
        asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(self._closed_cb()))

    async def close(self) -> None:
        _ClosingSlowly.closes += 1
        if _ClosingSlowly.closes == 1:
            _ClosingSlowly.closing.set()
            await asyncio.sleep(3600)


async def test_a_stop_while_the_listener_closes_its_connection_ends_it(monkeypatch):
    _ClosingSlowly.closing, _ClosingSlowly.closes = asyncio.Event(), 0
    monkeypatch.setattr(status_hints, "Client", _ClosingSlowly)
    hints = status_hints.NatsStatusHints(NatsSettings())
    await hints.start()
    listening = hints._task
    await asyncio.wait_for(_ClosingSlowly.closing.wait(), 5)
    # a stop swallowed there would leave the listener retrying for ever, and the service's (or the test
    # run's) event loop waiting on it at shutdown
    stopping = asyncio.create_task(hints.stop())
    await asyncio.wait({listening}, timeout=5)
    try:
        assert listening.cancelled()
        assert _ClosingSlowly.closes == 1  # it never connected again
    finally:
        listening.cancel()  # (where the stop was swallowed: the listener now waits to retry, and stops)
        await asyncio.wait({stopping}, timeout=5)

"""One handling at a time per insight within this process.

nats-py keeps messages that a pull request expired before receiving in its pending queue and
hands them out at a later fetch; by then JetStream may have redelivered the same event, so two
deliveries of one event can be handled at once. The inbox check alone cannot tell: both copies
pass it before either has finished. Here the second copy waits for the first, then finds the
event handled and does nothing, instead of analysing the transcript (and calling an LLM) twice.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator


class InFlight:
    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._holders: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def one(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:  # nobody holds or waits: forget the key
                del self._holders[key], self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)

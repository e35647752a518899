"""Rate limits in this process only: for a single gateway replica and for tests. Bounded:
at most `max_keys` keys; quiet keys go first, then the least recently limited."""

import time

from gateway.domain.rate import Decision, Rate, gcra
from gateway.ports import RateLimiter


class MemoryRateLimiter(RateLimiter):
    def __init__(self, max_keys: int = 100_000, clock=time.time) -> None:
        self.max_keys = max_keys
        self._clock = clock
        self._tats: dict[str, float] = {}
        self._pruned_at = float("-inf")

    def __len__(self) -> int:
        return len(self._tats)

    async def hit(self, key: str, rate: Rate) -> Decision:
        now = self._clock()
        decision, new_tat = gcra(self._tats.get(key), now, rate)
        if new_tat is not None:
            self._tats.pop(key, None)  # re-inserted last: the dict's order is recency
            if len(self._tats) >= self.max_keys and not (now - self._pruned_at >= 1.0 and await self.prune()):
                del self._tats[next(iter(self._tats))]  # full of live keys: a scan at most once a second
            self._tats[key] = new_tat
        return decision

    async def prune(self) -> int:
        now = self._pruned_at = self._clock()
        quiet = [key for key, tat in self._tats.items() if tat <= now]
        for key in quiet:
            del self._tats[key]
        return len(quiet)

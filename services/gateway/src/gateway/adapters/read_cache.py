"""The insights service's answers to reads, kept in this gateway process for a moment.

A dashboard asks for the same pages again and again, and a proxied read costs several times
what answering from memory does (the hop, the insights service, Postgres). An answer is kept
for the caller's exact token and URL, and only a 200.

It is never served stale by more than the insights service itself is behind:
- after every commit that changes what some users read (an insight arriving, finishing,
  failing or deleted, a share or revocation) the insights service hints their user ids on
  NATS (contracts.hints.ReadersChangedHint), and an empty hint means anyone's; every gateway
  process hears it and stops serving those users' answers;
- each user has a generation, taken before the upstream call and stored with the answer: an
  answer fetched while a hint for its user arrived is never served, whichever came first;
- nothing is kept or served while the hints are not heard (NATS down, reconnecting: hints
  sent meanwhile are lost), and all is forgotten when they are heard again, after a NATS
  error (a slow consumer's dropped messages) and when an insights process starts (one that
  stopped between a commit and its hint never sent it);
- `seconds` bounds what a lost hint could cost;
- an answer the service marks `Cache-Control: no-store` is never kept: one that a grant's
  `expires_at` will change, which no event announces (a detail or shared-with-me read
  under such a grant). Search, whose answers may hang on one too, does not come here at all.

The identity check is not skipped: the route's caller dependency verifies the token first.
Memory is bounded (`max_bytes`, least recently used first); a single large answer is never
kept, and exports do not come here at all."""

import time
from collections.abc import Awaitable, Callable, Iterable

from cachetools import TTLCache
from prometheus_client import Counter

from gateway.ports import Upstream

READS = Counter("gateway_read_cache_total", "Reads of the insights service by how the gateway answered them "
                "(hit: from memory; miss: asked the service; off: not listening to hints, so not cached)",
                ["outcome"])
ENTRY_OVERHEAD_BYTES = 1024  # the key (token, path, query), the entry and the cache's own slot
KEEP_AT_MOST_BYTES = 256 * 1024  # one answer: past this it is a document, not a page
MAX_GENERATIONS = 100_000  # users with a generation; past this all start again (with everyone's)

Key = tuple[str, str, bytes]


class ReadCache:
    def __init__(self, max_bytes: int = 128 * 1024 * 1024, seconds: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.enabled = max_bytes > 0 and seconds > 0
        self._entries: TTLCache = TTLCache(max(1, max_bytes), seconds, timer=clock, getsizeof=_size)
        self._everyone = 0
        self._users: dict[str, int] = {}
        self._listening = False

    def listening(self, now: bool) -> None:
        """Whether hints arrive now. Either way what is held is forgotten: going deaf, the
        hints to come will be lost; hearing again, those sent meanwhile were."""
        self._listening = now
        self.readers_changed(())

    def readers_changed(self, user_ids: Iterable[str]) -> None:
        """What these users read changed (none named: anyone's)."""
        user_ids = tuple(user_ids)
        if not user_ids or len(self._users) + len(user_ids) > MAX_GENERATIONS:
            self._everyone += 1
            self._users.clear()
            self._entries.clear()
            return
        for user_id in user_ids:
            self._users[user_id] = self._users.get(user_id, 0) + 1

    async def read(self, user_id: str, key: Key, fetch: Callable[[], Awaitable[Upstream]]) -> Upstream:
        """The answer kept for `key` if still good, else `fetch()`'s (kept if it is a 200)."""
        if not (self.enabled and self._listening):
            READS.labels("off").inc()
            return await fetch()
        stamp = self._stamp(user_id)
        kept = self._entries.get(key)
        if kept is not None and kept[0] == stamp:
            READS.labels("hit").inc()
            return kept[1]
        READS.labels("miss").inc()
        answer = await fetch()
        if answer.status == 200 and self._listening and self._stamp(user_id) == stamp and _keepable(answer):
            self._entries[key] = (stamp, answer)
        return answer

    def _stamp(self, user_id: str) -> tuple[int, int]:
        return self._everyone, self._users.get(user_id, 0)

    def __len__(self) -> int:
        return len(self._entries)


def _keepable(answer: Upstream) -> bool:
    return len(answer.body) <= KEEP_AT_MOST_BYTES and "no-store" not in answer.headers.get("cache-control", "")


def _size(entry: tuple[tuple[int, int], Upstream]) -> int:
    return len(entry[1].body) + ENTRY_OVERHEAD_BYTES

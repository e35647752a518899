from collections.abc import AsyncIterable
from dataclasses import dataclass, field
from typing import Protocol

from gateway.domain.rate import Decision, Rate


@dataclass(frozen=True)
class Upstream:
    status: int
    body: bytes
    content_type: str
    # the few response headers worth passing on (e.g. Content-Disposition of an export)
    headers: dict[str, str] = field(default_factory=dict)


class ServiceClient(Protocol):
    """Calls one backing service with the caller's own bearer token."""

    async def call(self, method: str, path: str, token: str, json: bytes | None = None,
                   params: dict | None = None, headers: dict[str, str] | None = None) -> Upstream: ...

    async def forward(self, method: str, path: str, token: str, body: AsyncIterable[bytes],
                      headers: dict[str, str]) -> Upstream: ...

    async def reachable(self) -> None: ...


class StatusWatch(Protocol):
    """One live stream's watch on one insight."""

    async def wait(self, timeout: float) -> bool:
        """Until a hint says the insight's status changed (True), or `timeout` seconds (False)."""

    def close(self) -> None: ...


class StatusHints(Protocol):
    """Hints that an insight's status changed, from the insights service: never the status
    itself (a stream looks it up, with its caller's token), and may be lost."""

    @property
    def live(self) -> bool:
        """Whether hints can arrive now (subscribed and connected); if not, streams poll."""

    def watch(self, insight_id: str) -> StatusWatch: ...


class ReadersListener(Protocol):
    """Told which users' reads the insights service changed (adapters.read_cache)."""

    def listening(self, now: bool) -> None:
        """Whether those hints arrive now (False: any may be lost)."""

    def readers_changed(self, user_ids: tuple[str, ...]) -> None:
        """These users' reads changed; none named: anyone's."""


class RateLimiter(Protocol):
    """Counts requests per key against a rate; shared by every gateway replica (Postgres), or
    in this process only (memory: one replica, tests). Bounded: forgets keys gone quiet."""

    async def hit(self, key: str, rate: Rate) -> Decision: ...

    async def prune(self) -> int: ...

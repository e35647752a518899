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


class RateLimiter(Protocol):
    """Counts requests per key against a rate; shared by every gateway replica (Postgres), or
    in this process only (memory: one replica, tests). Bounded: forgets keys gone quiet."""

    async def hit(self, key: str, rate: Rate) -> Decision: ...

    async def prune(self) -> int: ...

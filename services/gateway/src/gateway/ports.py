from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Upstream:
    status: int
    body: bytes
    content_type: str


class ServiceClient(Protocol):
    """Calls one backing service with the caller's own bearer token."""

    async def call(self, method: str, path: str, token: str, json: bytes | None = None,
                   params: dict | None = None) -> Upstream: ...

    async def reachable(self) -> None: ...

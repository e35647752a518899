"""Which budget a request spends, and what the caller hears when it is spent.

Budgets are per verified user (uploads, comments) or, for callers without a valid token,
per client address: a forged token spends only its sender's address budget, never the
budget of the user it names. Keys are hashed, so the store holds no user id or address."""

import asyncio
import hashlib
import logging
import math
from dataclasses import dataclass

from chassis.problems import Problem
from litestar.connection import ASGIConnection

from gateway.domain.rate import Rate
from gateway.ports import RateLimiter

log = logging.getLogger(__name__)
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class RateLimits:
    limiter: RateLimiter
    rates: dict[str, Rate]  # bucket name -> rate; "anonymous" is the per-address one
    proxy_hops: int = 0  # trusted reverse proxies in front of the gateway (X-Forwarded-For)
    timeout: float = 2.0

    async def spend_user(self, bucket: str, user_id: str) -> None:
        await self._spend(bucket, f"user:{user_id}")

    async def spend_anonymous(self, connection: ASGIConnection) -> None:
        await self._spend(ANONYMOUS, f"addr:{client_address(connection, self.proxy_hops)}")

    async def _spend(self, bucket: str, who: str) -> None:
        rate = self.rates[bucket]
        key = f"{bucket}:{hashlib.sha256(who.encode()).hexdigest()[:32]}"
        try:
            decision = await asyncio.wait_for(self.limiter.hit(key, rate), self.timeout)
        except Exception as exc:  # the store is away: serve rather than refuse everyone
            log.warning("rate limit store unavailable, %s not counted: %r", bucket, exc)
            return
        if not decision.allowed:
            retry_after = max(1, math.ceil(decision.retry_after))
            problem = Problem(429, "rate_limited",
                              f"Too many requests ({rate.count} per {rate.period:g} s); retry in {retry_after} s.")
            problem.headers = {"Retry-After": str(retry_after)}
            raise problem


def client_address(connection: ASGIConnection, proxy_hops: int) -> str:
    """The peer's address, or with `proxy_hops` trusted proxies the address the outermost of
    them saw (X-Forwarded-For is written by the client too, so only its last hops count)."""
    if proxy_hops > 0:
        forwarded = [part.strip() for part in connection.headers.get("x-forwarded-for", "").split(",") if part.strip()]
        if len(forwarded) >= proxy_hops:
            return forwarded[-proxy_hops]
    return connection.client.host if connection.client else "unknown"

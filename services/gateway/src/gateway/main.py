"""Composition root of the gateway: the only door the platform frontend uses."""

import asyncio
import contextlib
import logging
from pathlib import Path

from chassis import heap, tracing
from chassis.db import make_engine, ping
from chassis.health import health_handlers
from chassis.metrics import metrics_handler, metrics_middleware
from chassis.migrate import upgrade_to_head
from chassis.problems import EXCEPTION_HANDLERS
from chassis.request_context import request_id_middleware
from chassis.serve import serve
from chassis.settings import env, jwt_verifier_from_env
from chassis.startup import retry_until_ready
from litestar import Litestar
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig

from gateway.adapters.dashboard import DashboardConfig, dashboard_routes
from gateway.adapters.protection import caller_dependency, cors, security_headers
from gateway.adapters.rate_limits import MemoryRateLimiter, PostgresRateLimiter, RateLimits
from gateway.adapters.rate_limits.tables import SCHEMA
from gateway.adapters.read_cache import ReadCache
from gateway.adapters.routes import all_routes
from gateway.adapters.routes.common import Services, UpstreamError, relay_error
from gateway.adapters.routes.live import StreamSlots
from gateway.adapters.service_client import HttpServiceClient
from gateway.adapters.status_hints import NatsStatusHints
from gateway.ports import RateLimiter
from gateway.settings import GatewaySettings

log = logging.getLogger("gateway")
MIGRATIONS = Path(__file__).parent / "migrations"
PRUNE_SECONDS = 60.0


def create_app(settings: GatewaySettings | None = None, limiter: RateLimiter | None = None) -> Litestar:
    """`limiter` overrides the rate-limit store (tests); by default Postgres when a database
    URL is set (shared by every replica), else this process's memory."""
    settings = settings or GatewaySettings.from_env()
    clients = {
        name: HttpServiceClient(name, env(f"{name.upper()}_URL", f"http://127.0.0.1:{port}"))
        for name, port in (("ingestion", 8001), ("insights", 8003), ("sharing", 8004))
    }
    services = Services(**clients)
    engine = make_engine(settings.database_url, pool_size=5) if limiter is None and settings.database_url else None
    if limiter is None:
        limiter = PostgresRateLimiter(engine) if engine else MemoryRateLimiter()
    limits = RateLimits(limiter, settings.rates, settings.proxy_hops)
    # answers to reads, while the hints that say when to forget them arrive (never without NATS)
    cache = ReadCache(settings.read_cache_bytes, settings.read_cache_seconds)
    # wakes the live streams (NATS down or absent: they poll) and tells the cache what changed
    hints = NatsStatusHints(settings.nats, readers=cache)
    background: list[asyncio.Task] = []

    async def start() -> None:
        if engine is not None:
            await retry_until_ready("postgres", lambda: ping(engine))
            await upgrade_to_head(engine, MIGRATIONS, SCHEMA)
        else:
            log.warning("no DATABASE_URL: rate limits are counted in this process only (one replica)")
        await hints.start()  # in the background: the gateway serves with or without NATS
        background.append(asyncio.create_task(prune_forever(limiter), name="rate-limit-prune"))
        background.append(asyncio.create_task(announce(), name="announce"))
        heap.settle()

    async def announce() -> None:
        for client in clients.values():
            await retry_until_ready(f"{client.name} service", client.reachable, timeout=300)
        log.info("Session Insights is up: %s  (API under %s/api/v1/session-insights)",
                 settings.public_url, settings.public_url)

    async def close() -> None:
        await hints.stop()
        for task in background:
            task.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.gather(*background, return_exceptions=True)
        for client in clients.values():
            await client.close()
        if engine is not None:
            await engine.dispose()

    checks = {name: client.reachable for name, client in clients.items()}
    if engine is not None:
        checks["database"] = lambda: ping(engine)
    dashboard = DashboardConfig.from_env()
    return Litestar(
        route_handlers=[*health_handlers("gateway", checks),
                        *all_routes(services, StreamSlots(settings.streams_per_user), hints,
                                    settings.live_poll_seconds, cache),
                        *dashboard_routes(dashboard, limits),
                        # outside traffic comes here: /metrics only for a configured token
                        metrics_handler(settings.metrics_token, require_token=True)],
        dependencies={"caller": Provide(caller_dependency(jwt_verifier_from_env(), limits))},
        exception_handlers={**EXCEPTION_HANDLERS, UpstreamError: relay_error},
        on_startup=[start],
        on_shutdown=[close],
        request_max_body_size=10 * 1024 * 1024 + 64 * 1024,
        middleware=[request_id_middleware, metrics_middleware,
                    *([tracing.tracing_middleware] if tracing.configure("gateway") else []), security_headers],
        cors_config=cors(settings.cors_origins),
        openapi_config=OpenAPIConfig(title="Session Insights API", version="1.0.0", path="/schema"),
    )


async def prune_forever(limiter: RateLimiter) -> None:
    """Forget keys whose budget is whole again: the store holds only the last minute's callers."""
    while True:
        await asyncio.sleep(PRUNE_SECONDS)
        try:
            await limiter.prune()
        except Exception as exc:  # Postgres away for a while: next round
            log.warning("rate-limit pruning failed: %s", exc)


def main() -> None:
    settings = GatewaySettings.from_env()
    serve("gateway.main:create_app", settings.host, settings.port)  # WEB_CONCURRENCY workers


if __name__ == "__main__":
    main()

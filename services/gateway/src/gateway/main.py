"""Composition root of the gateway: the only door the platform frontend uses."""

import asyncio
import logging

from chassis.health import health_handlers
from chassis.identity import identity_dependency
from chassis.problems import EXCEPTION_HANDLERS
from chassis.request_context import request_id_middleware
from chassis.serve import serve
from chassis.settings import env, jwt_verifier_from_env
from chassis.startup import retry_until_ready
from litestar import Litestar
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig

from gateway.adapters.dashboard import DashboardConfig, dashboard_routes
from gateway.adapters.protection import cors, rate_limit, security_headers
from gateway.adapters.routes import all_routes
from gateway.adapters.routes.common import Services, UpstreamError, relay_error
from gateway.adapters.service_client import HttpServiceClient

log = logging.getLogger("gateway")


def create_app() -> Litestar:
    clients = {
        name: HttpServiceClient(name, env(f"{name.upper()}_URL", f"http://127.0.0.1:{port}"))
        for name, port in (("ingestion", 8001), ("insights", 8003), ("sharing", 8004))
    }
    services = Services(**clients)
    background: list[asyncio.Task] = []
    public_url = env("GATEWAY_PUBLIC_URL") or f"http://127.0.0.1:{env('GATEWAY_PORT', '8000')}"

    async def announce() -> None:
        async def when_ready() -> None:
            for client in clients.values():
                await retry_until_ready(f"{client.name} service", client.reachable, timeout=300)
            log.info("Session Insights is up: %s  (API under %s/api/v1/session-insights)", public_url, public_url)

        background.append(asyncio.create_task(when_ready()))

    async def close() -> None:
        for task in background:
            task.cancel()
        for client in clients.values():
            await client.close()

    checks = {name: client.reachable for name, client in clients.items()}
    return Litestar(
        route_handlers=[*health_handlers("gateway", checks), *all_routes(services), *dashboard_routes(DashboardConfig.from_env())],
        dependencies={"caller": Provide(identity_dependency(jwt_verifier_from_env()))},
        exception_handlers={**EXCEPTION_HANDLERS, UpstreamError: relay_error},
        on_startup=[announce],
        on_shutdown=[close],
        request_max_body_size=10 * 1024 * 1024 + 64 * 1024,
        middleware=[
            request_id_middleware,
            security_headers,
            rate_limit(int(env("GATEWAY_CREATE_PER_MINUTE", "30"))).middleware,
        ],
        cors_config=cors([o.strip() for o in (env("GATEWAY_CORS_ORIGINS") or "").split(",") if o.strip()]),
        openapi_config=OpenAPIConfig(title="Session Insights API", version="1.0.0", path="/schema"),
    )


def main() -> None:
    serve(create_app(), env("GATEWAY_HOST", "127.0.0.1"), int(env("GATEWAY_PORT", "8000")))


if __name__ == "__main__":
    main()

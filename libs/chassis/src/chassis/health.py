"""`GET /health` (the process is alive) and `GET /ready` (what it depends on answers)."""

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from litestar import Response, get

Check = Callable[[], Awaitable[object]]


def health_handlers(service: str, checks: Mapping[str, Check]) -> list:
    @get("/health", include_in_schema=False, sync_to_thread=False)
    def health() -> dict[str, str]:
        return {"status": "ok", "service": service}

    @get("/ready", include_in_schema=False)
    async def ready() -> Response:
        results = await asyncio.gather(
            *(asyncio.wait_for(check(), 3) for check in checks.values()), return_exceptions=True
        )
        status = {
            name: "ok" if not isinstance(result, BaseException) else f"down: {result!r}"[:200]
            for name, result in zip(checks, results, strict=True)
        }
        ok = all(value == "ok" for value in status.values())
        return Response({"status": "ok" if ok else "unavailable", "checks": status},
                        status_code=200 if ok else 503)

    return [health, ready]

"""HTTP to the backing services: bounded timeouts, and a clear 503 problem (never a hang)
when one is down."""

from collections.abc import AsyncIterable

import httpx
from chassis import tracing
from chassis.problems import Problem
from chassis.request_context import HEADER, request_id
from opentelemetry.trace import SpanKind

from gateway.ports import ServiceClient, Upstream

PASSED_ON = ("content-disposition", "retry-after")
# An upload is answered once ingestion has read the document: up to 120 s in its worker (the
# worker's limit), and a document may first wait for the one before it. Other calls keep 15 s.
UPLOAD_TIMEOUT_SECONDS = 300.0


class HttpServiceClient(ServiceClient):
    def __init__(self, name: str, base_url: str, timeout: float = 15.0,
                 upload_timeout: float = UPLOAD_TIMEOUT_SECONDS) -> None:
        self.name = name
        self._upload_timeout = httpx.Timeout(upload_timeout, connect=2.0)
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(timeout, connect=2.0),
                                       limits=httpx.Limits(max_connections=200, max_keepalive_connections=50))

    async def call(self, method: str, path: str, token: str, json: bytes | None = None,
                   params: dict | None = None, headers: dict[str, str] | None = None) -> Upstream:
        headers = {**(headers or {}), "authorization": f"Bearer {token}"}
        if json is not None:
            headers["content-type"] = "application/json"
        return await self._send(method, path, content=json, params=params, headers=headers)

    async def forward(self, method: str, path: str, token: str, body: AsyncIterable[bytes],
                      headers: dict[str, str]) -> Upstream:
        """Stream a request body through (an upload) without holding it: chunks go on as they
        arrive. An exception raised by `body` (e.g. over the size limit) aborts the call."""
        return await self._send(method, path, content=body, headers={**headers, "authorization": f"Bearer {token}"},
                                timeout=self._upload_timeout)

    async def _send(self, method: str, path: str, **request) -> Upstream:
        if rid := request_id.get():
            request["headers"] = {**request["headers"], HEADER: rid}
        try:
            with tracing.span(f"{method} {self.name}", SpanKind.CLIENT, attributes={"server.address": self.name}):
                tracing.inject(request["headers"])
                response = await self._http.request(method, path, **request)
        except httpx.TimeoutException:
            raise Problem(503, "service_timeout", f"The {self.name} service did not answer in time.") from None
        except httpx.TransportError:
            raise Problem(503, "service_unavailable", f"The {self.name} service is unavailable.") from None
        passed_on = {name: response.headers[name] for name in PASSED_ON if name in response.headers}
        return Upstream(response.status_code, response.content,
                        response.headers.get("content-type", "application/json"), passed_on)

    async def reachable(self) -> None:
        response = await self._http.get("/health", timeout=2.0)
        response.raise_for_status()

    async def close(self) -> None:
        await self._http.aclose()

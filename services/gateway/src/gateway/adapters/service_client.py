"""HTTP to the backing services: bounded timeouts, and a clear 503 problem (never a hang)
when one is down.

Calls go through one aiohttp session per service: a pool of keep-alive connections and a C
response parser (httpx's pure-Python h11 cost more CPU than the rest of a proxied read). The
answer's bytes are relayed as they came, never decoded. Uploads stream their body through
httpx instead, whose request-body iterator raises its own errors (over the size limit) to
the caller unchanged; they are rare and long, so its parser's cost does not matter there."""

import asyncio
from collections.abc import AsyncIterable
from urllib.parse import quote, urlencode

import aiohttp
import httpx
from chassis import tracing
from chassis.problems import Problem
from chassis.request_context import HEADER, request_id
from opentelemetry.trace import SpanKind
from yarl import URL

from gateway.ports import ServiceClient, Upstream

# cache-control: "no-store" keeps an answer out of the read cache (and the browser's)
PASSED_ON = ("content-disposition", "retry-after", "cache-control")
# An upload is answered once ingestion has read the document: up to 120 s in its worker (the
# worker's limit), and a document may first wait for the one before it. Other calls keep 15 s.
UPLOAD_TIMEOUT_SECONDS = 300.0
CONNECTIONS = 200
# below uvicorn's 5 s keep-alive: a connection is never reused just as the service closes it
KEEPALIVE_SECONDS = 4.0


class HttpServiceClient(ServiceClient):
    def __init__(self, name: str, base_url: str, timeout: float = 15.0,
                 upload_timeout: float = UPLOAD_TIMEOUT_SECONDS) -> None:
        self.name = name
        self._base = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=2.0)
        self._session: aiohttp.ClientSession | None = None
        self._upload_timeout = httpx.Timeout(upload_timeout, connect=2.0)
        self._uploads = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(timeout, connect=2.0),
                                          limits=httpx.Limits(max_connections=50, max_keepalive_connections=10))

    def _pool(self) -> aiohttp.ClientSession:
        # made on first use, inside the running event loop (aiohttp binds to it)
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=CONNECTIONS, keepalive_timeout=KEEPALIVE_SECONDS)
            self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout,
                                                  skip_auto_headers=("User-Agent",))
        return self._session

    async def call(self, method: str, path: str, token: str, json: bytes | None = None,
                   params: dict | None = None, headers: dict[str, str] | None = None) -> Upstream:
        headers = self._outgoing({**(headers or {}), "authorization": f"Bearer {token}"})
        if json is not None:
            headers["content-type"] = "application/json"
        # the path's segments are escaped already (routes.common.segment): sent exactly as given,
        # never re-normalised ("%2E%2E" must not become "..")
        url = URL(self._base + path + (f"?{urlencode(params, quote_via=quote)}" if params else ""), encoded=True)
        try:
            with tracing.span(f"{method} {self.name}", SpanKind.CLIENT, attributes={"server.address": self.name}):
                tracing.inject(headers)
                async with self._pool().request(method, url, data=json, headers=headers) as response:
                    body = await response.read()
        except (TimeoutError, asyncio.TimeoutError):
            raise Problem(503, "service_timeout", f"The {self.name} service did not answer in time.") from None
        except aiohttp.ClientError:
            raise Problem(503, "service_unavailable", f"The {self.name} service is unavailable.") from None
        return _upstream(response.status, body, response.headers)

    async def forward(self, method: str, path: str, token: str, body: AsyncIterable[bytes],
                      headers: dict[str, str]) -> Upstream:
        """Stream a request body through (an upload) without holding it: chunks go on as they
        arrive. An exception raised by `body` (e.g. over the size limit) aborts the call."""
        headers = self._outgoing({**headers, "authorization": f"Bearer {token}"})
        try:
            with tracing.span(f"{method} {self.name}", SpanKind.CLIENT, attributes={"server.address": self.name}):
                tracing.inject(headers)
                response = await self._uploads.request(method, path, content=body, headers=headers,
                                                       timeout=self._upload_timeout)
        except httpx.TimeoutException:
            raise Problem(503, "service_timeout", f"The {self.name} service did not answer in time.") from None
        except httpx.TransportError:
            raise Problem(503, "service_unavailable", f"The {self.name} service is unavailable.") from None
        return _upstream(response.status_code, response.content, response.headers)

    @staticmethod
    def _outgoing(headers: dict[str, str]) -> dict[str, str]:
        if rid := request_id.get():
            headers[HEADER] = rid
        return headers

    async def reachable(self) -> None:
        async with self._pool().get(f"{self._base}/health", timeout=aiohttp.ClientTimeout(total=2.0)) as response:
            response.raise_for_status()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
        await self._uploads.aclose()


def _upstream(status: int, body: bytes, headers) -> Upstream:
    passed_on = {name: headers[name] for name in PASSED_ON if name in headers}
    return Upstream(status, body, headers.get("content-type", "application/json"), passed_on)

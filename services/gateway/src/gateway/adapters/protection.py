"""The front door's protections: per-user rate limits on the create endpoints, CORS for
the configured frontend origin only, security headers, and a request id on everything."""

import contextvars
import logging
import re
import uuid

import jwt
from litestar import Request
from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.middleware.rate_limit import RateLimitConfig, get_remote_address
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from gateway.adapters.routes.common import PREFIX

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._\-]{1,128}$")
_CREATE_PATHS = {PREFIX, f"{PREFIX}/", f"{PREFIX}/from-text", f"{PREFIX}/unpaired", f"{PREFIX}/unpaired/from-text"}

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
}


def _caller_key(request: Request) -> str:
    """Bucket by the token's subject; the token is verified again by the handler, so a
    forged subject only spends the forger's own (unverified) bucket key space."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        try:
            return "user:" + str(jwt.decode(token, options={"verify_signature": False}).get("sub", ""))
        except jwt.PyJWTError:
            pass
    return "addr:" + get_remote_address(request)


async def _is_create(request: Request) -> bool:
    return request.method == "POST" and request.url.path in _CREATE_PATHS


def rate_limit(per_minute: int) -> RateLimitConfig:
    return RateLimitConfig(rate_limit=("minute", per_minute), identifier_for_request=_caller_key,
                           check_throttle_handler=_is_create)


def cors(origins: list[str]) -> CORSConfig | None:
    if not origins:
        return None  # same-origin only
    return CORSConfig(allow_origins=origins, allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
                      allow_headers=["authorization", "content-type", "idempotency-key", "x-request-id"],
                      expose_headers=["x-request-id", "retry-after"], allow_credentials=False, max_age=600)


def request_id_and_headers(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: accept a sane X-Request-ID or make one; return it; add security headers."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        incoming = MutableScopeHeaders(scope).get("x-request-id", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                headers["x-request-id"] = request_id
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        try:
            await app(scope, receive, send_with_headers)
        finally:
            request_id_var.reset(token)

    return middleware


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True

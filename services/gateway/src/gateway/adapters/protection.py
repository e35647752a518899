"""The front door's protections: per-user rate limits on the create endpoints, CORS for
the configured frontend origin only, and security headers on every response."""

import jwt
from litestar import Request
from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.middleware.rate_limit import RateLimitConfig, get_remote_address
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from gateway.adapters.routes.common import PREFIX

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


def security_headers(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware

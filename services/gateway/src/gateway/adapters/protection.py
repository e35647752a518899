"""The front door's protections: the verified caller with per-user rate limits on the routes
that create (uploads, comments), CORS for the configured frontend origin only, and security
headers on every response."""

from chassis.identity import Identity, JwtVerifier, bearer_token
from chassis.problems import Problem
from litestar import Request
from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from gateway.adapters.rate_limits import RateLimits
from gateway.adapters.routes.common import RATE_LIMIT

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
}


def caller_dependency(verifier: JwtVerifier, limits: RateLimits):
    """The verified caller, and on rate-limited routes the budget spent: the verified user's,
    or for a missing or invalid token the client address's (so a forged token naming someone
    spends nothing of theirs)."""

    async def caller(request: Request) -> Identity:
        bucket = request.route_handler.opt.get(RATE_LIMIT)
        try:
            identity = await verifier.verify(bearer_token(request))
        except Problem as refused:
            if bucket and refused.status_code == 401:
                await limits.spend_anonymous(request)
            raise
        if bucket:
            await limits.spend_user(bucket, identity.user_id)
        return identity

    return caller


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

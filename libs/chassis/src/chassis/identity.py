"""Verify bearer JWTs: HS256 with a local secret, or RS256 from the platform's JWKS.

Every service verifies for itself; none trusts an identity it did not verify. With a JWKS
the issuer and the audience are required: a token some other API of the same identity
provider was given is not ours.
"""

import asyncio
import json
import time
import urllib.request
from dataclasses import dataclass, field

import jwt
from litestar.connection import ASGIConnection

from chassis.problems import Problem

# tolerated clock difference between the identity provider and us (exp, nbf, iat)
DEFAULT_LEEWAY_SECONDS = 30.0
# A token verified once is taken as verified for this long (never past its exp + leeway): a
# dashboard sends the same token with every call, and checking its signature each time was a
# fifth of a proxied read's CPU. A key withdrawn from the JWKS stops tokens within this time.
VERIFIED_SECONDS = 30.0
VERIFIED_MAX = 10_000


@dataclass(frozen=True)
class Identity:
    user_id: str
    name: str | None = None


class IdentityProviderUnavailable(Exception):
    """The key set could not be fetched (recently): not the caller's fault, so not a 401."""


@dataclass
class JwksCache:
    """The provider's signing keys, fetched off the event loop, one fetch at a time.

    Keys are kept `lifespan` seconds; an unknown `kid` refetches at most once per `cooldown`
    (no hammering the provider with made-up kids); a failed fetch is remembered for
    `failure_ttl` seconds, during which callers get the failure at once instead of each
    waiting for another timeout.
    """

    url: str
    lifespan: float = 300.0
    cooldown: float = 30.0
    failure_ttl: float = 5.0
    timeout: float = 5.0
    _keys: dict[str, object] = field(default_factory=dict)
    _fetched_at: float | None = None
    _failed_at: float | None = None
    _failure: str = ""
    _lock: asyncio.Lock | None = None
    fetches: int = 0

    async def key(self, kid: str | None) -> object:
        if self._fresh() and kid in self._keys:
            return self._keys[kid]
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # single flight: waiters reuse what the first one fetched
            if not (self._fresh() and kid in self._keys) and self._may_fetch():
                await self._fetch()
        if kid in self._keys:
            return self._keys[kid]
        if not self._keys and self._failed_recently():
            raise IdentityProviderUnavailable(self._failure)
        raise jwt.InvalidTokenError(f"no signing key with kid {kid!r}")

    def _fresh(self) -> bool:
        return self._fetched_at is not None and time.monotonic() - self._fetched_at < self.lifespan

    def _failed_recently(self) -> bool:
        return self._failed_at is not None and time.monotonic() - self._failed_at < self.failure_ttl

    def _may_fetch(self) -> bool:
        if self._failed_recently():
            return False
        # stale keys are always refetched; an unknown kid among fresh keys waits for the cooldown
        return not self._fresh() or time.monotonic() - (self._fetched_at or 0.0) >= self.cooldown

    async def _fetch(self) -> None:
        self.fetches += 1
        try:
            data = await asyncio.to_thread(self._download)
            keys = {k.key_id: k.key for k in jwt.PyJWKSet.from_dict(data).keys if k.key_id}
        except (OSError, ValueError, jwt.PyJWTError) as exc:
            self._failed_at, self._failure = time.monotonic(), f"JWKS fetch failed: {exc}"
            return
        self._keys, self._fetched_at, self._failed_at = keys, time.monotonic(), None

    def _download(self) -> dict:
        request = urllib.request.Request(self.url, headers={"accept": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured URL
            return json.loads(response.read(1024 * 1024))


@dataclass(frozen=True)
class JwtVerifier:
    hs256_secret: str | None = None
    jwks_url: str | None = None
    issuer: str | None = None
    audience: str | None = None
    # an unknown `kid` refetches the key set, at most once per cooldown (no hammering the IdP)
    jwks_refresh_cooldown: float = 30.0
    jwks_failure_ttl: float = 5.0
    leeway: float = DEFAULT_LEEWAY_SECONDS

    def __post_init__(self) -> None:
        if not self.hs256_secret and not self.jwks_url:
            raise ValueError("set JWT_SECRET (local HS256) or JWT_JWKS_URL (RS256)")
        if self.jwks_url and not (self.issuer and self.audience):
            raise ValueError("JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE: tokens are checked for both")
        jwks = (JwksCache(self.jwks_url, cooldown=self.jwks_refresh_cooldown, failure_ttl=self.jwks_failure_ttl)
                if self.jwks_url else None)
        object.__setattr__(self, "jwks", jwks)
        object.__setattr__(self, "_verified", {})  # token -> (identity, trusted until: monotonic)

    async def verify(self, token: str) -> Identity:
        known = self._verified.get(token)  # type: ignore[attr-defined]
        if known is not None and time.monotonic() < known[1]:
            return known[0]
        identity, exp = await self._verify(token)
        if len(self._verified) >= VERIFIED_MAX:  # type: ignore[attr-defined]
            self._verified.clear()  # type: ignore[attr-defined]
        until = time.monotonic() + min(VERIFIED_SECONDS, exp + self.leeway - time.time())
        self._verified[token] = (identity, until)  # type: ignore[attr-defined]
        return identity

    async def _verify(self, token: str) -> tuple[Identity, float]:
        try:
            key, algorithms = await self._key_for(token)
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                issuer=self.issuer,
                audience=self.audience,
                leeway=self.leeway,
                options={"require": ["sub", "exp"], "verify_aud": self.audience is not None},
            )
        except IdentityProviderUnavailable as exc:
            raise Problem(503, "identity_provider_unavailable",
                          f"Tokens cannot be checked right now: {exc}") from None
        except (jwt.PyJWTError, ValueError) as exc:
            raise Problem(401, "invalid_token", f"The bearer token is not valid: {exc}") from exc
        if not isinstance(claims["sub"], str) or not claims["sub"]:
            raise Problem(401, "invalid_token", "The bearer token is not valid: `sub` must be a non-empty string")
        name = claims.get("name") if isinstance(claims.get("name"), str) else None
        return Identity(user_id=claims["sub"], name=name), float(claims["exp"])

    async def _key_for(self, token: str) -> tuple[object, list[str]]:
        header = jwt.get_unverified_header(token)
        if header.get("alg") == "HS256" and self.hs256_secret:
            return self.hs256_secret, ["HS256"]
        if self.jwks is not None and header.get("alg") == "RS256":  # type: ignore[attr-defined]
            return await self.jwks.key(header.get("kid")), ["RS256"]  # type: ignore[attr-defined]
        raise ValueError(f"algorithm {header.get('alg')!r} is not accepted")


def bearer_token(connection: ASGIConnection) -> str:
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "missing_token", "Send a bearer token in the Authorization header.")
    return token.strip()


def identity_dependency(verifier: JwtVerifier):
    """A Litestar dependency giving the verified caller."""

    async def current_identity(request: ASGIConnection) -> Identity:
        return await verifier.verify(bearer_token(request))

    return current_identity

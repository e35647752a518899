"""Verify bearer JWTs: HS256 with a local secret, or RS256 from the platform's JWKS.

Every service verifies for itself; none trusts an identity it did not verify.
"""

from dataclasses import dataclass

import jwt
from litestar.connection import ASGIConnection

from chassis.problems import Problem


@dataclass(frozen=True)
class Identity:
    user_id: str
    name: str | None = None


@dataclass(frozen=True)
class JwtVerifier:
    hs256_secret: str | None = None
    jwks_url: str | None = None
    issuer: str | None = None
    audience: str | None = None
    # an unknown `kid` refetches the key set, at most once per cooldown (no hammering the IdP)
    jwks_refresh_cooldown: float = 30.0

    def __post_init__(self) -> None:
        if not self.hs256_secret and not self.jwks_url:
            raise ValueError("set JWT_SECRET (local HS256) or JWT_JWKS_URL (RS256)")
        jwks = (jwt.PyJWKClient(self.jwks_url, cache_keys=False, lifespan=300, timeout=5,
                                cooldown_duration=self.jwks_refresh_cooldown) if self.jwks_url else None)
        object.__setattr__(self, "_jwks", jwks)

    def verify(self, token: str) -> Identity:
        try:
            key, algorithms = self._key_for(token)
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                issuer=self.issuer,
                audience=self.audience,
                options={"require": ["sub", "exp"], "verify_aud": self.audience is not None},
            )
        except (jwt.PyJWTError, ValueError) as exc:
            raise Problem(401, "invalid_token", f"The bearer token is not valid: {exc}") from exc
        return Identity(user_id=str(claims["sub"]), name=claims.get("name"))

    def _key_for(self, token: str) -> tuple[object, list[str]]:
        header = jwt.get_unverified_header(token)
        if header.get("alg") == "HS256" and self.hs256_secret:
            return self.hs256_secret, ["HS256"]
        if self._jwks is not None:  # type: ignore[attr-defined]
            return self._jwks.get_signing_key_from_jwt(token).key, ["RS256"]  # type: ignore[attr-defined]
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
        return verifier.verify(bearer_token(request))

    return current_identity

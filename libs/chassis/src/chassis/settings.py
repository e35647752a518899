"""Settings every service reads from the environment (only main.py calls this)."""

import os
from dataclasses import dataclass
from pathlib import Path

from chassis.identity import JwtVerifier


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class CommonSettings:
    database_url: str
    nats_url: str
    host: str
    port: int
    operator_token: str | None = None  # guards /internal/v1/... (dead letters); unset: those routes are off
    outbox_keep_payload_hours: float = 24.0  # sent events keep their payload this long, then only what erasure needs
    housekeeping_seconds: float = 300.0  # pruning and the streams' fullness check, this often

    @classmethod
    def from_env(cls, service: str, default_port: int) -> "CommonSettings":
        prefix = service.upper()
        return cls(
            database_url=env(f"{prefix}_DATABASE_URL") or env("DATABASE_URL",
                "postgresql+asyncpg://postgres@127.0.0.1:5433/session_insights"),
            nats_url=env("NATS_URL", "nats://127.0.0.1:4222"),
            host=env(f"{prefix}_HOST", "127.0.0.1"),
            port=int(env(f"{prefix}_PORT", str(default_port))),
            operator_token=env("OPERATOR_TOKEN") or env(f"{prefix}_OPERATOR_TOKEN"),
            outbox_keep_payload_hours=float(env("OUTBOX_RETENTION_HOURS", "24")),
            housekeeping_seconds=float(env("HOUSEKEEPING_SECONDS", "300")),
        )


def jwt_verifier_from_env() -> JwtVerifier:
    secret = env("JWT_SECRET")
    secret_file = env("JWT_SECRET_FILE")
    if not secret and secret_file and Path(secret_file).exists():
        secret = Path(secret_file).read_text().strip()
    return JwtVerifier(
        hs256_secret=secret,
        jwks_url=env("JWT_JWKS_URL"),
        issuer=env("JWT_ISSUER"),
        audience=env("JWT_AUDIENCE"),
    )

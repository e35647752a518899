"""Settings every service reads from the environment (only main.py calls this)."""

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from chassis.db import TLS_PARAMS
from chassis.identity import JwtVerifier
from chassis.nats_connection import NatsSettings


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
    metrics_token: str | None = None  # when set, GET /metrics needs it as a bearer token
    outbox_keep_payload_hours: float = 24.0  # sent events keep their payload this long, then only what erasure needs
    housekeeping_seconds: float = 300.0  # pruning and the streams' fullness check, this often
    nats: NatsSettings | None = None  # servers, the service's own user, TLS, replicas; None: nats_url as it is

    @classmethod
    def from_env(cls, service: str, default_port: int) -> "CommonSettings":
        prefix = service.upper()
        return cls(
            database_url=database_url_from_env(service)
            or "postgresql+asyncpg://postgres@127.0.0.1:5433/session_insights",
            nats_url=env("NATS_URL", "nats://127.0.0.1:4222"),
            host=env(f"{prefix}_HOST", "127.0.0.1"),
            port=int(env(f"{prefix}_PORT", str(default_port))),
            operator_token=env("OPERATOR_TOKEN") or env(f"{prefix}_OPERATOR_TOKEN"),
            metrics_token=env("METRICS_TOKEN"),
            outbox_keep_payload_hours=float(env("OUTBOX_RETENTION_HOURS", "24")),
            housekeeping_seconds=float(env("HOUSEKEEPING_SECONDS", "300")),
            nats=NatsSettings.from_env(service),
        )


def database_url_from_env(service: str) -> str | None:
    """`<SERVICE>_DATABASE_URL` (its own role; see chassis.provision) or `DATABASE_URL`, with
    TLS options from `[<SERVICE>_]DATABASE_SSLMODE`, `_SSLROOTCERT`, `_SSLCERT`, `_SSLKEY`
    added where the URL does not carry them already."""
    prefix = service.upper()
    url = env(f"{prefix}_DATABASE_URL") or env("DATABASE_URL")
    if url is None:
        return None
    parsed = make_url(url)
    tls = {name: value for name in TLS_PARAMS if name not in parsed.query
           and (value := env(f"{prefix}_DATABASE_{name.upper()}") or env(f"DATABASE_{name.upper()}"))}
    return parsed.update_query_dict(tls).render_as_string(hide_password=False) if tls else url


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

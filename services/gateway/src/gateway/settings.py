"""The gateway's settings from the environment (read only by main.py)."""

from dataclasses import dataclass

from chassis.nats_connection import NatsSettings
from chassis.settings import database_url_from_env, env

from gateway.domain.rate import Rate


@dataclass(frozen=True)
class GatewaySettings:
    host: str
    port: int
    public_url: str
    cors_origins: list[str]
    # Postgres holding the shared rate-limit state (schema `gateway`); None: this process only
    database_url: str | None
    rates: dict[str, Rate]
    proxy_hops: int
    streams_per_user: int
    metrics_token: str | None = None  # GET /metrics needs it as a bearer token; unset: no /metrics here
    # NATS for the status hints that wake live streams (GATEWAY_NATS_USER: subscribe to them, nothing
    # else); None (no NATS_URL): the streams poll
    nats: NatsSettings | None = None
    live_poll_seconds: float = 5.0  # a live stream's own look while hints arrive (a lost hint only delays)
    # the read cache (adapters.read_cache): bytes per process (0: off) and how long an answer is kept at most
    read_cache_bytes: int = 128 * 1024 * 1024
    read_cache_seconds: float = 30.0

    @classmethod
    def from_env(cls) -> "GatewaySettings":
        port = int(env("GATEWAY_PORT", "8000"))
        per_minute = {"create": "GATEWAY_CREATE_PER_MINUTE", "comment": "GATEWAY_COMMENTS_PER_MINUTE",
                      "anonymous": "GATEWAY_ANONYMOUS_PER_MINUTE"}
        defaults = {"create": "30", "comment": "30", "anonymous": "60"}
        return cls(
            host=env("GATEWAY_HOST", "127.0.0.1"),
            port=port,
            public_url=env("GATEWAY_PUBLIC_URL") or f"http://127.0.0.1:{port}",
            cors_origins=[o.strip() for o in (env("GATEWAY_CORS_ORIGINS") or "").split(",") if o.strip()],
            database_url=database_url_from_env("gateway"),
            rates={bucket: Rate(max(1, int(env(name, defaults[bucket]))), 60.0) for bucket, name in per_minute.items()},
            proxy_hops=int(env("GATEWAY_TRUSTED_PROXY_HOPS", "0")),
            streams_per_user=int(env("GATEWAY_STREAMS_PER_USER", "5")),
            metrics_token=env("METRICS_TOKEN"),
            nats=NatsSettings.from_env("gateway") if env("NATS_URL") else None,
            live_poll_seconds=float(env("GATEWAY_LIVE_POLL_SECONDS", "5")),
            read_cache_bytes=int(float(env("GATEWAY_READ_CACHE_MB", "128")) * 1024 * 1024),
            read_cache_seconds=float(env("GATEWAY_READ_CACHE_SECONDS", "30")),
        )

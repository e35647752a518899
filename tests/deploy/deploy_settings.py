"""A service's settings as its own code reads them from a given environment (compose's or a
rendered pod's), without starting it: the same from_env functions main.py calls."""

import os
from contextlib import contextmanager
from dataclasses import dataclass
from unittest.mock import patch
from urllib.parse import urlsplit

from deploy_code import ROOT, default_port, needs_jwt


@contextmanager
def environment(values: dict[str, str]):
    """Exactly these variables, none of the test process's own, while the settings are read."""
    with patch.dict(os.environ, values, clear=True):
        yield


def on_the_bus(service: str) -> bool:
    """Services built on the chassis' runtime use JetStream (streams, durable consumers); the gateway does not."""
    return "ServiceRuntime(" in (ROOT / "services" / service / "src" / service / "main.py").read_text()


def hears_hints(service: str) -> bool:
    """The gateway connects to NATS only to hear status hints (core NATS, subscribe only)."""
    return "NatsStatusHints(" in (ROOT / "services" / service / "src" / service / "main.py").read_text()


def on_nats(service: str) -> bool:
    return on_the_bus(service) or hears_hints(service)


@dataclass
class Resolved:
    host: str
    port: int
    database_host: str | None
    database_user: str | None
    nats_hosts: list[str]
    nats_replicas: int
    upstreams: dict[str, tuple[str, int]]  # gateway: service -> (host, port)


def resolve(service: str, env: dict[str, str]) -> Resolved:
    from chassis.settings import CommonSettings, jwt_verifier_from_env

    with environment(env):
        if needs_jwt_env(service):
            jwt_verifier_from_env()  # raises when neither a secret nor a JWKS URL is set
        nats_hosts, replicas, upstreams = [], 0, {}
        if on_the_bus(service):
            from chassis.nats_connection import NatsSettings

            common = CommonSettings.from_env(service, default_port(service))
            host, port, database_url = common.host, common.port, common.database_url
            nats = NatsSettings.from_env(service)
            nats.security()  # raises when a user has no password
            nats_hosts, replicas = [urlsplit(u).hostname for u in nats.servers], nats.replicas
        else:
            from gateway.adapters.routes.common import Services
            from gateway.settings import GatewaySettings

            settings = GatewaySettings.from_env()
            host, port, database_url = settings.host, settings.port, settings.database_url
            if settings.nats is not None:
                settings.nats.security()  # raises when a user has no password
                nats_hosts = [urlsplit(u).hostname for u in settings.nats.servers]
            for name in Services.__annotations__:
                url = urlsplit(env.get(f"{name.upper()}_URL", ""))
                upstreams[name] = (url.hostname, url.port)
    database = urlsplit(database_url.replace("+asyncpg", "")) if database_url else None
    return Resolved(host, port, database and database.hostname, database and database.username, nats_hosts,
                    replicas, upstreams)


def needs_jwt_env(service: str) -> bool:
    return needs_jwt(service)


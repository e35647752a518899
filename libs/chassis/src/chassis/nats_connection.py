"""How a service connects to NATS: which servers, as whom, over TLS or not, and how many
replicas its streams and consumers keep. Read from the environment by `NatsSettings.from_env`:

- `NATS_URL`: one server URL, or several separated by commas (the members of a cluster).
- `<SERVICE>_NATS_USER` / `<SERVICE>_NATS_PASSWORD` (or `NATS_USER` / `NATS_PASSWORD`): the
  service's own NATS user, whose permissions allow only its subjects. The prefixed names let
  one environment (`just up`, the tests) hold every service's user; in a pod `NATS_USER` is enough.
  `<SERVICE>_NATS_PASSWORD_FILE` / `NATS_PASSWORD_FILE` read the password from a mounted secret.
- `NATS_CREDS` (or `<SERVICE>_NATS_CREDS`): a `.creds` file (JWT and NKey seed) for servers run
  in operator mode with accounts; it replaces user and password.
- `NATS_TLS_CA`: CA bundle to verify the servers with (TLS on); `NATS_TLS_CERT` and
  `NATS_TLS_KEY`: this client's certificate and key when the servers ask for one (mutual TLS).
  A `tls://` URL also turns TLS on, verifying against the system's CAs.
- `NATS_REPLICAS`: replicas of every stream and durable consumer: 1 on one server, 3 on a
  three-node JetStream cluster (survives losing any one node).
"""

import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from faststream.nats.security import NatsCredentials, NatsSecurity, NatsUserPassword, parse_security



def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class NatsSettings:
    url: str = "nats://127.0.0.1:4222"
    user: str | None = None
    password: str | None = None
    creds: str | None = None
    tls_ca: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    replicas: int = 1

    @classmethod
    def from_env(cls, service: str) -> "NatsSettings":
        prefix = service.upper()

        def either(name: str) -> str | None:
            return env(f"{prefix}_{name}") or env(name)

        password = either("NATS_PASSWORD")
        password_file = either("NATS_PASSWORD_FILE")
        if password is None and password_file:
            password = Path(password_file).read_text().strip()
        replicas = int(env("NATS_REPLICAS", "1"))
        if replicas < 1 or replicas > 5:
            raise ValueError(f"NATS_REPLICAS must be 1..5 (JetStream's limit), not {replicas}")
        return cls(url=env("NATS_URL", cls.url), user=either("NATS_USER"), password=password,
                   creds=either("NATS_CREDS"), tls_ca=env("NATS_TLS_CA"), tls_cert=env("NATS_TLS_CERT"),
                   tls_key=env("NATS_TLS_KEY"), replicas=replicas)

    @property
    def servers(self) -> list[str]:
        """Every server URL; without user and password in them when the service has its
        own (nats-py would prefer those in the URL over no others)."""
        urls = [u.strip() for u in self.url.split(",") if u.strip()]
        return [without_userinfo(u) for u in urls] if self.user or self.creds else urls

    @property
    def uses_tls(self) -> bool:
        return bool(self.tls_ca or self.tls_cert) or any(u.startswith("tls://") for u in self.servers)

    def ssl_context(self) -> ssl.SSLContext | None:
        if not self.uses_tls:
            return None
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=self.tls_ca)
        if self.tls_cert:
            context.load_cert_chain(self.tls_cert, self.tls_key)
        return context

    def security(self) -> NatsSecurity | None:
        """FastStream's security object for these settings (None: anonymous, plain TCP)."""
        context = self.ssl_context()
        tls = {"ssl_context": context, "use_ssl": context is not None}
        if self.creds:
            return NatsCredentials.from_file(self.creds, **tls)
        if self.user:
            if self.password is None:
                raise ValueError(f"NATS user {self.user!r} has no password (NATS_PASSWORD or NATS_PASSWORD_FILE)")
            return NatsUserPassword(self.user, self.password, **tls)
        return NatsSecurity(**tls) if context else None

    def connect_options(self) -> dict:
        """The same servers, user and TLS as keyword arguments of nats-py's `connect`, for a
        plain core-NATS client (no FastStream broker)."""
        return {"servers": self.servers, **parse_security(self.security())}


def without_userinfo(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"nats://{url}")
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))

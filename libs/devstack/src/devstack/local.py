"""Where a local stack keeps its state, and the settings every process of it shares."""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from devstack import db_roles, nats_auth
from devstack.tokens import ensure_secret


@dataclass(frozen=True)
class LocalStack:
    root: Path

    @classmethod
    def from_env(cls) -> "LocalStack":
        return cls(Path(os.environ.get("SI_DATA_DIR", ".data")).resolve())

    @property
    def pg_data(self) -> Path:
        return self.root / "pg"

    @property
    def nats_store(self) -> Path:
        return self.root / "nats"

    @property
    def jwt_secret_file(self) -> Path:
        return self.root / "jwt-secret"

    @property
    def pid_file(self) -> Path:
        return self.root / "up.pid"

    def pg_password(self) -> str:
        path = self.root / "pg-password"
        if not path.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(24))
            path.chmod(0o600)
        return path.read_text().strip()

    def nats_secret(self) -> str:
        """The local NATS users' passwords derive from it (devstack.nats_auth)."""
        return ensure_secret(self.root / "nats-secret")

    def nats_url_as(self, user: str) -> str:
        """The local NATS URL with `user`'s credentials (say the platform's, for `just relationship`)."""
        port = os.environ.get("NATS_PORT", "4222")
        return f"nats://{user}:{nats_auth.password_for(self.nats_secret(), user)}@127.0.0.1:{port}"

    def admin_database_url(self, pg_port: str) -> str:
        return f"postgresql+asyncpg://postgres:{self.pg_password()}@127.0.0.1:{pg_port}/session_insights"

    def database_environment(self, pg_port: str) -> dict[str, str]:
        """Each service's own role (generated passwords in .data/pg-password-<service>), unless
        DATABASE_URL points the whole system at another Postgres."""
        if os.environ.get("DATABASE_URL"):
            return {"DATABASE_URL": os.environ["DATABASE_URL"]}
        passwords = {s: ensure_secret(self.root / f"pg-password-{s}") for s in db_roles.SERVICES}
        return db_roles.service_urls(self.admin_database_url(pg_port), passwords)

    @property
    def operator_token_file(self) -> Path:
        return self.root / "operator-token"

    def environment(self) -> dict[str, str]:
        pg_port = os.environ.get("PG_PORT", "5433")
        nats_port = os.environ.get("NATS_PORT", "4222")
        ensure_secret(self.jwt_secret_file)
        operator_token = ensure_secret(self.operator_token_file)  # operator endpoints (re-run, erase-user)
        ports = {name: os.environ.get(f"{name}_PORT", default) for name, default in
                 (("GATEWAY", "8000"), ("INGESTION", "8001"), ("ANALYSIS", "8002"), ("INSIGHTS", "8003"),
                  ("SHARING", "8004"))}
        return {
            **{f"{name}_PORT": port for name, port in ports.items()},
            **{f"{name}_URL": f"http://127.0.0.1:{port}" for name, port in ports.items() if name != "GATEWAY"},
            "SI_DATA_DIR": str(self.root),
            "PG_PORT": pg_port,
            "NATS_PORT": nats_port,
            **self.database_environment(pg_port),
            "NATS_URL": os.environ.get("NATS_URL") or f"nats://127.0.0.1:{nats_port}",
            # each service's own NATS user (`<SERVICE>_NATS_USER` / `_PASSWORD`), from .data/nats-secret
            **nats_auth.service_environment(self.nats_secret()),
            "JWT_SECRET_FILE": str(self.jwt_secret_file),
            # the dashboard's demo-user sign-in: on for this local stack only, never by default
            "GATEWAY_LOCAL_SIGN_IN": os.environ.get("GATEWAY_LOCAL_SIGN_IN") or "true",
            "ANALYSIS_OPERATOR_TOKEN": os.environ.get("ANALYSIS_OPERATOR_TOKEN") or operator_token,
            "OPERATOR_TOKEN": os.environ.get("OPERATOR_TOKEN") or operator_token,
            "DO_NOT_TRACK": "true",
            "PYTHONUNBUFFERED": "1",
        }

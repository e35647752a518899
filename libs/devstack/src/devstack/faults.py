"""Faults for the chaos campaign and the fault tests: SIGKILL a service process and start it
again on the same port, restart nats-server or Postgres (the test servers of
`devstack.testing`, same port and same data directory). Each helper blocks until the thing is
back and answering, and returns how long it was away."""

import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from devstack.system import System
from devstack.testing import NatsServer, PostgresServer


@dataclass(frozen=True)
class Fault:
    """One fault as it happened: what, when (monotonic), and how long until it was back."""

    kind: str  # "kill -9 <service>", "restart nats", "restart postgres"
    at: float
    down_seconds: float
    back_at: float


def kill9_and_restart(system: System, name: str, pause: float = 0.0, start_timeout: float = 300) -> Fault:
    """SIGKILL the service's process (no shutdown of any kind runs), wait `pause`, start it
    again on the same port and wait until it is ready. A start that fails (Postgres or NATS
    may be away themselves) is tried again until `start_timeout`."""
    at = time.monotonic()
    process = system.processes.pop(name, None)
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    time.sleep(pause)
    deadline = time.monotonic() + start_timeout
    while True:
        try:
            start_one(system, name, timeout=max(5.0, deadline - time.monotonic()))
            break
        except (RuntimeError, TimeoutError):
            stale = system.processes.pop(name, None)
            if stale is not None and stale.poll() is None:
                stale.kill()
                stale.wait(30)
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    back = time.monotonic()
    return Fault(f"kill -9 {name}", at, back - at, back)


def start_one(system: System, name: str, timeout: float) -> None:
    """Start one service of `system` on its port and wait until it is ready. Not System.start:
    that stops the whole system when a start fails, and here a failed start (its dependencies
    restarting too) is retried while the rest keeps running."""
    log = open(system.logs / f"{name}.log", "ab")  # noqa: SIM115 - owned by the process
    system.processes[name] = subprocess.Popen([sys.executable, "-m", name], env=system.env(), stdout=log,
                                              stderr=subprocess.STDOUT)
    system.wait_ready(name, timeout)


def restart_nats(server: NatsServer, pause: float = 1.0) -> Fault:
    """Stop nats-server (SIGTERM), wait `pause`, start it again: same port, same JetStream
    store, so the streams and durable consumers survive as they would in production."""
    at = time.monotonic()
    server.stop()
    time.sleep(pause)
    server.start()
    back = time.monotonic()
    return Fault("restart nats", at, back - at, back)


def restart_postgres(server: PostgresServer, pause: float = 1.0) -> Fault:
    """Stop Postgres (fast shutdown: connected sessions are cut), wait `pause`, start it again
    on the same data directory and wait until it accepts sessions."""
    at = time.monotonic()
    server.stop()
    time.sleep(pause)
    server.start()
    back = time.monotonic()
    return Fault("restart postgres", at, back - at, back)


def alive(process: subprocess.Popen | None) -> bool:
    return process is not None and process.poll() is None

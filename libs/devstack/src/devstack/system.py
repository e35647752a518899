"""All five services as real processes against a given NATS and Postgres (for the
cross-service tests and the benchmarks)."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from devstack import nats_auth
from devstack import db_roles
from devstack.ports import free_port, free_ports
from devstack.tokens import make_token

SERVICES = ("ingestion", "analysis", "insights", "sharing", "gateway")


@dataclass
class System:
    database_url: str
    nats_url: str
    jwt_secret: str = "test-secret-for-the-local-system-0123456789"
    extra_env: dict[str, str] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=lambda: dict(zip(SERVICES, free_ports(len(SERVICES)), strict=True)))
    logs: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="si-logs-")))
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def gateway_url(self) -> str:
        return self.url("gateway")

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def env(self) -> dict[str, str]:
        env = {**os.environ, "DATABASE_URL": self.database_url, **nats_auth.system_environment(self.nats_url),
               "JWT_SECRET": self.jwt_secret, "DO_NOT_TRACK": "true", "PYTHONUNBUFFERED": "1",
               "GATEWAY_LOCAL_SIGN_IN": "true",  # a local test system: demo sign-in on, as `just up` has it
               # analysis in its own process: a pool would load the NLP models once more per core at every
               # start (the pool has its own tests, and a test that wants it sets ANALYSIS_PROCESSES)
               "ANALYSIS_PROCESSES": "1"}
        env.update(db_roles.system_environment(self.database_url))  # each service connects as its own role
        for name, port in self.ports.items():
            env[f"{name.upper()}_PORT"] = str(port)
            env[f"{name.upper()}_URL"] = self.url(name)
        return {**env, **self.extra_env}

    def token(self, user_id: str, name: str | None = None) -> str:
        return make_token(self.jwt_secret, user_id, name)

    def headers(self, user_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(user_id)}"}

    def start(self, *names: str, timeout: float = 180) -> None:  # five services at once on a busy 2-core machine
        env = self.env()
        for name in names or SERVICES:
            log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - owned by the process
            self.processes[name] = subprocess.Popen([sys.executable, "-m", name], env=env, stdout=log,
                                                    stderr=subprocess.STDOUT)
        try:
            for name in names or SERVICES:
                self.wait_ready(name, timeout)
        except BaseException:
            # A system that failed to start must not finish booting later and join the next
            # test's streams: stop whatever was started before giving up.
            self.stop()
            raise

    def start_replica(self, name: str, module: str, timeout: float = 60, **extra_env: str) -> None:
        """One more process of a service (say a second analysis worker), on its own port, with
        these settings besides the system's."""
        self.ports[name] = next(p for p in iter(free_port, None) if p not in self.ports.values())
        env = {**self.env(), **extra_env, f"{module.upper()}_PORT": str(self.ports[name])}
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - owned by the process
        self.processes[name] = subprocess.Popen([sys.executable, "-m", module], env=env, stdout=log,
                                                stderr=subprocess.STDOUT)
        self.wait_ready(name, timeout, module)

    def wait_ready(self, name: str, timeout: float, module: str | None = None) -> None:
        deadline = time.monotonic() + timeout
        # one client for every attempt: each httpx.get() builds an SSL context (~50 ms of CPU),
        # which polling 10 times a second took from the services starting on the same cores
        with httpx.Client(base_url=self.url(name), timeout=1) as client:
            while time.monotonic() < deadline:
                if self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited with {self.processes[name].returncode}:\n{self.log_tail(name)}")
                try:
                    # the service must say who it is: another process on that port is not it
                    health = client.get("/health")
                    if health.status_code == 200 and health.json().get("service") == (module or name) and \
                            client.get("/ready").status_code == 200:
                        return
                except (httpx.HTTPError, ValueError):
                    pass
                time.sleep(0.1)
        raise TimeoutError(f"{name} not ready after {timeout}s:\n{self.log_tail(name)}")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        process.send_signal(sig)
        process.wait(30)

    def stop(self) -> None:
        for name in list(self.processes):
            process = self.processes[name]
            if process.poll() is None:
                process.terminate()
        for name in list(self.processes):
            process = self.processes.pop(name)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()  # never leave a service running behind a finished test
                process.wait(5)

    def log_tail(self, name: str, lines: int = 40) -> str:
        path = self.logs / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

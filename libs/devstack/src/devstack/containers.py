"""The test fixtures' second backend (`SI_TEST_BACKEND=containers`): nats-server, Postgres and,
optionally, the services' image, started with testcontainers on a Docker engine, from the
images deploy/compose.yaml runs. Local binaries stay the default (no engine on a laptop
without Docker, nor in CI here); with this backend and no engine, the tests that need NATS or
Postgres are skipped, saying why.

NatsContainer and PostgresContainer look to the fixtures like testing.NatsServer and
PostgresServer: `url`, `dsn()`, `start()`, `stop()` (stopped and started again they keep
their data and host port), and a `process` whose `poll()` says whether the container runs.
"""

import asyncio
import json
import os
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import asyncpg

from devstack import nats as nats_bin
from devstack import nats_auth
from devstack.ports import free_port

BACKEND_ENV = "SI_TEST_BACKEND"
BACKENDS = ("local", "containers")
# the images deploy/compose.yaml runs (a test keeps them equal)
NATS_IMAGE = "nats:2.10.24-alpine"
POSTGRES_IMAGE = "postgres:16.6-bookworm"
# the services' image built from deploy/Dockerfile (`docker build -f deploy/Dockerfile -t session-insights:dev .`)
SERVICE_IMAGE_ENV = "SI_TEST_IMAGE"
NATS_CONFIG = "/etc/nats/nats-server.conf"
NATS_PORT, NATS_MONITOR_PORT, POSTGRES_PORT = 4222, 8222, 5432
STARTUP_TIMEOUT = 120
HOST_FROM_CONTAINERS = "host.docker.internal"


def backend() -> str:
    chosen = os.environ.get(BACKEND_ENV) or "local"
    if chosen not in BACKENDS:
        raise ValueError(f"{BACKEND_ENV} must be one of {', '.join(BACKENDS)}, not {chosen!r}")
    return chosen


def engine_problem() -> str | None:
    """Why no Docker engine can be used here (None: one answers)."""
    try:
        import docker

        docker.from_env(timeout=5).ping()
    except Exception as exc:  # no socket, no permission, no daemon: all the same to the tests
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return f"testcontainers needs a Docker engine (DOCKER_HOST or /var/run/docker.sock), none answered: {reason}"
    return None


class ContainerProcess:
    """What the fixtures ask of a server's process: `poll()` is None while it runs."""

    def __init__(self, owner: "_Managed") -> None:
        self._owner = owner

    def poll(self) -> int | None:
        wrapped = self._owner.container.get_wrapped_container() if self._owner.container else None
        if wrapped is None:
            return 0
        wrapped.reload()
        return None if wrapped.status == "running" else wrapped.attrs["State"].get("ExitCode", 0)


@dataclass
class _Managed:
    """A container started once with testcontainers, then stopped and started in place."""

    container: object | None = field(default=None, init=False)
    host_port: int = field(default_factory=free_port)

    @property
    def process(self) -> ContainerProcess | None:
        return ContainerProcess(self) if self.container else None

    def configure(self):  # -> testcontainers DockerContainer
        raise NotImplementedError

    def start(self) -> None:
        if self.container is None:
            self.container = self.configure()
            self.container.start()  # pulls, creates, starts, waits (the wait strategy)
        else:
            self.container.get_wrapped_container().start()
        self.wait_serving()

    def wait_serving(self) -> None:
        """Beyond the container's own wait: what our fixtures need before handing it out."""

    def stop(self) -> None:
        if self.container is not None and self.process.poll() is None:
            self.container.get_wrapped_container().stop(timeout=30)

    def remove(self) -> None:
        if self.container is not None:
            self.container.stop()  # testcontainers' stop removes the container and its volumes
            self.container = None

    @property
    def host(self) -> str:
        return self.container.get_container_host_ip() if self.container else "127.0.0.1"


@dataclass
class NatsContainer(_Managed):
    """nats-server with JetStream and the users of devstack.nats_auth, as testing.NatsServer."""

    secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    monitor_port: int = field(default_factory=free_port)
    image: str = NATS_IMAGE

    def config(self) -> dict:
        config = nats_bin.server_config(NATS_PORT, PurePosixPath("/data/jetstream"), self.secret,
                                        monitor_port=NATS_MONITOR_PORT)
        # reached through the engine's port mapping: listen beyond the container's loopback
        return {**config, "listen": f"0.0.0.0:{NATS_PORT}", "http": f"0.0.0.0:{NATS_MONITOR_PORT}"}

    def configure(self):
        from testcontainers.core.container import DockerContainer
        from testcontainers.core.wait_strategies import HttpWaitStrategy

        ready = HttpWaitStrategy(NATS_MONITOR_PORT, "/healthz?js-enabled-only=true").with_startup_timeout(
            STARTUP_TIMEOUT)
        return (DockerContainer(self.image)
                .with_command(["-js", "-c", NATS_CONFIG])
                .with_bind_ports(NATS_PORT, self.host_port)
                .with_bind_ports(NATS_MONITOR_PORT, self.monitor_port)
                .with_copy_into_container(json.dumps(self.config()).encode(), NATS_CONFIG)
                .waiting_for(ready))

    @property
    def port(self) -> int:
        return self.host_port

    @property
    def url(self) -> str:
        return f"nats://{nats_auth.ADMIN}:{self.secret}@{self.host}:{self.host_port}"

    def url_as(self, user: str) -> str:
        return self.url.replace(f"{nats_auth.ADMIN}:{self.secret}@",
                                f"{user}:{nats_auth.password_for(self.secret, user)}@")

    def wait_serving(self) -> None:
        from devstack.ports import wait_for_port

        wait_for_port(self.host_port)


@dataclass
class PostgresContainer(_Managed):
    """Postgres (the deployment's major version), superuser `postgres`, as testing.PostgresServer."""

    password: str = "test-only-password"
    image: str = POSTGRES_IMAGE

    def configure(self):
        from testcontainers.core.container import DockerContainer
        from testcontainers.core.wait_strategies import LogMessageWaitStrategy

        # the image's entrypoint first runs a temporary server to initialise, then the real one
        ready = LogMessageWaitStrategy("database system is ready to accept connections", times=2) \
            .with_startup_timeout(STARTUP_TIMEOUT)
        return (DockerContainer(self.image)
                .with_env("POSTGRES_USER", "postgres")
                .with_env("POSTGRES_PASSWORD", self.password)
                .with_env("POSTGRES_DB", "postgres")
                .with_command(["postgres", "-c", "max_connections=300", "-c", "fsync=on",
                               "-c", "log_min_messages=warning"])
                .with_bind_ports(POSTGRES_PORT, self.host_port)
                .waiting_for(ready))

    @property
    def port(self) -> int:
        return self.host_port

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres:{self.password}@{self.host}:{self.host_port}/{database}"

    def url(self, database: str) -> str:
        return self.dsn(database).replace("postgresql://", "postgresql+asyncpg://")

    def wait_serving(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with ThreadPoolExecutor(1) as pool:  # callers may already be inside an event loop
                    pool.submit(asyncio.run, self._ping()).result()
                return
            except (OSError, asyncpg.CannotConnectNowError, asyncpg.PostgresError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    async def _ping(self) -> None:
        conn = await asyncpg.connect(self.dsn(), timeout=2)
        await conn.close()


@dataclass
class ServiceContainer(_Managed):
    """One service from the image deploy/Dockerfile builds (`SERVICE` picks which), reaching
    NATS and Postgres by the URLs in `env` (host names the engine can resolve)."""

    service: str = "gateway"
    env: dict[str, str] = field(default_factory=dict)
    image: str = field(default_factory=lambda: os.environ.get(SERVICE_IMAGE_ENV, "session-insights:dev"))
    container_port: int = 8000

    def environment(self) -> dict[str, str]:
        prefix = self.service.upper()
        return {**self.env, "SERVICE": self.service, f"{prefix}_HOST": "0.0.0.0",
                f"{prefix}_PORT": str(self.container_port)}

    def configure(self):
        from testcontainers.core.container import DockerContainer
        from testcontainers.core.wait_strategies import HttpWaitStrategy

        # NATS and Postgres of the other backends publish their ports on the engine's host
        container = (DockerContainer(self.image, extra_hosts={HOST_FROM_CONTAINERS: "host-gateway"})
                     .with_bind_ports(self.container_port, self.host_port))
        for name, value in self.environment().items():
            container.with_env(name, value)
        # ready means migrated and connected to NATS and Postgres, as the Kubernetes probe asks
        return container.waiting_for(HttpWaitStrategy(self.container_port, "/ready")
                                     .with_startup_timeout(STARTUP_TIMEOUT))

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.host_port}"


def seen_from_containers(url: str) -> str:
    """A URL of a server on the engine's host as a service container reaches it."""
    from sqlalchemy import make_url

    if url.startswith("postgresql"):
        parsed = make_url(url)
        if parsed.host in ("127.0.0.1", "localhost"):
            return parsed.set(host=HOST_FROM_CONTAINERS).render_as_string(hide_password=False)
        return url
    return url.replace("@127.0.0.1:", f"@{HOST_FROM_CONTAINERS}:").replace("//127.0.0.1:", f"//{HOST_FROM_CONTAINERS}:")


# each service's port inside its container: the defaults of its main.py
SERVICE_PORTS = {"ingestion": 8001, "analysis": 8002, "insights": 8003, "sharing": 8004, "gateway": 8000}


@dataclass
class ImageSystem:
    """The five services from the image, each in its container, on NATS and Postgres whose
    ports the engine's host publishes (NatsContainer, PostgresContainer); as devstack.System
    but with containers. Each service gets its own Postgres role and NATS user."""

    database_url: str  # the admin's, as this host reaches it
    nats_url: str  # the admin's
    jwt_secret: str = "test-secret-for-the-container-system-0123456789"
    services: dict[str, ServiceContainer] = field(default_factory=dict)

    def environment(self) -> dict[str, str]:
        from devstack import db_roles

        env = {"JWT_SECRET": self.jwt_secret, "GATEWAY_LOCAL_SIGN_IN": "true", "DO_NOT_TRACK": "true",
               **db_roles.system_environment(self.database_url), **nats_auth.system_environment(self.nats_url)}
        return {name: seen_from_containers(value) if name.endswith("_URL") else value for name, value in env.items()}

    def start(self) -> None:
        env = self.environment()
        self.services = {name: ServiceContainer(service=name, container_port=port)
                         for name, port in SERVICE_PORTS.items()}
        for name, service in self.services.items():
            env[f"{name.upper()}_URL"] = f"http://{HOST_FROM_CONTAINERS}:{service.host_port}"
        try:
            for service in self.services.values():
                service.env = env
                service.start()  # returns once /ready answers 200
        except BaseException:
            self.stop()
            raise

    @property
    def gateway_url(self) -> str:
        return self.services["gateway"].url

    def stop(self) -> None:
        for service in self.services.values():
            try:
                service.remove()
            except Exception as exc:  # go on removing the rest
                print(f"warning: removing {service.service} failed: {exc!r}")


def image_problem(image: str) -> str | None:
    """Why the services' image cannot be run here (None: it can)."""
    if problem := engine_problem():
        return problem
    import docker

    try:
        docker.from_env(timeout=5).images.get(image)
    except Exception as exc:
        return (f"the services' image {image} is not on the engine ({type(exc).__name__}): build it with "
                f"`docker build -f deploy/Dockerfile -t {image} .` or name another with {SERVICE_IMAGE_ENV}")
    return None

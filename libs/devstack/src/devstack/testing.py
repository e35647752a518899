"""pytest plugin: a real nats-server (JetStream) and a real Postgres, started once per
session from local binaries (or with testcontainers: SI_TEST_BACKEND=containers, see
devstack.containers); each test gets a fresh database and empty streams. Systems of all
five services are started per module (`started_system`) or shared by modules
(`shared_systems`, on servers of their own)."""

import asyncio
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import asyncpg
import nats
import pytest

from devstack import containers
from devstack import nats as nats_bin
from devstack import nats_auth
from devstack import pg
from devstack.ports import free_port, wait_for_port
from devstack.system import SERVICES, System

PG_PASSWORD = "test-only-password"


@dataclass
class NatsServer:
    """One nats-server with the users of `devstack.nats_auth` (passwords derived from
    `secret`; None: anonymous). `url` is the admin's: a System started on it hands each
    service its own user instead. `cluster` makes it a member of a JetStream cluster."""

    store: Path
    port: int = field(default_factory=free_port)
    secret: str | None = field(default_factory=lambda: secrets.token_urlsafe(24))
    name: str | None = None
    cluster: nats_bin.ClusterMembership | None = None
    tls: nats_bin.ServerTls | None = None
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        scheme = "tls" if self.tls else "nats"
        auth = f"{nats_auth.ADMIN}:{self.secret}@" if self.secret else ""
        return f"{scheme}://{auth}127.0.0.1:{self.port}"

    def url_as(self, user: str) -> str:
        """The URL with `user`'s credentials (a service's, or the platform's)."""
        return self.url.replace(f"{nats_auth.ADMIN}:{self.secret}@",
                                f"{user}:{nats_auth.password_for(self.secret, user)}@")

    @property
    def log(self) -> Path:
        return self.store / "nats-server.log"

    def start(self) -> None:
        config = nats_bin.server_config(self.port, self.store, self.secret, server_name=self.name,
                                        cluster=self.cluster, tls=self.tls)
        config_file = nats_bin.write_config(self.store / "nats-server.conf", config)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(nats_bin.config_argv(config_file), stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def kill(self) -> None:
        """SIGKILL: no shutdown of any kind runs."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


@dataclass
class PostgresServer:
    data: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def start(self) -> None:
        pg.init_cluster(self.data, PG_PASSWORD)
        owner = {"user": "postgres", "group": "postgres", "extra_groups": []} if os.geteuid() == 0 else {}
        self.process = subprocess.Popen(pg.run_argv(self.data, self.port), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, **owner)
        wait_for_port(self.port)
        self._wait_accepting()

    def _wait_accepting(self, timeout: float = 30) -> None:
        """An open port is not a server that accepts sessions yet ("starting up")."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                # in a thread of its own: callers may already be inside an event loop
                with ThreadPoolExecutor(1) as pool:
                    pool.submit(asyncio.run, self._ping()).result()
                return
            except (OSError, asyncpg.CannotConnectNowError, asyncpg.PostgresError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    async def _ping(self) -> None:
        conn = await asyncpg.connect(self.dsn(), timeout=2)
        await conn.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: clients still connected are cut
            self.process.wait(30)

    def discard(self) -> None:
        """Immediate shutdown, for a cluster whose data is deleted next: a fast shutdown's
        checkpoint writes and syncs every database made so far (15 s at the end of the suite)."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(30)

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres:{PG_PASSWORD}@127.0.0.1:{self.port}/{database}"

    def url(self, database: str) -> str:
        return self.dsn(database).replace("postgresql://", "postgresql+asyncpg://")


def _in_a_container(server) -> Iterator:
    """SI_TEST_BACKEND=containers: the server in a container, or the tests needing it skipped."""
    if problem := containers.engine_problem():
        pytest.skip(problem)
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="session")
def nats_server() -> Iterator[NatsServer]:
    if containers.backend() == "containers":
        yield from _in_a_container(containers.NatsContainer())
        return
    root = Path(tempfile.mkdtemp(prefix="si-nats-"))
    server = NatsServer(store=root)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if containers.backend() == "containers":
        yield from _in_a_container(containers.PostgresContainer(password=PG_PASSWORD))
        return
    root = Path(tempfile.mkdtemp(prefix="si-pg-"))
    root.chmod(0o755)
    server = PostgresServer(data=root / "data")
    server.start()
    yield server
    server.discard()
    shutil.rmtree(root, ignore_errors=True)


async def fresh_database(postgres_server: PostgresServer) -> str:
    """A new, empty database on the session's Postgres; its SQLAlchemy URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(postgres_server.dsn())
    try:
        await conn.execute(f'create database "{name}"')
    finally:
        await conn.close()
    return postgres_server.url(name)


async def empty_streams(nats_server: NatsServer) -> str:
    """The session's NATS (restarted if a test stopped it) with every stream deleted."""
    if nats_server.process is None or nats_server.process.poll() is not None:
        nats_server.start()
    client = await nats.connect(nats_server.url)
    js = client.jetstream()
    for info in await js.streams_info():
        await js.delete_stream(info.config.name)
    await client.close()
    return nats_server.url


async def started_system(postgres_server: PostgresServer, nats_server: NatsServer, **extra_env: str) -> System:
    """All five services on a fresh database and empty streams (for module-scoped fixtures:
    starting the services is the slow part)."""
    system = System(database_url=await fresh_database(postgres_server), nats_url=await empty_streams(nats_server),
                    extra_env=extra_env)
    system.start()
    return system


class SharedSystems:
    """Systems that test modules share, one per set of settings: started by the first module
    that asks, handed to the next ones, stopped when the session ends (starting five services
    costs 15-30 s of a 2-core machine; a module's tests take a few). Its data stays, so a
    module on one uses users and ids no other module on it uses, or counts only what it made.

    Each runs on a nats-server of its own (two systems on one server would consume each
    other's events: durable consumers are per server), and all on one Postgres of their own
    (a database each), started with the first: the session's servers have their streams
    deleted for every test (`nats_url`) and are stopped by fault tests, which would pull the
    streams and connections out from under a system that outlives a module."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.postgres: PostgresServer | None = None
        self.running: dict[tuple[tuple[str, str], ...], tuple[System, NatsServer]] = {}
        self.nats_made = 0

    async def get(self, **extra_env: str) -> System:
        """The running system with these settings, settled (no event of an earlier module
        still on its way), or a new one when there is none or it is broken."""
        key = tuple(sorted(extra_env.items()))
        if key in self.running and not await usable(self.running[key][0]):
            self._stop(*self.running.pop(key))  # a module killed a service and failed before restarting it, say
        if key not in self.running:
            await self._start(key, extra_env)
        return self.running[key][0]

    async def _start(self, key: tuple, extra_env: dict[str, str]) -> None:
        if self.postgres is None:
            self.postgres = _new_postgres(self.root / "pg")
            self.postgres.start()
        self.nats_made += 1
        nats_server = _new_nats(self.root / f"nats-{self.nats_made}")
        try:
            nats_server.start()
            # the gateway keeps answers ten minutes: only the insights service's hints can make it
            # forget them, so every test on a shared system that reads after a change checks them
            system = System(database_url=await fresh_database(self.postgres), nats_url=nats_server.url,
                            extra_env={"GATEWAY_READ_CACHE_SECONDS": "600", **extra_env})
        except BaseException:
            _discard(nats_server)
            raise
        self.running[key] = (system, nats_server)  # before it starts: stop() stops a half-started one too
        system.start(timeout=400)  # the first start of a session, maybe alongside other work

    def _stop(self, system: System, nats_server: NatsServer) -> None:
        system.stop()
        _discard(nats_server)

    def stop(self) -> None:
        """Everything, whatever fails (reported, and the rest still stopped)."""
        stops = [partial(self._stop, *running) for running in self.running.values()]
        if self.postgres is not None:
            stops.append(partial(_discard, self.postgres))
        for stop in stops:
            try:
                stop()
            except Exception as exc:
                print(f"warning: stopping a shared system failed: {exc!r}")
        shutil.rmtree(self.root, ignore_errors=True)


def _new_postgres(data: Path) -> PostgresServer:
    if containers.backend() == "containers":
        return containers.PostgresContainer(password=PG_PASSWORD)
    return PostgresServer(data=data)


def _new_nats(store: Path) -> NatsServer:
    return containers.NatsContainer() if containers.backend() == "containers" else NatsServer(store=store)


def _discard(server) -> None:
    """A server whose data is not needed again, stopped (a container: removed)."""
    if isinstance(server, PostgresServer):
        server.discard()
    elif isinstance(server, NatsServer):
        server.stop()
    else:
        server.remove()


async def usable(system: System, settle_timeout: float = 120) -> bool:
    """Every service running and ready, and nothing left in flight by the module before
    (a test counting rows or reading a stream's last message must see only its own work)."""
    try:
        for name in SERVICES:
            if name not in system.processes:
                return False
            await asyncio.to_thread(system.wait_ready, name, 30)
    except (RuntimeError, TimeoutError):
        return False
    deadline = time.monotonic() + settle_timeout
    while not await settled(system):
        if time.monotonic() > deadline:
            warnings.warn(f"the shared system did not settle in {settle_timeout:.0f} s: replaced", stacklevel=1)
            return False
        await asyncio.sleep(0.1)
    return True


async def settled(system: System) -> bool:
    """No event waiting in an outbox, none pending or unacknowledged for a service's consumer."""
    conn = await asyncpg.connect(system.database_url.replace("+asyncpg", ""))
    try:
        for schema in ("ingestion", "analysis", "sharing"):
            if await conn.fetchval(f"select count(*) from {schema}.outbox where sent_at is null and dead_at is null"):
                return False
    finally:
        await conn.close()
    client = await nats.connect(system.nats_url)
    try:
        js = client.jetstream()
        for stream in await js.streams_info():
            for consumer in await js.consumers_info(stream.config.name):
                # consumers a test made itself (the event catalog's reader, say) are not the system's
                if consumer.name.split("-")[0] in SERVICES and (consumer.num_pending or consumer.num_ack_pending):
                    return False
        return True
    finally:
        await client.close()


@pytest.fixture(scope="session")
def shared_systems() -> Iterator[SharedSystems]:
    """See SharedSystems; a module-scoped fixture asks it for a system:
    `await shared_systems.get(SOME_SETTING="x")`."""
    if containers.backend() == "containers" and (problem := containers.engine_problem()):
        pytest.skip(problem)
    root = Path(tempfile.mkdtemp(prefix="si-shared-"))
    root.chmod(0o755)
    shared = SharedSystems(root)
    yield shared
    shared.stop()


@contextmanager
def standalone_system(**extra_env: str) -> Iterator[System]:
    """Its own nats-server and Postgres in a temp dir, and a System on them, not yet started
    (the benchmarks time the start). Everything is stopped on the way out, whatever fails."""
    root = Path(tempfile.mkdtemp(prefix="si-bench-"))
    root.chmod(0o755)
    nats_server, postgres = NatsServer(store=root / "nats"), PostgresServer(data=root / "pg")
    system: System | None = None
    try:
        nats_server.start()
        postgres.start()
        with ThreadPoolExecutor(1) as pool:  # callers may be inside an event loop
            database_url = pool.submit(asyncio.run, fresh_database(postgres)).result()
        system = System(database_url=database_url, nats_url=nats_server.url, extra_env=extra_env)
        yield system
    finally:
        for stop in ([system.stop] if system else []) + [postgres.stop, nats_server.stop]:
            try:
                stop()
            except Exception as exc:  # report and go on stopping the rest
                print(f"warning: {stop.__qualname__} failed: {exc!r}")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
async def database_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty database for this test."""
    return await fresh_database(postgres_server)


@pytest.fixture
async def nats_url(nats_server: NatsServer) -> str:
    """The session's NATS with every stream deleted, so this test starts empty."""
    return await empty_streams(nats_server)

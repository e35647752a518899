"""What every service's composition root shares: the Litestar app around a NATS broker,
a Postgres engine, migrations at start-up, the outbox relay, health and readiness."""

import logging
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from faststream.nats import NatsBroker
from litestar import Litestar
from litestar.di import Provide
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from chassis.db import make_engine, make_sessions, ping
from chassis.health import health_handlers
from chassis.identity import JwtVerifier, identity_dependency
from chassis.messaging import (
    ensure_streams,
    jetstream_publisher,
    jetstream_unpublisher,
    make_broker,
    nats_ready,
)
from chassis.migrate import upgrade_to_head
from chassis.outbox import OutboxRelay
from chassis.problems import EXCEPTION_HANDLERS
from chassis.request_context import request_id_middleware
from chassis.settings import CommonSettings
from chassis.startup import retry_until_ready

log = logging.getLogger(__name__)


@dataclass
class ServiceRuntime:
    """The adapters a service's main.py wires its use cases with."""

    name: str
    settings: CommonSettings
    migrations: Path
    schema: str
    engine: AsyncEngine = field(init=False)
    sessions: async_sessionmaker[AsyncSession] = field(init=False)
    broker: NatsBroker = field(init=False)
    relay: OutboxRelay | None = None

    def __post_init__(self) -> None:
        self.engine = make_engine(self.settings.database_url)
        self.sessions = make_sessions(self.engine)
        self.broker = make_broker(self.settings.nats_url, self.name)
        self.unpublish = jetstream_unpublisher(self.broker)

    def with_outbox(self, outbox: Table) -> OutboxRelay:
        self.relay = OutboxRelay(self.sessions, outbox, jetstream_publisher(self.broker))
        return self.relay

    def wake_relay(self) -> None:
        if self.relay:
            self.relay.wake()

    def app(self, route_handlers: Sequence, verifier: JwtVerifier | None, extra_checks: dict | None = None,
            on_startup: Sequence[Callable] = (), on_shutdown: Sequence[Callable] = ()) -> Litestar:
        checks = {"database": lambda: ping(self.engine), "nats": lambda: nats_ready(self.broker),
                  **(extra_checks or {})}

        @asynccontextmanager
        async def lifespan(app: Litestar):
            await retry_until_ready("postgres", lambda: ping(self.engine))
            await upgrade_to_head(self.engine, self.migrations, self.schema)
            await retry_until_ready("nats", self.broker.connect)
            await ensure_streams(self.broker)
            await self.broker.start()
            if self.relay:
                self.relay.start()
            for hook in on_startup:
                await hook()
            log.info("%s listening on http://%s:%d", self.name, self.settings.host, self.settings.port)
            try:
                yield
            finally:
                for hook in on_shutdown:
                    await hook()
                if self.relay:
                    await self.relay.stop()
                await self.broker.stop()
                await self.engine.dispose()

        dependencies = {"caller": Provide(identity_dependency(verifier))} if verifier else {}
        return Litestar(
            route_handlers=[*health_handlers(self.name, checks), *route_handlers],
            dependencies=dependencies,
            exception_handlers=EXCEPTION_HANDLERS,
            middleware=[request_id_middleware],
            lifespan=[lifespan],
            debug=False,
        )

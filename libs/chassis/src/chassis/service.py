"""What every service's composition root shares: the Litestar app around a NATS broker,
a Postgres engine, migrations at start-up, the outbox relay, dead letters, housekeeping
(pruning, stream fullness), health and readiness."""

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from faststream.nats import NatsBroker
from litestar import Litestar
from litestar.di import Provide
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from chassis import heap, tracing
from chassis.consumer import lift_delivery_limits
from chassis.db import make_engine, make_sessions, ping
from chassis.deadletter import DeadLetters
from chassis.health import health_handlers
from chassis.identity import JwtVerifier, identity_dependency
from chassis.inbox import prune_inbox
from chassis.messaging import (
    STREAM_MAX_AGE,
    ensure_streams,
    jetstream_publisher,
    jetstream_unpublisher,
    make_broker,
    nats_ready,
    warn_near_limits,
)
from chassis.metrics import consumers_refresher, metrics_handler, metrics_middleware, outbox_refresher
from chassis.migrate import upgrade_to_head
from chassis.operator import operator_handlers
from chassis.outbox import OutboxRelay, prune_outbox
from chassis.problems import EXCEPTION_HANDLERS
from chassis.request_context import request_id_middleware
from chassis.settings import CommonSettings
from chassis.startup import retry_until_ready

log = logging.getLogger(__name__)
# an outbox row (what erasure needs of it) and an inbox id are kept as long as a stream may
# still hold, and so deliver, the message
KEEP_WHILE_IN_STREAMS = timedelta(seconds=STREAM_MAX_AGE) + timedelta(days=1)


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
    outbox: Table | None = None
    inbox: Table | None = None
    dead_letters: DeadLetters | None = None

    def __post_init__(self) -> None:
        self.engine = make_engine(self.settings.database_url)
        self.sessions = make_sessions(self.engine)
        self.broker = make_broker(self.settings.nats or self.settings.nats_url, self.name)
        self.unpublish = jetstream_unpublisher(self.broker)

    def with_outbox(self, outbox: Table) -> OutboxRelay:
        self.outbox = outbox
        self.relay = OutboxRelay(self.sessions, outbox, jetstream_publisher(self.broker))
        return self.relay

    def with_inbox(self, inbox: Table) -> None:
        self.inbox = inbox

    def with_dead_letters(self, table: Table) -> DeadLetters:
        self.dead_letters = DeadLetters(self.sessions, table)
        return self.dead_letters

    def wake_relay(self) -> None:
        if self.relay:
            self.relay.wake()

    async def housekeep_once(self) -> None:
        """Prune what no longer serves (sent outbox payloads, old inbox ids) and warn about
        streams filling up."""
        keep_payload = timedelta(hours=self.settings.outbox_keep_payload_hours)
        if self.outbox is not None:
            stripped, deleted = await prune_outbox(self.sessions, self.outbox, keep_payload, KEEP_WHILE_IN_STREAMS)
            if stripped or deleted:
                log.info("outbox: %d sent events pruned to what erasure needs, %d old rows deleted", stripped, deleted)
        if self.inbox is not None:
            await prune_inbox(self.sessions, self.inbox, KEEP_WHILE_IN_STREAMS)
        await warn_near_limits(self.broker)

    async def _housekeeping(self) -> None:
        while True:
            try:
                await self.housekeep_once()
            except Exception as exc:  # Postgres or NATS away for a while: next round
                log.warning("housekeeping failed: %s", exc)
            await asyncio.sleep(self.settings.housekeeping_seconds)

    def app(self, route_handlers: Sequence, verifier: JwtVerifier | None, extra_checks: dict | None = None,
            on_startup: Sequence[Callable] = (), on_shutdown: Sequence[Callable] = ()) -> Litestar:
        checks = {"database": lambda: ping(self.engine), "nats": lambda: nats_ready(self.broker),
                  **(extra_checks or {})}
        background: list[asyncio.Task] = []

        @asynccontextmanager
        async def lifespan(app: Litestar):
            await retry_until_ready("postgres", lambda: ping(self.engine))
            await upgrade_to_head(self.engine, self.migrations, self.schema)
            await retry_until_ready("nats", self.broker.connect)
            await ensure_streams(self.broker)
            await self.broker.start()
            await lift_delivery_limits(self.broker)
            if self.relay:
                self.relay.start()
            background.append(asyncio.create_task(self._housekeeping(), name="housekeeping"))
            for hook in on_startup:
                await hook()
            heap.settle()
            log.info("%s listening on http://%s:%d", self.name, self.settings.host, self.settings.port)
            try:
                yield
            finally:
                for hook in on_shutdown:
                    await hook()
                for task in background:
                    task.cancel()
                with contextlib.suppress(BaseException):
                    await asyncio.gather(*background, return_exceptions=True)
                if self.relay:
                    await self.relay.stop()
                await self.broker.stop()
                await self.engine.dispose()

        dependencies = {"caller": Provide(identity_dependency(verifier))} if verifier else {}
        operator = operator_handlers(self, self.settings.operator_token)
        refresh = [consumers_refresher(self.broker)]
        if self.outbox is not None:
            refresh.append(outbox_refresher(self.sessions, self.outbox))
        traced = [tracing.tracing_middleware] if tracing.configure(self.name) else []
        return Litestar(
            route_handlers=[*health_handlers(self.name, checks), *operator, *route_handlers,
                            metrics_handler(self.settings.metrics_token, refresh)],
            dependencies=dependencies,
            exception_handlers=EXCEPTION_HANDLERS,
            middleware=[request_id_middleware, metrics_middleware, *traced],
            lifespan=[lifespan],
            debug=False,
        )


"""Composition root of the ingestion service."""

import asyncio
import contextlib
import logging
import threading
from pathlib import Path

from chassis.serve import serve
from chassis.service import ServiceRuntime
from chassis.settings import env, jwt_verifier_from_env
from uuid6 import uuid7

from ingestion.adapters import http
from ingestion.adapters.extractors import FileTextExtractor
from ingestion.adapters.http_admin import admin_routes, subscribe_erasure
from ingestion.adapters.nats.subscribers import subscribe
from ingestion.adapters.postgres.tables import SCHEMA, dead_letters, inbox, outbox
from ingestion.adapters.postgres.uow import IngestionUnitOfWork
from ingestion.app.idempotency import purge_expired
from ingestion.settings import IngestionSettings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger("ingestion")


def create_app(settings: IngestionSettings | None = None):
    settings = settings or IngestionSettings.from_env()
    runtime = ServiceRuntime("ingestion", settings.common, MIGRATIONS, SCHEMA)
    runtime.with_outbox(outbox)
    runtime.with_inbox(inbox)
    runtime.with_dead_letters(dead_letters)
    extractor = FileTextExtractor()
    background: list[asyncio.Task] = []

    def uow() -> IngestionUnitOfWork:
        return IngestionUnitOfWork(runtime.sessions, outbox=outbox, inbox=inbox, after_commit=runtime.wake_relay,
                                   unpublish=runtime.unpublish)

    async def purge_forever() -> None:
        while True:
            try:
                await purge_expired(uow())
            except Exception:  # Postgres away for a while: try again next round
                log.warning("purging expired idempotency keys failed", exc_info=True)
            await asyncio.sleep(settings.purge_every_seconds)

    async def start_background() -> None:
        warm_up = getattr(extractor, "warm_up", None)
        if warm_up is not None:  # heavy imports once, off the event loop, not on the first upload;
            # a daemon thread, so a stop during warm-up is not held up waiting for it
            threading.Thread(target=warm_up, name="extractor-warm-up", daemon=True).start()
        background.append(asyncio.create_task(purge_forever()))

    async def stop_background() -> None:
        for task in background:
            task.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.gather(*background, return_exceptions=True)

    subscribe(runtime.broker, uow, dead_letters=runtime.dead_letters)
    subscribe_erasure(runtime.broker, runtime.sessions, runtime.unpublish, dead_letters=runtime.dead_letters)
    routes = [*http.routes(uow, lambda: str(uuid7()), extractor, settings.spool_dir),
              *admin_routes(uow, runtime.sessions, runtime.unpublish, env("OPERATOR_TOKEN"))]
    return runtime.app(routes, jwt_verifier_from_env(), on_startup=[start_background], on_shutdown=[stop_background])


def main() -> None:
    settings = IngestionSettings.from_env()
    serve(create_app(settings), settings.common.host, settings.common.port)


if __name__ == "__main__":
    main()

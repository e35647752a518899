"""Composition root of the ingestion service."""

from pathlib import Path

from chassis.serve import serve
from chassis.service import ServiceRuntime
from chassis.settings import CommonSettings, jwt_verifier_from_env
from chassis.uow import SqlaUnitOfWork
from uuid6 import uuid7

from ingestion.adapters import http
from ingestion.adapters.nats.subscribers import subscribe
from ingestion.adapters.postgres.tables import SCHEMA, inbox, outbox
from ingestion.adapters.postgres.uow import IngestionUnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(settings: CommonSettings | None = None):
    settings = settings or CommonSettings.from_env("ingestion", 8001)
    runtime = ServiceRuntime("ingestion", settings, MIGRATIONS, SCHEMA)
    runtime.with_outbox(outbox)

    def uow() -> SqlaUnitOfWork:
        return IngestionUnitOfWork(runtime.sessions, outbox=outbox, inbox=inbox, after_commit=runtime.wake_relay)

    subscribe(runtime.broker, uow)
    return runtime.app(http.routes(uow, lambda: str(uuid7())), jwt_verifier_from_env())


def main() -> None:
    settings = CommonSettings.from_env("ingestion", 8001)
    serve(create_app(settings), settings.host, settings.port)


if __name__ == "__main__":
    main()

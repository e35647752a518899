"""Composition root of the sharing service."""

from datetime import UTC, datetime
from pathlib import Path

from chassis.serve import serve
from chassis.service import ServiceRuntime
from chassis.settings import CommonSettings, env, jwt_verifier_from_env
from chassis.uow import SqlaUnitOfWork
from contracts.base import new_event_id

from sharing.adapters import http
from sharing.adapters.nats.subscribers import subscribe
from sharing.adapters.postgres.tables import SCHEMA, dead_letters, inbox, outbox
from sharing.adapters.postgres.uow import SharingUnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(settings: CommonSettings | None = None):
    settings = settings or CommonSettings.from_env("sharing", 8004)
    runtime = ServiceRuntime("sharing", settings, MIGRATIONS, SCHEMA)
    runtime.with_outbox(outbox)
    runtime.with_inbox(inbox)
    runtime.with_dead_letters(dead_letters)

    def uow() -> SqlaUnitOfWork:
        return SharingUnitOfWork(runtime.sessions, outbox=outbox, inbox=inbox, after_commit=runtime.wake_relay,
                                 unpublish=runtime.unpublish)

    subscribe(runtime.broker, uow, dead_letters=runtime.dead_letters)
    return runtime.app(http.routes(uow, utc_now, new_event_id, env("OPERATOR_TOKEN")), jwt_verifier_from_env())


def main() -> None:
    settings = CommonSettings.from_env("sharing", 8004)
    serve(create_app(settings), settings.host, settings.port)


if __name__ == "__main__":
    main()

"""Composition root of the insights service (the read side)."""

from pathlib import Path

from chassis.serve import serve
from chassis.service import ServiceRuntime
from chassis.settings import CommonSettings, jwt_verifier_from_env

from insights.adapters import http
from insights.adapters.embeddings import WordLlamaEmbedder
from insights.adapters.nats.hints import NatsStatusHints
from insights.adapters.nats.subscribers import subscribe
from insights.adapters.postgres.pages import ReadPool
from insights.adapters.postgres.reader import SqlaInsightReader
from insights.adapters.postgres.search import SqlaSearchIndex
from insights.adapters.postgres.tables import SCHEMA, dead_letters, inbox
from insights.adapters.postgres.uow import InsightsUnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(settings: CommonSettings | None = None):
    settings = settings or CommonSettings.from_env("insights", 8003)
    runtime = ServiceRuntime("insights", settings, MIGRATIONS, SCHEMA)
    runtime.with_inbox(inbox)
    runtime.with_dead_letters(dead_letters)
    embedder = WordLlamaEmbedder()
    embedder.embed(["warm up"])  # load the model now (~0.5 s), not inside the first event or search
    hints = NatsStatusHints(runtime.broker)
    subscribe(runtime.broker, lambda: InsightsUnitOfWork(runtime.sessions, inbox=inbox, embedder=embedder),
              dead_letters=runtime.dead_letters, hints=hints)
    reader = SqlaInsightReader(runtime.sessions, ReadPool(settings.database_url))
    routes = http.routes(reader, SqlaSearchIndex(runtime.sessions), embedder)

    async def anyones_reads_may_have_changed() -> None:
        # a process that stopped between a commit and its hint never sent it: the gateways
        # forget every cached answer rather than keep that one until it expires
        await hints.readers_changed(())

    return runtime.app(routes, jwt_verifier_from_env(), on_startup=[anyones_reads_may_have_changed],
                       on_shutdown=[reader.close])


def main() -> None:
    settings = CommonSettings.from_env("insights", 8003)
    serve("insights.main:create_app", settings.host, settings.port)  # WEB_CONCURRENCY workers


if __name__ == "__main__":
    main()

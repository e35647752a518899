"""Composition root of the analysis service (scale it by starting more of these)."""

from pathlib import Path

from chassis.serve import serve
from chassis.service import ServiceRuntime
from chassis.settings import CommonSettings, env

from analysis.adapters.analyzers.embedded import EmbeddedAnalyzer
from analysis.adapters.nats.subscribers import subscribe
from analysis.adapters.postgres.tables import SCHEMA, inbox, outbox
from analysis.adapters.postgres.uow import AnalysisUnitOfWork
from analysis.ports import Analyzer

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def build_analyzer() -> Analyzer:
    return EmbeddedAnalyzer()


def create_app(settings: CommonSettings | None = None, analyzer: Analyzer | None = None):
    settings = settings or CommonSettings.from_env("analysis", 8002)
    runtime = ServiceRuntime("analysis", settings, MIGRATIONS, SCHEMA)
    runtime.with_outbox(outbox)

    def uow() -> AnalysisUnitOfWork:
        return AnalysisUnitOfWork(runtime.sessions, outbox=outbox, inbox=inbox, after_commit=runtime.wake_relay)

    subscribe(runtime.broker, analyzer or build_analyzer(), uow,
              max_deliver=int(env("ANALYSIS_MAX_DELIVER", "5")), ack_wait=float(env("ANALYSIS_ACK_WAIT", "60")))
    return runtime.app([], verifier=None)


def main() -> None:
    settings = CommonSettings.from_env("analysis", 8002)
    serve(create_app(settings), settings.host, settings.port)


if __name__ == "__main__":
    main()

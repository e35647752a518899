"""Composition root of the analysis service (scale it by starting more of these)."""

import os
import socket
from functools import partial
from pathlib import Path

from chassis.serve import serve
from chassis.service import ServiceRuntime
from chassis.settings import CommonSettings, env

from analysis.adapters.analyzers.embedded import EmbeddedAnalyzer
from analysis.adapters.analyzers.embedded_candidates import EmbeddedCandidates
from analysis.adapters.analyzers.fallback import FallbackAnalyzer
from analysis.adapters.analyzers.metered import MeteredAnalyzer
from analysis.adapters.analyzers.openai import LlmSettings, OpenAIAnalyzer
from analysis.adapters.analyzers.process_pool import processes_from_env
from analysis.adapters.http import operator_handlers
from analysis.adapters.nats.subscribers import subscribe
from analysis.adapters.postgres.tables import SCHEMA, dead_letters, inbox, outbox
from analysis.adapters.postgres.uow import AnalysisUnitOfWork
from analysis.app.rerun_analysis import rerun_analysis
from analysis.ports import Analyzer

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FALLBACKS = ("embedded", "none")


def build_analyzer(processes: int = 1) -> Analyzer:
    """Embedded alone, unless INSIGHTS_LLM_* configure an LLM: then the LLM, falling back to
    the embedded analyzer unless the operator switch ANALYSIS_FALLBACK=none turns that off.
    The embedded analyzer runs in `processes` worker processes (0 or 1: in this one)."""
    llm = LlmSettings.from_env(env)
    if llm is None:
        return EmbeddedAnalyzer(processes=processes)
    fallback = env("ANALYSIS_FALLBACK", "embedded")
    if fallback not in FALLBACKS:
        raise ValueError(f"ANALYSIS_FALLBACK must be one of {FALLBACKS}, not {fallback!r}")
    # Grounded mode offers the model the embedded analyzer's own findings as numbered passages.
    primary = OpenAIAnalyzer(llm, candidates=EmbeddedCandidates(llm.max_passages))
    return primary if fallback == "none" else FallbackAnalyzer(primary, EmbeddedAnalyzer(processes=processes))


def create_app(settings: CommonSettings | None = None, analyzer: Analyzer | None = None):
    settings = settings or CommonSettings.from_env("analysis", 8002)
    runtime = ServiceRuntime("analysis", settings, MIGRATIONS, SCHEMA)
    runtime.with_outbox(outbox)
    runtime.with_inbox(inbox)
    runtime.with_dead_letters(dead_letters)
    # ANALYSIS_PROCESSES worker processes (default: one per core); the consumer takes
    # ANALYSIS_CONCURRENCY messages at a time, handled at once (default: one per worker process,
    # so every core analyses; each message keeps its in-progress acks while it waits for a worker)
    processes = processes_from_env(env("ANALYSIS_PROCESSES", ""))
    analyzer = MeteredAnalyzer(analyzer or build_analyzer(processes))
    worker = f"{socket.gethostname()}:{os.getpid()}"

    def uow() -> AnalysisUnitOfWork:
        return AnalysisUnitOfWork(runtime.sessions, outbox=outbox, inbox=inbox, after_commit=runtime.wake_relay,
                                  unpublish=runtime.unpublish, worker=worker)

    subscribe(runtime.broker, analyzer, uow,
              max_deliver=int(env("ANALYSIS_MAX_DELIVER", "5")), ack_wait=float(env("ANALYSIS_ACK_WAIT", "60")),
              concurrency=int(env("ANALYSIS_CONCURRENCY", "") or max(1, processes)),
              dead_letters=runtime.dead_letters)
    operator = operator_handlers(partial(rerun_analysis, analyzer=analyzer, uow_factory=uow),
                                 env("ANALYSIS_OPERATOR_TOKEN"))
    return runtime.app(operator, verifier=None)


def main() -> None:
    settings = CommonSettings.from_env("analysis", 8002)
    serve(create_app(settings), settings.host, settings.port)


if __name__ == "__main__":
    main()

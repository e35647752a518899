"""Defect: an insight deleted while its analysis ran was not erased: the final transaction
wrote the run and an AnalysisCompleted (verbatim quotes) after the erasure. Every write of
the analysis now takes the insight's lock and looks for the erasure again under it."""

import asyncio

from analysis.app.analyze_transcript import Attempt, analyze_transcript
from analysis.app.erase_insight import erase_insight
from analysis.app.give_up import give_up

from contracts import AnalysisFailed, InsightContent, InsightDeleted, Transcript

from ..fakes import FakeUnitOfWork, ScriptedAnalyzer
from .test_analyze_transcript import EVENT

DELETED = InsightDeleted(insight_id="i1", deleted_by="c")


class SlowAnalyzer(ScriptedAnalyzer):
    """Answers (or fails) only when the test lets it, after saying it has started."""

    def __init__(self, *outcomes) -> None:
        super().__init__(*outcomes)
        self.started, self.release = asyncio.Event(), asyncio.Event()

    async def analyze(self, transcript: Transcript, context) -> InsightContent:
        self.started.set()
        await self.release.wait()
        return await super().analyze(transcript, context)


async def analyse_while_deleted(analyzer: SlowAnalyzer, attempt: Attempt) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    analysis = asyncio.create_task(analyze_transcript(EVENT, attempt, analyzer, uow))
    await analyzer.started.wait()
    await erase_insight(DELETED, uow)  # lands while the analyzer is still working
    analyzer.release.set()
    await analysis
    return uow


async def test_a_completion_after_the_erasure_writes_and_publishes_nothing():
    uow = await analyse_while_deleted(SlowAnalyzer(), Attempt(1, last=False))
    assert uow.emitted == [] and uow.runs.rows == [] and await uow.transcripts.get("i1") is None
    assert uow.locked.count("i1") >= 3  # kept, erased, completed: each under the insight's lock


async def test_a_failure_after_the_erasure_records_nothing_and_is_not_retried():
    uow = await analyse_while_deleted(SlowAnalyzer(RuntimeError("llm down")), Attempt(1, last=False))
    assert uow.emitted == [] and uow.runs.rows == []


async def test_a_last_failure_after_the_erasure_publishes_no_analysis_failed():
    uow = await analyse_while_deleted(SlowAnalyzer(RuntimeError("llm down")), Attempt(5, last=True))
    assert uow.emitted == [] and uow.runs.rows == []


async def test_giving_up_publishes_analysis_failed_once_but_not_for_an_erased_insight():
    uow = FakeUnitOfWork()
    await give_up(EVENT, ValueError("bad row"), 5, uow)
    await give_up(EVENT, ValueError("bad row"), 6, uow)  # redelivered before the dead letter was recorded
    [failed] = uow.emitted
    assert isinstance(failed, AnalysisFailed) and "bad row" in failed.reason and failed.attempts == 5

    erased = FakeUnitOfWork()
    await erase_insight(DELETED, erased)
    await give_up(EVENT, ValueError("bad row"), 5, erased)
    assert erased.emitted == []


class DatabaseAwayOnce(FakeUnitOfWork):
    """The first commit after the analysis fails as a database restart would."""

    def __init__(self) -> None:
        super().__init__()
        self.commits = 0

    async def commit(self) -> None:
        self.commits += 1
        if self.commits == 2:
            raise ConnectionRefusedError("database restarting")
        await super().commit()


async def test_a_database_outage_after_the_analysis_keeps_the_result_instead_of_analysing_again():
    uow, analyzer, waited = DatabaseAwayOnce(), ScriptedAnalyzer(), []

    async def persist(work):  # what the adapter does: retry the write while the database is away
        while True:
            try:
                return await work()
            except ConnectionRefusedError as exc:
                waited.append(exc)

    await analyze_transcript(EVENT, Attempt(1, last=False), analyzer, uow, persist)
    assert analyzer.calls == 1 and len(waited) == 1
    assert [type(e).__name__ for e in uow.emitted] == ["AnalysisCompleted"]  # (the fake keeps runs untransacted)

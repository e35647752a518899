import pytest
from analysis.app.analyze_transcript import Attempt, analyze_transcript
from analysis.app.erase_insight import erase_insight
from analysis.app.rerun_analysis import rerun_analysis
from analysis.domain.errors import TranscriptNotKept

from contracts import AnalysisCompleted, InsightDeleted

from ..fakes import FakeUnitOfWork, ScriptedAnalyzer
from .test_analyze_transcript import EVENT

DELETED = InsightDeleted(insight_id="i1", deleted_by="c")


async def test_a_rerun_analyses_the_kept_transcript_again_and_publishes_a_new_completion():
    uow = FakeUnitOfWork()
    await analyze_transcript(EVENT, Attempt(1, last=False), ScriptedAnalyzer(), uow)
    run = await rerun_analysis("i1", ScriptedAnalyzer(), uow)
    assert run.attempt == 2 and run.outcome == "completed"
    assert [type(e) for e in uow.emitted] == [AnalysisCompleted, AnalysisCompleted]
    assert uow.emitted[1].attempt == 2 and uow.emitted[0].event_id != uow.emitted[1].event_id
    assert uow.emitted[1].client_user_id == EVENT.client_user_id  # whose it is, as on the first


async def test_a_failed_rerun_is_recorded_and_publishes_nothing():
    uow = FakeUnitOfWork()
    await analyze_transcript(EVENT, Attempt(1, last=False), ScriptedAnalyzer(), uow)
    with pytest.raises(RuntimeError):
        await rerun_analysis("i1", ScriptedAnalyzer(RuntimeError("llm down")), uow)
    assert len(uow.emitted) == 1 and [r.outcome for r in uow.runs.rows] == ["completed", "failed"]


async def test_erasure_removes_the_copy_and_the_runs_and_a_late_delivery_is_not_kept():
    uow = FakeUnitOfWork()
    await analyze_transcript(EVENT, Attempt(1, last=False), ScriptedAnalyzer(), uow)
    await erase_insight(DELETED, uow)
    assert uow.runs.rows == [] and await uow.transcripts.get("i1") is None
    with pytest.raises(TranscriptNotKept):
        await rerun_analysis("i1", ScriptedAnalyzer(), uow)

    late = FakeUnitOfWork()
    await erase_insight(DELETED, late)
    analyzer = ScriptedAnalyzer()
    await analyze_transcript(EVENT, Attempt(1, last=False), analyzer, late)
    assert analyzer.calls == 0 and late.emitted == [] and await late.transcripts.get("i1") is None

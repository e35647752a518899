import msgspec
import pytest
from analysis.adapters.analyzers.fallback import FallbackAnalyzer
from analysis.app.analyze_transcript import (
    AnalysisFailedForNow,
    Attempt,
    analyze_transcript,
)
from analysis.domain.errors import AnalyzerUnavailable, TranscriptUnreadable
from analysis.domain.model import AnalysisContext

from contracts import (
    AnalysisCompleted,
    AnalysisFailed,
    Transcript,
    TranscriptReceived,
    Turn,
)

from ..fakes import FakeUnitOfWork, ScriptedAnalyzer

EVENT = TranscriptReceived(
    insight_id="i1", client_user_id="c", created_by="c", is_unpaired=True, transcript_source="text_input",
    transcript=Transcript(turns=[Turn(speaker="Coach", role="coach", text="What do you want?"),
                                 Turn(speaker="Client", role="client", text="I will rest more.")]))


async def test_success_emits_completed_and_records_the_run_once():
    uow, analyzer = FakeUnitOfWork(), ScriptedAnalyzer()
    await analyze_transcript(EVENT, Attempt(1, last=False), analyzer, uow)
    await analyze_transcript(EVENT, Attempt(2, last=False), analyzer, uow)  # redelivered
    assert analyzer.calls == 1
    [event] = uow.emitted
    assert isinstance(event, AnalysisCompleted) and event.insight_id == "i1"
    [run] = uow.runs.rows
    assert (run.outcome, run.analyzer, run.model, run.attempt) == ("completed", "scripted", "s-1", 1)


async def test_failure_before_the_last_attempt_is_retried_and_recorded():
    uow = FakeUnitOfWork()
    with pytest.raises(AnalysisFailedForNow):
        await analyze_transcript(EVENT, Attempt(1, last=False), ScriptedAnalyzer(RuntimeError("timeout")), uow)
    assert uow.emitted == [] and [r.outcome for r in uow.runs.rows] == ["failed"]


async def test_failure_on_the_last_attempt_publishes_a_readable_failure():
    uow = FakeUnitOfWork()
    await analyze_transcript(EVENT, Attempt(5, last=True), ScriptedAnalyzer(RuntimeError("model overloaded")), uow)
    [event] = uow.emitted
    assert isinstance(event, AnalysisFailed) and event.attempts == 5
    assert "model overloaded" in event.reason and "Traceback" not in event.reason
    assert [r.outcome for r in uow.runs.rows] == ["gave_up"]


async def test_fallback_analyzer_answers_and_says_so():
    analyzer = FallbackAnalyzer(ScriptedAnalyzer(ConnectionError("llm unreachable")), ScriptedAnalyzer())
    content = await analyzer.analyze(EVENT.transcript, AnalysisContext(insight_id="i1"))
    assert content.metadata.fallback_used is True and "llm unreachable" in content.metadata.fallback_reason


async def test_completed_and_failed_say_whose_insight_it_is_and_carry_no_transcript():
    paired = msgspec.structs.replace(EVENT, insight_id="p1", is_unpaired=False, coach_user_id="coach-1",
                                     coaching_relationship_id="rel-1")
    done, failed = FakeUnitOfWork(), FakeUnitOfWork()
    await analyze_transcript(paired, Attempt(1, last=False), ScriptedAnalyzer(), done)
    await analyze_transcript(paired, Attempt(5, last=True), ScriptedAnalyzer(RuntimeError("down")), failed)
    for [event] in (done.emitted, failed.emitted):
        assert (event.client_user_id, event.coach_user_id, event.coaching_relationship_id) == (
            "c", "coach-1", "rel-1")
        assert b"I will rest more." not in msgspec.json.encode(event)  # the client's words stay in ingestion


async def test_a_transcript_the_analyzer_cannot_read_fails_at_once_with_its_reason():
    uow = FakeUnitOfWork()
    unreadable = TranscriptUnreadable("The transcript does not appear to be in English (3% ...).")
    await analyze_transcript(EVENT, Attempt(1, last=False), ScriptedAnalyzer(unreadable), uow)  # not retried
    [event] = uow.emitted
    assert isinstance(event, AnalysisFailed) and event.attempts == 1
    assert event.reason == "The transcript does not appear to be in English (3% ...)."
    assert [r.outcome for r in uow.runs.rows] == ["gave_up"]


async def test_a_fallback_that_cannot_read_the_transcript_leaves_the_attempt_to_be_retried():
    analyzer = FallbackAnalyzer(ScriptedAnalyzer(ConnectionError("llm unreachable")),
                                ScriptedAnalyzer(TranscriptUnreadable("not English")))
    with pytest.raises(AnalyzerUnavailable, match="llm unreachable.*not English"):
        await analyzer.analyze(EVENT.transcript, AnalysisContext(insight_id="i1"))
    uow = FakeUnitOfWork()
    with pytest.raises(AnalysisFailedForNow):
        await analyze_transcript(EVENT, Attempt(1, last=False), FallbackAnalyzer(
            ScriptedAnalyzer(ConnectionError("llm unreachable")), ScriptedAnalyzer(TranscriptUnreadable("x"))), uow)
    assert uow.emitted == []


async def test_a_transcript_neither_analyzer_can_read_fails_at_once():
    analyzer = FallbackAnalyzer(ScriptedAnalyzer(TranscriptUnreadable("not English")),
                                ScriptedAnalyzer(TranscriptUnreadable("not English")))
    uow = FakeUnitOfWork()
    await analyze_transcript(EVENT, Attempt(1, last=False), analyzer, uow)
    [event] = uow.emitted
    assert isinstance(event, AnalysisFailed) and event.reason == "not English"

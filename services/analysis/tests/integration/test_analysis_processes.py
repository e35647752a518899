"""The embedded analyzer in worker processes (ANALYSIS_PROCESSES): same insights as in
process, and a worker that dies costs one attempt, not the message, nor the pool."""

import asyncio
import importlib
import re
import sys
from functools import partial
from pathlib import Path

import msgspec
import pytest
from analysis.adapters.analyzers.embedded import EmbeddedAnalyzer, analyze_transcript
from analysis.adapters.analyzers.process_pool import WorkerCrashed, processes_from_env
from analysis.app.analyze_transcript import AnalysisFailedForNow, Attempt
from analysis.app.analyze_transcript import analyze_transcript as handle_transcript

from contracts import AnalysisCompleted, Transcript, TranscriptReceived, Turn

from ..fakes import FakeUnitOfWork

ROOT = Path(__file__).resolve().parents[4]
STUB = '''
import os
from pathlib import Path

from contracts import InsightContent, SessionMetadata


def analyze(marker, transcript):
    """Dies (as a segfault or the OOM killer would end it) the first time, answers after."""
    if not Path(marker).exists():
        Path(marker).touch()
        os._exit(1)
    return InsightContent(
        session_summary=f"analysed in {os.getpid()}", overall_session_quality="Good",
        metadata=SessionMetadata(transcript_word_count=transcript.word_count, ai_provider="embedded",
                                 model_version="stub", processing_time_seconds=0.0, analysis_confidence=0.5))
'''


def event(insight_id: str) -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id="c", created_by="c", is_unpaired=True, transcript_source="text_input",
        transcript=Transcript(turns=[Turn(speaker="Coach", role="coach", text="What do you want?"),
                                     Turn(speaker="Client", role="client", text="I will rest more.")]))


@pytest.fixture
def crash_once(tmp_path):
    """A module-level analyzer function the spawned workers can import (sys.path goes with them)."""
    (tmp_path / "crash_once_stub.py").write_text(STUB)
    sys.path.insert(0, str(tmp_path))
    try:
        yield partial(importlib.import_module("crash_once_stub").analyze, str(tmp_path / "crashed"))
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("crash_once_stub", None)


async def test_a_dead_worker_fails_the_attempt_then_the_redelivery_completes_on_a_new_pool(crash_once):
    analyzer = EmbeddedAnalyzer(warm=False, processes=2, function=crash_once)
    uow = FakeUnitOfWork()
    try:
        with pytest.raises(AnalysisFailedForNow) as failed:  # the consumer NACKs: JetStream redelivers it
            await asyncio.wait_for(handle_transcript(event("i1"), Attempt(1, last=False), analyzer, uow), 120)
        assert isinstance(failed.value.__cause__, WorkerCrashed)
        assert uow.emitted == [] and [r.outcome for r in uow.runs.rows] == ["failed"]

        await asyncio.wait_for(handle_transcript(event("i1"), Attempt(2, last=False), analyzer, uow), 120)
        [completed] = uow.emitted
        assert isinstance(completed, AnalysisCompleted) and completed.attempt == 2
        # other analyses go on on the new pool
        contents = await asyncio.wait_for(asyncio.gather(
            *(analyzer.analyze(event(f"i{n}").transcript) for n in range(2, 6))), 120)
        assert all(c.session_summary.startswith("analysed in") for c in contents)
    finally:
        analyzer.close()


async def test_worker_processes_give_the_same_insights_as_in_process():
    lines = re.findall(r"^\[[\d:]+\] (\w+): (.+)$", (ROOT / "samples" / "leadership-session.txt").read_text(), re.M)
    transcript = Transcript(turns=[Turn(speaker=who, role="coach" if who == "Maya" else "client", text=text)
                                   for who, text in lines])
    analyzer = EmbeddedAnalyzer(processes=2)  # spawns both workers and loads their models
    try:
        in_pool = await asyncio.wait_for(asyncio.gather(analyzer.analyze(transcript), analyzer.analyze(transcript)),
                                         240)
    finally:
        analyzer.close()
    here = await asyncio.to_thread(analyze_transcript, transcript)

    def without_timing(content):
        return msgspec.to_builtins(msgspec.structs.replace(
            content, metadata=msgspec.structs.replace(content.metadata, processing_time_seconds=0.0)))

    assert without_timing(in_pool[0]) == without_timing(in_pool[1]) == without_timing(here)
    assert here.action_items  # a real analysis, not an empty one


def test_processes_setting():
    assert processes_from_env("") >= 1  # one per core
    assert processes_from_env("0") == 0 and processes_from_env("3") == 3
    with pytest.raises(ValueError, match="ANALYSIS_PROCESSES"):
        processes_from_env("many")

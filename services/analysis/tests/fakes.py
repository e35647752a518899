from analysis.domain.model import AnalysisContext, AnalysisRun
from analysis.ports import AnalysisRunRepository, Analyzer, TranscriptCopies, UnitOfWork

from contracts import InsightContent, SessionMetadata, Transcript, TranscriptReceived


class FakeRuns(AnalysisRunRepository):
    def __init__(self) -> None:
        self.rows: list[AnalysisRun] = []

    async def add(self, run: AnalysisRun) -> None:
        self.rows.append(run)

    async def last_attempt(self, insight_id: str) -> int:
        return max((r.attempt for r in self.rows if r.insight_id == insight_id), default=0)

    async def delete_for(self, insight_id: str) -> None:
        self.rows = [r for r in self.rows if r.insight_id != insight_id]


class FakeTranscripts(TranscriptCopies):
    def __init__(self) -> None:
        self.kept: dict[str, TranscriptReceived] = {}
        self.erased: set[str] = set()

    async def keep(self, event: TranscriptReceived) -> bool:
        if event.insight_id in self.erased:
            return False
        self.kept.setdefault(event.insight_id, event)
        return True

    async def get(self, insight_id: str) -> TranscriptReceived | None:
        return self.kept.get(insight_id)

    async def erase(self, insight_id: str) -> None:
        self.kept.pop(insight_id, None)
        self.erased.add(insight_id)

    async def is_erased(self, insight_id: str) -> bool:
        return insight_id in self.erased


class FakeUnitOfWork(UnitOfWork):
    """Shared state across units of work; staged writes land only on commit."""

    def __init__(self) -> None:
        self.runs = FakeRuns()
        self.transcripts = FakeTranscripts()
        self.handled: set[str] = set()
        self.emitted: list = []
        self._staged_events: list = []
        self._staged_ids: set[str] = set()
        self.locked: list[str] = []

    def __call__(self) -> "FakeUnitOfWork":
        return self

    async def __aenter__(self) -> "FakeUnitOfWork":
        self._staged_events, self._staged_ids = [], set()
        return self

    async def __aexit__(self, *exc) -> None:
        self._staged_events, self._staged_ids = [], set()

    async def already_handled(self, event_id: str) -> bool:
        return event_id in self.handled

    async def first_time(self, event_id: str, subject: str) -> bool:
        if event_id in self.handled or event_id in self._staged_ids:
            return False
        self._staged_ids.add(event_id)
        return True

    async def lock_insight(self, insight_id: str) -> None:
        self.locked.append(insight_id)

    async def forget_events_about(self, insight_id: str) -> None:
        self.emitted = [e for e in self.emitted if getattr(e, "insight_id", None) != insight_id]

    async def emit(self, event) -> None:
        self._staged_events.append(event)

    async def commit(self) -> None:
        self.emitted.extend(self._staged_events)
        self.handled |= self._staged_ids


class ScriptedAnalyzer(Analyzer):
    name = "scripted"

    def __init__(self, *outcomes: Exception | None) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    async def analyze(self, transcript: Transcript, context: AnalysisContext) -> InsightContent:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if isinstance(outcome, Exception):
            raise outcome
        return InsightContent(
            session_summary="ok", overall_session_quality="Good",
            metadata=SessionMetadata(transcript_word_count=transcript.word_count, ai_provider="scripted",
                                     model_version="s-1", processing_time_seconds=0.01, analysis_confidence=0.7))

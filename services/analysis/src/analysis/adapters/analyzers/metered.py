"""An Analyzer around another that measures it."""

import time

from chassis import tracing

from analysis.adapters.metrics import ANALYSIS_DURATION
from analysis.domain.model import AnalysisContext
from analysis.ports import Analyzer
from contracts import InsightContent, Transcript


class MeteredAnalyzer(Analyzer):
    """Times every analysis (metric and span) by the analyzer that answered: with a
    fallback, the metadata says which one it was."""

    def __init__(self, inner: Analyzer) -> None:
        self.inner = inner
        self.name = inner.name

    async def analyze(self, transcript: Transcript, context: AnalysisContext) -> InsightContent:
        started = time.perf_counter()
        try:
            with tracing.span("analyze", attributes={"analyzer": self.name, "insight.id": context.insight_id}):
                content = await self.inner.analyze(transcript, context)
        except Exception:
            ANALYSIS_DURATION.labels(self.name, "failed").observe(time.perf_counter() - started)
            raise
        meta = content.metadata
        outcome = "fallback" if meta.fallback_used else "completed"
        ANALYSIS_DURATION.labels(meta.ai_provider or self.name, outcome).observe(time.perf_counter() - started)
        return content

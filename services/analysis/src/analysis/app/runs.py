"""Building the analysis_runs record of one attempt, success or failure."""

from datetime import datetime

from analysis.domain.errors import AnalyzerUnavailable
from analysis.domain.model import AnalysisRun, Outcome
from analysis.ports import Analyzer
from contracts import InsightContent


def completed_run(insight_id: str, attempt: int, content: InsightContent, started: datetime,
                  latency_ms: int) -> AnalysisRun:
    meta = content.metadata
    return AnalysisRun(insight_id=insight_id, attempt=attempt, analyzer=meta.ai_provider, model=meta.model_version,
                       outcome="completed", latency_ms=latency_ms, started_at=started,
                       prompt_tokens=meta.prompt_tokens, completion_tokens=meta.completion_tokens,
                       estimated_cost_usd=meta.estimated_cost_usd)


def failed_run(insight_id: str, attempt: int, analyzer: Analyzer, outcome: Outcome, error: Exception,
               started: datetime, latency_ms: int) -> AnalysisRun:
    # A failed LLM analysis still cost tokens; keep them in the audit.
    spent = error if isinstance(error, AnalyzerUnavailable) else None
    return AnalysisRun(insight_id=insight_id, attempt=attempt, analyzer=analyzer.name, model=None, outcome=outcome,
                       latency_ms=latency_ms, started_at=started, error=str(error)[:1000],
                       prompt_tokens=spent.prompt_tokens if spent else None,
                       completion_tokens=spent.completion_tokens if spent else None,
                       estimated_cost_usd=spent.estimated_cost_usd if spent else None)

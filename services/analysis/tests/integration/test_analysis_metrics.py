"""What analysis reports to Prometheus: analysis time by the analyzer that answered, and
the LLM's calls, tokens and cost (tokens of rejected and failed calls too: they are billed)."""

import pytest
from analysis.adapters.analyzers.embedded import EmbeddedAnalyzer
from analysis.adapters.analyzers.fallback import FallbackAnalyzer
from analysis.adapters.analyzers.metered import MeteredAnalyzer
from analysis.adapters.analyzers.openai import OpenAIAnalyzer
from analysis.domain.errors import AnalyzerUnavailable
from prometheus_client import REGISTRY

from ..fake_llm import answer, error
from .test_openai_analyzer import CONTEXT, GOOD, TRANSCRIPT, settings

MODEL = "metrics-model"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_llm_calls_tokens_and_cost_are_counted_per_call(fake_llm):
    before = {kind: sample("llm_tokens_total", model=MODEL, kind=kind) for kind in ("prompt", "completion")}
    cost, errors = sample("llm_cost_usd_total", model=MODEL), sample("llm_requests_total", model=MODEL, outcome="error")
    fake_llm.then(answer('{"celebration": nul', prompt_tokens=300, completion_tokens=20),
                  error(500, "boom"), answer(GOOD, prompt_tokens=1000, completion_tokens=200))
    analyzer = MeteredAnalyzer(OpenAIAnalyzer(settings(fake_llm, model=MODEL, max_attempts=3)))
    durations = sample("analysis_duration_seconds_count", analyzer="openai", outcome="completed")

    await analyzer.analyze(TRANSCRIPT, CONTEXT)

    assert sample("llm_tokens_total", model=MODEL, kind="prompt") - before["prompt"] == 1300
    assert sample("llm_tokens_total", model=MODEL, kind="completion") - before["completion"] == 220
    # prices 0.5 and 1.5 USD per 1k tokens
    assert sample("llm_cost_usd_total", model=MODEL) - cost == pytest.approx(1.3 * 0.5 + 0.22 * 1.5)
    assert sample("llm_requests_total", model=MODEL, outcome="error") - errors == 1
    assert sample("analysis_duration_seconds_count", analyzer="openai", outcome="completed") - durations == 1


async def test_a_fallback_and_a_failure_are_timed_apart(fake_llm):
    fake_llm.default = error(400, "bad request")
    fallback = MeteredAnalyzer(FallbackAnalyzer(OpenAIAnalyzer(settings(fake_llm, model=MODEL)), EmbeddedAnalyzer()))
    failing = MeteredAnalyzer(OpenAIAnalyzer(settings(fake_llm, model=MODEL)))
    fell_back = sample("analysis_duration_seconds_count", analyzer="embedded", outcome="fallback")
    failed = sample("analysis_duration_seconds_count", analyzer="openai", outcome="failed")

    content = await fallback.analyze(TRANSCRIPT, CONTEXT)
    with pytest.raises(AnalyzerUnavailable):
        await failing.analyze(TRANSCRIPT, CONTEXT)

    assert content.metadata.fallback_used
    assert sample("analysis_duration_seconds_count", analyzer="embedded", outcome="fallback") - fell_back == 1
    assert sample("analysis_duration_seconds_count", analyzer="openai", outcome="failed") - failed == 1

"""Analysis' own Prometheus metrics (served by the chassis' /metrics): how long analyses
take by analyzer, and what the LLM calls spend."""

from prometheus_client import Counter, Histogram

ANALYSIS_DURATION = Histogram(
    "analysis_duration_seconds", "Time one analysis took, by the analyzer that answered and the outcome",
    ["analyzer", "outcome"], buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600))
LLM_REQUESTS = Counter("llm_requests_total", "Chat-completion calls to the LLM, by model and outcome",
                       ["model", "outcome"])
LLM_TOKENS = Counter("llm_tokens_total", "Tokens the LLM billed, by model and kind (prompt, completion)",
                     ["model", "kind"])
LLM_COST = Counter("llm_cost_usd_total", "Estimated LLM cost in USD (INSIGHTS_LLM_PRICE_*), by model", ["model"])

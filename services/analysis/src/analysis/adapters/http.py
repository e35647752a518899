"""Operator endpoint: re-run the analysis of one insight.

Protected by a bearer token (ANALYSIS_OPERATOR_TOKEN); without one configured the
endpoint refuses every call, so it is never open by accident."""

import hmac
from collections.abc import Awaitable, Callable

from chassis.problems import Problem
from litestar import Request, post

from analysis.domain.errors import TranscriptNotKept, TranscriptUnreadable
from analysis.domain.model import AnalysisRun, readable_reason

Rerun = Callable[[str], Awaitable[AnalysisRun]]


def operator_handlers(rerun: Rerun, operator_token: str | None) -> list:
    def authorise(request: Request) -> None:
        if not operator_token:
            raise Problem(403, "operator_endpoint_disabled",
                          "Set ANALYSIS_OPERATOR_TOKEN on the analysis service to enable operator endpoints.")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), operator_token.encode()):
            raise Problem(401, "unauthorized", "A valid operator token is required.")

    @post("/internal/v1/analyses/{insight_id:str}/rerun", status_code=200, include_in_schema=False)
    async def rerun_analysis(insight_id: str, request: Request) -> dict:
        authorise(request)
        try:
            run = await rerun(insight_id)
        except TranscriptNotKept:
            raise Problem(404, "not_found", f"No transcript is kept for insight {insight_id}.") from None
        except TranscriptUnreadable as exc:
            raise Problem(422, "transcript_unreadable", readable_reason(exc)) from None
        except Exception as exc:
            raise Problem(502, "analysis_failed", readable_reason(exc)) from None
        return {"insight_id": insight_id, "status": "completed", "attempt": run.attempt, "analyzer": run.analyzer,
                "model": run.model, "latency_ms": run.latency_ms, "prompt_tokens": run.prompt_tokens,
                "completion_tokens": run.completion_tokens, "estimated_cost_usd": run.estimated_cost_usd}

    return [rerun_analysis]

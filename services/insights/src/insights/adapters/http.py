"""The insights query API (called by the gateway with the caller's bearer token)."""

from typing import Annotated

from chassis.identity import Identity
from chassis.problems import Problem
from litestar import get
from litestar.params import Parameter

from insights.adapters.responses import (
    MyInsightsResponse,
    SessionInsightDetailResponse,
    SessionInsightListResponse,
    detail,
    summary,
)
from insights.app import queries
from insights.ports import InsightReader

Limit = Annotated[int, Parameter(ge=1, le=100)]
Offset = Annotated[int, Parameter(ge=0)]


def not_found(what: str) -> Problem:
    return Problem(404, "not_found", f"No {what} of yours has that id.")


def routes(reader: InsightReader) -> list:
    @get("/v1/insights/my-insights")
    async def my_insights(caller: Identity, include_paired: bool = True, include_unpaired: bool = True,
                          limit: Limit = 20, offset: Offset = 0) -> MyInsightsResponse:
        found = await queries.my_insights(reader, caller.user_id, queries.Page(limit, offset),
                                          include_paired, include_unpaired)
        return MyInsightsResponse(paired_insights=[summary(i) for i in found.paired],
                                  unpaired_insights=[summary(i) for i in found.unpaired],
                                  total_count=found.total_count)

    @get("/v1/insights/relationship/{relationship_id:str}")
    async def timeline(relationship_id: str, caller: Identity, limit: Limit = 20,
                       offset: Offset = 0) -> SessionInsightListResponse:
        try:
            found = await queries.relationship_timeline(reader, relationship_id, caller.user_id,
                                                        queries.Page(limit, offset))
        except queries.NotFound:
            raise not_found("coaching relationship") from None
        return SessionInsightListResponse(
            insights=[summary(i) for i in found.insights], total_count=found.total_count,
            relationship_id=relationship_id, client_name=found.relationship.client_name or "",
            coach_name=found.relationship.coach_name)

    @get("/v1/insights/{insight_id:str}")
    async def insight(insight_id: str, caller: Identity) -> SessionInsightDetailResponse:
        try:
            return detail(await queries.insight_detail(reader, insight_id, caller.user_id))
        except queries.NotFound:
            raise not_found("insight") from None

    return [my_insights, timeline, insight]

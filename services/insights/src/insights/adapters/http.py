"""The insights query API (called by the gateway with the caller's bearer token)."""

import asyncio
from datetime import UTC, datetime

from chassis.identity import Identity
from chassis.problems import Problem
from litestar import Response, get

from insights.adapters import export
from insights.adapters.across_sessions import SearchResponse, TrendsResponse, search_response, trends_response
from insights.adapters.responses import (
    MyInsightsResponse,
    RelationshipItem,
    RelationshipsResponse,
    SessionInsightDetailResponse,
    SessionInsightListResponse,
    SharedWithMeResponse,
    detail,
    sections,
    shared_summary,
    summary,
)
from insights.app import queries
from insights.ports import Embedder, InsightReader, SearchIndex


NOT_KEPT = {"cache-control": "no-store"}


def not_found(what: str) -> Problem:
    return Problem(404, "not_found", f"No {what} of yours has that id.")


def page(limit: str, offset: str) -> queries.Page:
    # parsed here rather than by Litestar, whose validation answers 400: bad paging is a 422
    try:
        return queries.Page.parse(limit, offset)
    except queries.InvalidPage as error:
        raise Problem(422, "invalid_input", str(error)) from None


def routes(reader: InsightReader, index: SearchIndex, embedder: Embedder) -> list:
    @get("/v1/insights/my-insights")
    async def my_insights(caller: Identity, include_paired: bool = True, include_unpaired: bool = True,
                          limit: str = "20", offset: str = "0") -> MyInsightsResponse:
        found = await queries.my_insights(reader, caller.user_id, page(limit, offset),
                                          include_paired, include_unpaired)
        return MyInsightsResponse(paired_insights=[summary(i) for i in found.paired],
                                  unpaired_insights=[summary(i) for i in found.unpaired],
                                  total_count=found.total_count)

    @get("/v1/insights/shared-with-me")
    async def shared_with_me(caller: Identity, limit: str = "20",
                             offset: str = "0") -> Response[SharedWithMeResponse]:
        found, total = await queries.shared_with_me(reader, caller.user_id, page(limit, offset))
        fleeting = await queries.shares_will_expire(reader, caller.user_id)
        return Response(SharedWithMeResponse(insights=[shared_summary(i) for i in found], total_count=total),
                        headers=NOT_KEPT if fleeting else None)

    @get("/v1/insights/relationships")
    async def relationships(caller: Identity) -> RelationshipsResponse:
        found = await queries.my_relationships(reader, caller.user_id)
        return RelationshipsResponse(relationships=[
            RelationshipItem(relationship_id=r.relationship_id, coach_user_id=r.coach_user_id,
                             client_user_id=r.client_user_id, coach_name=r.coach_name, client_name=r.client_name,
                             status=r.status, role="coach" if r.coach_user_id == caller.user_id else "client")
            for r in found])

    @get("/v1/insights/relationship/{relationship_id:str}")
    async def timeline(relationship_id: str, caller: Identity, limit: str = "20",
                       offset: str = "0") -> SessionInsightListResponse:
        try:
            found = await queries.relationship_timeline(reader, relationship_id, caller.user_id,
                                                        page(limit, offset))
        except queries.NotFound:
            raise not_found("coaching relationship") from None
        return SessionInsightListResponse(
            insights=[summary(i) for i in found.insights], total_count=found.total_count,
            relationship_id=relationship_id, client_name=found.relationship.client_name or "",
            coach_name=found.relationship.coach_name)

    @get("/v1/insights/relationship/{relationship_id:str}/trends")
    async def trends(relationship_id: str, caller: Identity) -> TrendsResponse:
        try:
            found = await queries.relationship_trends(reader, relationship_id, caller.user_id)
        except queries.NotFound:
            raise not_found("coaching relationship") from None
        r = found.relationship
        return trends_response(found.trends, relationship_id, r.client_name, r.coach_name)

    @get("/v1/insights/my-trends")
    async def my_trends(caller: Identity) -> TrendsResponse:
        return trends_response(await queries.my_trends(reader, caller.user_id))

    @get("/v1/insights/search")
    async def search(caller: Identity, q: str = "", relationship_id: str | None = None, section: str | None = None,
                     since: str | None = None, until: str | None = None, limit: str = "20") -> SearchResponse:
        try:
            filters = queries.search_filters(relationship_id, section, since, until)
            hits = await queries.search(index, embedder, caller.user_id, q, filters, page(limit, "0").limit)
        except queries.InvalidSearch as error:
            raise Problem(422, "invalid_input", str(error)) from None
        return search_response(q, hits)

    @get("/v1/insights/{insight_id:str}")
    async def insight(insight_id: str, caller: Identity) -> Response[SessionInsightDetailResponse]:
        try:
            view, access = await queries.insight_detail(reader, insight_id, caller.user_id)
        except queries.NotFound:
            raise not_found("insight") from None
        # a grant's expiry changes this answer with no event to say so: nobody may keep it
        fleeting = access.grant is not None and access.grant.expires_at is not None
        return Response(detail(view, access), headers=NOT_KEPT if fleeting else None)

    @get("/v1/insights/{insight_id:str}/export")
    async def export_insight(insight_id: str, caller: Identity, format: str = "md") -> Response:
        if format not in export.FORMATS:
            raise Problem(422, "invalid_input", f"format must be one of {', '.join(export.FORMATS)}")
        try:
            view, access = await queries.exportable(reader, insight_id, caller.user_id)
        except queries.NotFound:
            raise not_found("insight") from None
        except queries.NotPermitted:
            raise Problem(403, "permission_denied", "Your share of this insight does not include export.") from None
        except queries.NotReady:
            raise Problem(409, "not_ready", "Only a completed insight can be exported.") from None
        # a PDF in several scripts takes a second or more of fontTools work: off the event loop
        body = await asyncio.to_thread(export.render, view, sections(view, access), format, datetime.now(UTC))
        name = export.filename(view, format)
        return Response(body, media_type=export.FORMATS[format],
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    return [relationships, my_insights, shared_with_me, timeline, trends, my_trends, search, insight,
            export_insight]

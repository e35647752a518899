"""Reading and exporting insights (the insights service). Paging is validated by the
insights service (limit 1..100, else 422 invalid_input), so it is passed through as sent."""


from chassis.identity import Identity, bearer_token
from litestar import Request, Response, get

from gateway.adapters.openapi import (
    MyInsights,
    Relationships,
    RelationshipTimeline,
    SessionInsightDetail,
    SharedWithMe,
    answers,
)
from gateway.adapters.routes.common import PREFIX, Services, relay, segment


def routes(services: Services) -> list:
    @get(f"{PREFIX}/my-insights", summary="Paired and unpaired insights of the caller",
         responses=answers(200, MyInsights, "The caller's insights"))
    async def my_insights(request: Request, caller: Identity, include_paired: bool = True,
                          include_unpaired: bool = True, limit: str = "20", offset: str = "0") -> Response:
        params = {"include_paired": str(include_paired).lower(), "include_unpaired": str(include_unpaired).lower(),
                  "limit": limit, "offset": offset}
        return relay(await services.insights.call("GET", "/v1/insights/my-insights", bearer_token(request),
                                                  params=params))

    # registered before /{insight_id} (a static segment, so it is never read as an id)
    @get(f"{PREFIX}/shared-with-me", summary="Unpaired insights clients shared with the calling coach",
         responses=answers(200, SharedWithMe, "Shared with the caller"))
    async def shared_with_me(request: Request, caller: Identity, limit: str = "20", offset: str = "0") -> Response:
        return relay(await services.insights.call("GET", "/v1/insights/shared-with-me", bearer_token(request),
                                                  params={"limit": limit, "offset": offset}))

    @get(f"{PREFIX}/relationships", summary="The coaching relationships the caller is in",
         responses=answers(200, Relationships, "As coach or as client"))
    async def relationships(request: Request, caller: Identity) -> Response:
        return relay(await services.insights.call("GET", "/v1/insights/relationships", bearer_token(request)))

    @get(f"{PREFIX}/relationship/{{relationship_id:str}}", summary="A coaching relationship's timeline",
         responses=answers(200, RelationshipTimeline, "Newest session first"))
    async def timeline(relationship_id: str, request: Request, caller: Identity, limit: str = "20",
                       offset: str = "0") -> Response:
        return relay(await services.insights.call("GET", f"/v1/insights/relationship/{segment(relationship_id)}",
                                                  bearer_token(request), params={"limit": limit, "offset": offset}))

    @get(f"{PREFIX}/{{insight_id:str}}", summary="One insight with every section",
         responses=answers(200, SessionInsightDetail, "The insight"))
    async def insight(insight_id: str, request: Request, caller: Identity) -> Response:
        token = bearer_token(request)
        found = await services.insights.call("GET", f"/v1/insights/{segment(insight_id)}", token)
        if found.status == 404:
            # accepted by ingestion but not yet projected by insights: still pending
            pending = await services.ingestion.call("GET", f"/v1/transcripts/{segment(insight_id)}", token)
            if pending.status == 200:
                return relay(pending)
        return relay(found)

    @get(f"{PREFIX}/{{insight_id:str}}/export", summary="Download an insight as md, pdf or json",
         responses=answers(200, None, "The report file"))
    async def export(insight_id: str, request: Request, caller: Identity, format: str = "md") -> Response:
        # the insights service names the file (Content-Disposition, a slug of the title); relayed as is
        return relay(await services.insights.call("GET", f"/v1/insights/{segment(insight_id)}/export",
                                                  bearer_token(request), params={"format": format}))

    return [relationships, my_insights, shared_with_me, timeline, insight, export]

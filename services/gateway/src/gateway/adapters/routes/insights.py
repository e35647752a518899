"""Reading insights (the insights service)."""

from chassis.identity import Identity, bearer_token
from litestar import Request, Response, get

from gateway.adapters.routes.common import PREFIX, Limit, Offset, Services, relay


def routes(services: Services) -> list:
    @get(f"{PREFIX}/my-insights", summary="Paired and unpaired insights of the caller")
    async def my_insights(request: Request, caller: Identity, include_paired: bool = True,
                          include_unpaired: bool = True, limit: Limit = 20, offset: Offset = 0) -> Response:
        params = {"include_paired": str(include_paired).lower(), "include_unpaired": str(include_unpaired).lower(),
                  "limit": limit, "offset": offset}
        return relay(await services.insights.call("GET", "/v1/insights/my-insights", bearer_token(request),
                                                  params=params))

    @get(f"{PREFIX}/relationship/{{relationship_id:str}}", summary="A coaching relationship's timeline")
    async def timeline(relationship_id: str, request: Request, caller: Identity, limit: Limit = 20,
                       offset: Offset = 0) -> Response:
        return relay(await services.insights.call("GET", f"/v1/insights/relationship/{relationship_id}",
                                                  bearer_token(request), params={"limit": limit, "offset": offset}))

    @get(f"{PREFIX}/{{insight_id:str}}", summary="One insight with every section")
    async def insight(insight_id: str, request: Request, caller: Identity) -> Response:
        token = bearer_token(request)
        found = await services.insights.call("GET", f"/v1/insights/{insight_id}", token)
        if found.status == 404:
            # accepted by ingestion but not yet projected by insights: still pending
            pending = await services.ingestion.call("GET", f"/v1/transcripts/{insight_id}", token)
            if pending.status == 200:
                return relay(pending)
        return relay(found)

    return [my_insights, timeline, insight]

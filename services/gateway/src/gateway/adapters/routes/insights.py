"""Reading and exporting insights (the insights service). Paging is validated by the
insights service (limit 1..100, else 422 invalid_input), so it is passed through as sent.
Reads go through the read cache (adapters.read_cache), keyed by the caller's token and the
URL as sent; exports, search and the live status streams never do."""


from chassis.identity import Identity, bearer_token
from litestar import Request, Response, get

from gateway.adapters.openapi import (
    MyInsights,
    Relationships,
    RelationshipTimeline,
    SEARCH_ERRORS,
    SearchResults,
    SessionInsightDetail,
    SharedWithMe,
    Trends,
    answers,
)
from gateway.adapters.read_cache import ReadCache
from gateway.adapters.routes.common import PREFIX, Services, relay, segment
from gateway.ports import Upstream


def routes(services: Services, cache: ReadCache) -> list:
    async def read(request: Request, caller: Identity, path: str, params: dict | None = None) -> Upstream:
        token = bearer_token(request)
        return await cache.read(caller.user_id, (token, request.scope["path"], request.scope["query_string"]),
                                lambda: services.insights.call("GET", path, token, params=params))

    @get(f"{PREFIX}/my-insights", summary="Paired and unpaired insights of the caller",
         responses=answers(200, MyInsights, "The caller's insights"))
    async def my_insights(request: Request, caller: Identity, include_paired: bool = True,
                          include_unpaired: bool = True, limit: str = "20", offset: str = "0") -> Response:
        params = {"include_paired": str(include_paired).lower(), "include_unpaired": str(include_unpaired).lower(),
                  "limit": limit, "offset": offset}
        return relay(await read(request, caller, "/v1/insights/my-insights", params))

    # registered before /{insight_id} (a static segment, so it is never read as an id)
    @get(f"{PREFIX}/shared-with-me", summary="Unpaired insights clients shared with the calling coach",
         responses=answers(200, SharedWithMe, "Shared with the caller"))
    async def shared_with_me(request: Request, caller: Identity, limit: str = "20", offset: str = "0") -> Response:
        # kept unless a grant will expire (the insights service then says no-store)
        return relay(await read(request, caller, "/v1/insights/shared-with-me", {"limit": limit, "offset": offset}))

    @get(f"{PREFIX}/relationships", summary="The coaching relationships the caller is in",
         responses=answers(200, Relationships, "As coach or as client"))
    async def relationships(request: Request, caller: Identity) -> Response:
        return relay(await read(request, caller, "/v1/insights/relationships"))

    @get(f"{PREFIX}/relationship/{{relationship_id:str}}", summary="A coaching relationship's timeline",
         responses=answers(200, RelationshipTimeline, "Newest session first"))
    async def timeline(relationship_id: str, request: Request, caller: Identity, limit: str = "20",
                       offset: str = "0") -> Response:
        return relay(await read(request, caller, f"/v1/insights/relationship/{segment(relationship_id)}",
                                {"limit": limit, "offset": offset}))

    @get(f"{PREFIX}/relationship/{{relationship_id:str}}/trends", summary="A coaching relationship over time",
         description="Per session, oldest first: quality, client talk share, open-question ratio, commitments "
                     "and how many a later session reports done (matched by meaning), emotional start and end; "
                     "themes and values that recur. Readable by whoever may read the timeline.",
         responses=answers(200, Trends, "The newest 100 completed sessions"))
    async def trends(relationship_id: str, request: Request, caller: Identity) -> Response:
        return relay(await read(request, caller, f"/v1/insights/relationship/{segment(relationship_id)}/trends"))

    @get(f"{PREFIX}/my-trends", summary="The caller's own unpaired sessions over time",
         responses=answers(200, Trends, "As for a relationship"))
    async def my_trends(request: Request, caller: Identity) -> Response:
        return relay(await read(request, caller, "/v1/insights/my-trends"))

    @get(f"{PREFIX}/search", summary="Search the sessions the caller may read",
         description="Full text (Postgres, ranked, with highlighted snippet parts) over summaries, themes, "
                     "claims and quotes, then entries close in meaning that share no searched word. Filters: "
                     "relationship_id, section (e.g. action_items), since/until (ISO dates, on the session date). "
                     "An empty q lists the claims the filters select, newest first.",
         responses=answers(200, SearchResults, "Best first, one hit per claim", SEARCH_ERRORS))
    async def search(request: Request, caller: Identity, q: str = "", relationship_id: str | None = None,
                     section: str | None = None, since: str | None = None, until: str | None = None,
                     limit: str = "20") -> Response:
        params = {"q": q, "limit": limit, **{k: v for k, v in (("relationship_id", relationship_id), (
            "section", section), ("since", since), ("until", until)) if v}}
        # not cached: a grant's expiry changes it, unannounced
        return relay(await services.insights.call("GET", "/v1/insights/search", bearer_token(request),
                                                  params=params))

    @get(f"{PREFIX}/{{insight_id:str}}", summary="One insight with every section",
         responses=answers(200, SessionInsightDetail, "The insight"))
    async def insight(insight_id: str, request: Request, caller: Identity) -> Response:
        found = await read(request, caller, f"/v1/insights/{segment(insight_id)}")
        if found.status == 404:
            # accepted by ingestion but not yet projected by insights: still pending
            pending = await services.ingestion.call("GET", f"/v1/transcripts/{segment(insight_id)}",
                                                    bearer_token(request))
            if pending.status == 200:
                return relay(pending)
        return relay(found)

    @get(f"{PREFIX}/{{insight_id:str}}/export", summary="Download an insight as md, pdf or json",
         responses=answers(200, None, "The report file"))
    async def export(insight_id: str, request: Request, caller: Identity, format: str = "md") -> Response:
        # the insights service names the file (Content-Disposition, a slug of the title); relayed as is
        return relay(await services.insights.call("GET", f"/v1/insights/{segment(insight_id)}/export",
                                                  bearer_token(request), params={"format": format}))

    return [relationships, my_insights, shared_with_me, timeline, trends, my_trends, search, insight, export]

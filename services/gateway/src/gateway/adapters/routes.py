"""The public API under /api/v1/session-insights (the spec's paths and shapes).

The gateway verifies the caller's token (401 early), then calls the service that owns
the data with that same token; each service verifies it again and applies the access
rules itself.
"""

from dataclasses import dataclass
from typing import Annotated

import msgspec
from litestar import Request, Response, delete, get, post
from litestar.params import Parameter

from chassis.identity import Identity, bearer_token
from gateway.adapters.requests import (
    SessionInsightCreateRequest,
    ShareInsightRequest,
    UnpairedSessionInsightCreateRequest,
)
from gateway.ports import ServiceClient, Upstream

PREFIX = "/api/v1/session-insights"
Limit = Annotated[int, Parameter(ge=1, le=100)]
Offset = Annotated[int, Parameter(ge=0)]


@dataclass(frozen=True)
class Services:
    ingestion: ServiceClient
    insights: ServiceClient
    sharing: ServiceClient


class UpstreamError(Exception):
    """A service's own error (problem+json), passed to the caller unchanged."""

    def __init__(self, upstream: Upstream) -> None:
        super().__init__(upstream.status)
        self.upstream = upstream


def relay_error(request: Request, exc: UpstreamError) -> Response:
    return relay(exc.upstream)


def relay(upstream: Upstream) -> Response:
    if upstream.status == 204:
        return Response(content=b"", status_code=204)
    return Response(content=upstream.body, status_code=upstream.status, media_type=upstream.content_type)


def routes(services: Services) -> list:
    @post(f"{PREFIX}/unpaired/from-text", status_code=202, summary="Create an unpaired insight from pasted text")
    async def unpaired_from_text(data: UnpairedSessionInsightCreateRequest, request: Request, caller: Identity) -> Response:
        return relay(await services.ingestion.call("POST", "/v1/transcripts/unpaired/from-text",
                                                   bearer_token(request), msgspec.json.encode(data)))

    @post(f"{PREFIX}/from-text", status_code=202, summary="Create a paired insight from pasted text")
    async def paired_from_text(data: SessionInsightCreateRequest, request: Request, caller: Identity) -> Response:
        return relay(await services.ingestion.call("POST", "/v1/transcripts/from-text",
                                                   bearer_token(request), msgspec.json.encode(data)))

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

    @delete(f"{PREFIX}/{{insight_id:str}}", status_code=204, summary="Delete an insight and its transcript")
    async def remove(insight_id: str, request: Request, caller: Identity) -> None:
        upstream = await services.ingestion.call("DELETE", f"/v1/transcripts/{insight_id}", bearer_token(request))
        if upstream.status != 204:
            raise UpstreamError(upstream)

    @post(f"{PREFIX}/{{insight_id:str}}/share", status_code=200, summary="Share an unpaired insight with a coach")
    async def share(insight_id: str, data: ShareInsightRequest, request: Request, caller: Identity) -> Response:
        return relay(await services.sharing.call("POST", f"/v1/shares/{insight_id}", bearer_token(request),
                                                 msgspec.json.encode(data)))

    @delete(f"{PREFIX}/{{insight_id:str}}/share/{{coach_user_id:str}}", status_code=200,
            summary="Revoke a coach's access")
    async def revoke(insight_id: str, coach_user_id: str, request: Request, caller: Identity) -> Response:
        return relay(await services.sharing.call("DELETE", f"/v1/shares/{insight_id}/{coach_user_id}",
                                                 bearer_token(request)))

    @get(f"{PREFIX}/{{insight_id:str}}/shares", summary="Current grants and the audit trail")
    async def shares(insight_id: str, request: Request, caller: Identity) -> Response:
        return relay(await services.sharing.call("GET", f"/v1/shares/{insight_id}", bearer_token(request)))

    return [unpaired_from_text, paired_from_text, my_insights, timeline, insight, remove, share, revoke, shares]

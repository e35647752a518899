"""Creating and deleting insights (the ingestion service)."""

import msgspec
from chassis.identity import Identity, bearer_token
from litestar import Request, Response, delete, post

from gateway.adapters.requests import (
    SessionInsightCreateRequest,
    UnpairedSessionInsightCreateRequest,
)
from gateway.adapters.routes.common import PREFIX, Services, UpstreamError, relay


def routes(services: Services) -> list:
    @post(f"{PREFIX}/unpaired/from-text", status_code=202, summary="Create an unpaired insight from pasted text")
    async def unpaired_from_text(data: UnpairedSessionInsightCreateRequest, request: Request,
                                 caller: Identity) -> Response:
        return relay(await services.ingestion.call("POST", "/v1/transcripts/unpaired/from-text",
                                                   bearer_token(request), msgspec.json.encode(data)))

    @post(f"{PREFIX}/from-text", status_code=202, summary="Create a paired insight from pasted text")
    async def paired_from_text(data: SessionInsightCreateRequest, request: Request, caller: Identity) -> Response:
        return relay(await services.ingestion.call("POST", "/v1/transcripts/from-text",
                                                   bearer_token(request), msgspec.json.encode(data)))

    @delete(f"{PREFIX}/{{insight_id:str}}", status_code=204, summary="Delete an insight and its transcript")
    async def remove(insight_id: str, request: Request, caller: Identity) -> None:
        upstream = await services.ingestion.call("DELETE", f"/v1/transcripts/{insight_id}", bearer_token(request))
        if upstream.status != 204:
            raise UpstreamError(upstream)

    return [unpaired_from_text, paired_from_text, remove]

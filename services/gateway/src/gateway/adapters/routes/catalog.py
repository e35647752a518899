"""The event catalog (AsyncAPI 3.0) for the platform services that consume our events,
beside the OpenAPI document of the HTTP API. Public, like /schema: it holds no data."""

from contracts.asyncapi import encoded
from litestar import Response, get

PATH = "/api/v1/asyncapi.json"


def routes() -> list:
    document = encoded()  # built from the contracts once: they cannot change while we run

    @get(PATH, summary="The event catalog (AsyncAPI 3.0)", tags=["catalog"], cache=False)
    async def asyncapi() -> Response[bytes]:
        return Response(document, media_type="application/json")

    return [asyncapi]

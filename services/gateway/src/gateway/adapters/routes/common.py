"""What every public route module shares: the backing services and relaying their answers.

The gateway verifies the caller's token (401 early), then calls the service that owns
the data with that same token; each service verifies it again and applies the access
rules itself.
"""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from chassis.problems import Problem
from litestar import Request, Response
from litestar.params import Parameter

from gateway.ports import ServiceClient, Upstream

PREFIX = "/api/v1/session-insights"
# a route handler's opt[RATE_LIMIT] names the per-user budget its callers spend ("create", "comment")
RATE_LIMIT = "rate_limit"
CREATE = {RATE_LIMIT: "create"}
Limit = Annotated[int, Parameter(ge=1, le=100)]
Offset = Annotated[int, Parameter(ge=0)]


def segment(value: str) -> str:
    """A path parameter as one segment of a service's URL: escaped, so it can neither be an
    invalid URL (control characters) nor reach another route ("/", ".."). No id holds NUL."""
    if "\x00" in value:
        raise Problem(404, "not_found", "Nothing has that id.")
    return quote(value, safe="") if value not in (".", "..") else value.replace(".", "%2E")


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
    return Response(content=upstream.body, status_code=upstream.status, media_type=upstream.content_type,
                    headers=upstream.headers)

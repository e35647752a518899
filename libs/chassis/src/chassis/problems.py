"""RFC 9457 problem+json for every error a service returns, each with a stable `code`."""

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from chassis.refusal import Refusal

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger(__name__)

_DEFAULT_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    503: "unavailable",
}


class Problem(HTTPException):
    """An error meant for the caller: status, stable machine code, human detail."""

    def __init__(self, status: int, code: str, detail: str, **extra: Any) -> None:
        super().__init__(status_code=status, detail=detail, extra=extra or None)
        self.code = code


def problem_response(status: int, code: str, detail: str, **extra: Any) -> Response:
    body = {"type": f"urn:session-insights:problem:{code}", "title": code.replace("_", " "),
            "status": status, "code": code, "detail": detail, **extra}
    return Response(body, status_code=status, media_type=MEDIA_TYPE)


def _http_exception(request: Request, exc: HTTPException) -> Response:
    code = getattr(exc, "code", None) or _DEFAULT_CODES.get(exc.status_code, "error")
    extra: dict[str, Any] = {}
    if isinstance(exc.extra, dict):
        extra = dict(exc.extra)
    elif exc.extra:
        extra = {"errors": exc.extra}
    response = problem_response(exc.status_code, code, str(exc.detail), **extra)
    if exc.headers:
        response.headers.update(exc.headers)
    if exc.status_code == 429 and "retry-after" not in {k.lower() for k in response.headers}:
        reset = (exc.headers or {}).get("RateLimit-Reset", "1")
        response.headers["Retry-After"] = str(max(1, int(float(reset))))
    return response


def _refused(request: Request, exc: Refusal) -> Response:
    return problem_response(exc.status, exc.code, exc.message)


def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side.")


EXCEPTION_HANDLERS = {HTTPException: _http_exception, Refusal: _refused, Exception: _unexpected}

"""Creating and deleting insights (the ingestion service).

File uploads are streamed through to ingestion as they arrive, never held whole: the
gateway only counts bytes and stops past the limit. Ingestion parses the form. Every create
passes the caller's `Idempotency-Key` on, so a retried POST gets the first answer."""

from collections.abc import AsyncIterator

import msgspec
from chassis.identity import Identity, bearer_token
from chassis.problems import Problem
from contracts.limits import MAX_UPLOAD_BYTES
from litestar import Request, Response, delete, post
from litestar.exceptions import HTTPException

from gateway.adapters.openapi import CREATE_ERRORS, SessionInsight, answers
from gateway.adapters.requests import (
    SessionInsightCreateRequest,
    UnpairedSessionInsightCreateRequest,
)
from gateway.adapters.routes.common import CREATE, PREFIX, Services, UpstreamError, relay, segment

# The file may be MAX_UPLOAD_BYTES; the form's other fields and framing fit in the rest.
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024
FORWARDED = ("content-type", "idempotency-key")


def too_large() -> Problem:
    return Problem(413, "file_too_large", f"the upload is larger than the {MAX_UPLOAD_BYTES // 2**20} MB limit")


async def limited_body(request: Request) -> AsyncIterator[bytes]:
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > MAX_BODY_BYTES:  # no or a lying Content-Length
                raise too_large()
            if chunk:
                yield chunk
    except HTTPException as exc:  # Litestar's request_max_body_size check, same limit
        raise too_large() if exc.status_code == 413 else exc from None


def passed_on(request: Request) -> dict[str, str]:
    return {name: request.headers[name] for name in FORWARDED if name in request.headers}


UPLOAD_FORM = ("multipart/form-data fields: `transcript_file` (txt, md, vtt, srt, docx, pdf, html; up to 10 MB), "
               "`session_title`, `session_date` (ISO 8601), `coach_speaker` (the coach's label in the file), and "
               "for paired uploads `coaching_relationship_id`. Send an `Idempotency-Key` header to make retries safe.")


def routes(services: Services) -> list:
    async def upload(request: Request, path: str) -> Response:
        if (request.content_length or 0) > MAX_BODY_BYTES:  # refuse before reading a byte
            raise too_large()
        if request.content_type[0] != "multipart/form-data":
            raise Problem(415, "unsupported_media_type", "send the transcript as multipart/form-data")
        return relay(await services.ingestion.forward(
            "POST", path, bearer_token(request), limited_body(request), passed_on(request)))

    async def from_text(request: Request, path: str, data: msgspec.Struct) -> Response:
        return relay(await services.ingestion.call("POST", path, bearer_token(request), msgspec.json.encode(data),
                                                   headers=passed_on(request) | {"content-type": "application/json"}))

    @post(f"{PREFIX}/", status_code=202, opt=CREATE, request_max_body_size=MAX_BODY_BYTES,
          summary="Create a paired insight from a transcript file (multipart/form-data)",
          description=UPLOAD_FORM, responses=answers(202, SessionInsight, "Accepted: pending", CREATE_ERRORS))
    async def paired_upload(request: Request, caller: Identity) -> Response:
        return await upload(request, "/v1/transcripts")

    @post(f"{PREFIX}/unpaired", status_code=202, opt=CREATE, request_max_body_size=MAX_BODY_BYTES,
          summary="Create an unpaired insight from a transcript file (multipart/form-data)",
          description=UPLOAD_FORM, responses=answers(202, SessionInsight, "Accepted: pending", CREATE_ERRORS))
    async def unpaired_upload(request: Request, caller: Identity) -> Response:
        return await upload(request, "/v1/transcripts/unpaired")

    @post(f"{PREFIX}/unpaired/from-text", status_code=202, opt=CREATE,
          summary="Create an unpaired insight from pasted text",
          responses=answers(202, SessionInsight, "Accepted: pending", CREATE_ERRORS))
    async def unpaired_from_text(data: UnpairedSessionInsightCreateRequest, request: Request,
                                 caller: Identity) -> Response:
        return await from_text(request, "/v1/transcripts/unpaired/from-text", data)

    @post(f"{PREFIX}/from-text", status_code=202, opt=CREATE, summary="Create a paired insight from pasted text",
          responses=answers(202, SessionInsight, "Accepted: pending", CREATE_ERRORS))
    async def paired_from_text(data: SessionInsightCreateRequest, request: Request, caller: Identity) -> Response:
        return await from_text(request, "/v1/transcripts/from-text", data)

    @delete(f"{PREFIX}/{{insight_id:str}}", status_code=204, summary="Delete an insight and its transcript",
            responses=answers(204, None, "Deleted"))
    async def remove(insight_id: str, request: Request, caller: Identity) -> None:
        upstream = await services.ingestion.call("DELETE", f"/v1/transcripts/{segment(insight_id)}",
                                                 bearer_token(request))
        if upstream.status != 204:
            raise UpstreamError(upstream)

    return [paired_upload, unpaired_upload, unpaired_from_text, paired_from_text, remove]

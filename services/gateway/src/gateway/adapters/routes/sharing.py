"""Sharing unpaired insights with coaches (the sharing service). Paging of the comment thread
and the audit trail is validated by the sharing service (limit 1..100, else 422 invalid_input),
so it is passed through as sent."""

import asyncio
import time

import msgspec
from chassis.identity import Identity, bearer_token
from chassis.problems import Problem
from litestar import Request, Response, delete, get, post

from gateway.adapters.openapi import COMMENT_ERRORS, SHARE_ERRORS, Comment, Comments, Message, Shares, answers
from gateway.adapters.requests import CommentRequest, ShareInsightRequest
from gateway.adapters.routes.common import PREFIX, RATE_LIMIT, Services, relay, segment

NOT_READY_WAIT_SECONDS = 3.0


def routes(services: Services) -> list:
    @post(f"{PREFIX}/{{insight_id:str}}/share", status_code=200, summary="Share an unpaired insight with a coach",
          responses=answers(200, Message, "Shared (or permissions updated)", SHARE_ERRORS))
    async def share(insight_id: str, data: ShareInsightRequest, request: Request, caller: Identity) -> Response:
        token, body, path = bearer_token(request), msgspec.json.encode(data), f"/v1/shares/{segment(insight_id)}"
        shared = await services.sharing.call("POST", path, token, body)
        if shared.status == 404:
            # sharing learns of an upload from its event, a moment after ingestion took it: for the
            # uploader's own upload, wait for it a little, then say "try again", not "no insight of yours"
            uploaded = await services.ingestion.call("GET", f"/v1/transcripts/{segment(insight_id)}", token)
            if uploaded.status == 200 and _own_unpaired(uploaded.body, caller.user_id):
                deadline = time.monotonic() + NOT_READY_WAIT_SECONDS
                while shared.status == 404 and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                    shared = await services.sharing.call("POST", path, token, body)
                if shared.status == 404:
                    not_yet = Problem(409, "not_ready", "This insight was uploaded moments ago and is still being "
                                                        "registered for sharing; try again in a second.")
                    not_yet.headers = {"Retry-After": "1"}
                    raise not_yet
        return relay(shared)

    @delete(f"{PREFIX}/{{insight_id:str}}/share/{{coach_user_id:str}}", status_code=200,
            summary="Revoke a coach's access",
            responses=answers(200, Message, "Revoked"))
    async def revoke(insight_id: str, coach_user_id: str, request: Request, caller: Identity) -> Response:
        return relay(await services.sharing.call("DELETE", f"/v1/shares/{segment(insight_id)}/{segment(coach_user_id)}",
                                                 bearer_token(request)))

    @get(f"{PREFIX}/{{insight_id:str}}/shares", summary="Current grants and a page of the audit trail",
         responses=answers(200, Shares, "Grants and audit"))
    async def shares(insight_id: str, request: Request, caller: Identity, limit: str = "20",
                     offset: str = "0") -> Response:
        return relay(await services.sharing.call("GET", f"/v1/shares/{segment(insight_id)}", bearer_token(request),
                                                 params={"limit": limit, "offset": offset}))

    @post(f"{PREFIX}/{{insight_id:str}}/comments", status_code=201, summary="Comment on an insight",
          opt={RATE_LIMIT: "comment"}, responses=answers(201, Comment, "Added", COMMENT_ERRORS))
    async def comment(insight_id: str, data: CommentRequest, request: Request, caller: Identity) -> Response:
        return relay(await services.sharing.call("POST", f"/v1/comments/{segment(insight_id)}", bearer_token(request),
                                                 msgspec.json.encode(data)))

    @get(f"{PREFIX}/{{insight_id:str}}/comments", summary="A page of an insight's comment thread, oldest first",
         responses=answers(200, Comments, "The thread"))
    async def comments(insight_id: str, request: Request, caller: Identity, limit: str = "20",
                       offset: str = "0") -> Response:
        return relay(await services.sharing.call("GET", f"/v1/comments/{segment(insight_id)}", bearer_token(request),
                                                 params={"limit": limit, "offset": offset}))

    return [share, revoke, shares, comment, comments]


def _own_unpaired(accepted: bytes, user_id: str) -> bool:
    # ingestion also shows a relationship's coach the upload; only the client's own unpaired one is shareable
    upload = msgspec.json.decode(accepted)
    return upload.get("is_unpaired") is True and upload.get("client_user_id") == user_id

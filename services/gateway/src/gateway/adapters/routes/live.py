"""Live status: server-sent events for one insight until it completes or fails, so pages
need not poll. The gateway watches the insights service on the page's behalf."""

import asyncio
import json
from collections.abc import AsyncIterator

from chassis.identity import Identity, bearer_token
from chassis.problems import Problem
from litestar import Request, get
from litestar.response import ServerSentEvent, ServerSentEventMessage

from gateway.adapters.openapi import answers
from gateway.adapters.routes.common import PREFIX, Services

POLL_SECONDS = 0.25
MAX_SECONDS = 15 * 60
FINAL = ("completed", "failed")


def routes(services: Services) -> list:
    async def status_of(insight_id: str, token: str) -> dict | None:
        found = await services.insights.call("GET", f"/v1/insights/{insight_id}", token)
        if found.status == 404:
            found = await services.ingestion.call("GET", f"/v1/transcripts/{insight_id}", token)
        if found.status != 200:
            return None
        body = json.loads(found.body)
        return {"id": insight_id, "status": body["status"], "processing_error": body.get("processing_error")}

    @get(f"{PREFIX}/{{insight_id:str}}/events", summary="Server-sent status changes until completed or failed",
         responses=answers(200, None, "text/event-stream of `status` events"))
    async def events(insight_id: str, request: Request, caller: Identity) -> ServerSentEvent:
        token = bearer_token(request)
        first = await status_of(insight_id, token)
        if first is None:
            raise Problem(404, "not_found", "No insight of yours has that id.")

        async def stream() -> AsyncIterator[ServerSentEventMessage]:
            current, waited = first, 0.0
            yield ServerSentEventMessage(data=json.dumps(current), event="status")
            while current["status"] not in FINAL and waited < MAX_SECONDS:
                await asyncio.sleep(POLL_SECONDS)
                waited += POLL_SECONDS
                latest = await status_of(insight_id, token)
                if latest is None:  # deleted meanwhile
                    yield ServerSentEventMessage(data=json.dumps({"id": insight_id, "status": "deleted"}),
                                                 event="status")
                    return
                if latest["status"] != current["status"]:
                    current = latest
                    yield ServerSentEventMessage(data=json.dumps(current), event="status")

        return ServerSentEvent(stream())

    return [events]

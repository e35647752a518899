"""Live status: server-sent events for one insight until it completes or fails, so pages
need not poll. The gateway watches the insights service on the page's behalf: it looks when
a status hint says the insight changed (pushed over NATS by the insights service, see
adapters.status_hints), and on its own every few seconds (GATEWAY_LIVE_POLL_SECONDS) in case
a hint was lost; without hints (NATS away) it polls.

Events: `status` ({id, status, processing_error}) on every change, and `deleted` as the
status when the insight is gone (deleted, or no longer the caller's); `unavailable` when a
service stops answering (the stream keeps watching and goes on when it is back, or ends after
a while with a reconnect delay, so an EventSource comes back); `error` when the token is no
longer accepted (expired): the stream ends, and reconnecting needs a new token.
Each user may hold a few streams at once (GATEWAY_STREAMS_PER_USER, per replica)."""

import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from chassis.identity import Identity, bearer_token
from chassis.problems import Problem
from litestar import Request, get
from litestar.response import ServerSentEvent, ServerSentEventMessage
from prometheus_client import Counter

from gateway.adapters.openapi import STREAM_ERRORS, answers
from gateway.adapters.routes.common import PREFIX, Services, segment
from gateway.ports import StatusHints, StatusWatch

SAFETY_NET_SECONDS = 5.0  # a look of its own this often while hints arrive: a lost hint only delays
POLL_SECONDS = 1.0  # while no hints can arrive (NATS away or not configured)
DOWN_POLL_SECONDS = 1.0  # while a service is down, look less often: from this, growing to 5 s
MAX_SECONDS = 15 * 60
GIVE_UP_UNAVAILABLE_SECONDS = 60.0
RECONNECT_MS = 3000
FINAL = ("completed", "failed")
LOOKS = Counter("live_status_looks_total", "Live streams' looks at an insight after the first, by what started "
                "them: a status hint, or time (the safety net, polling without hints, a service away)", ["cause"])


@dataclass(frozen=True)
class Seen:
    """What one look at the insight found: its status, or why there is none."""

    kind: str  # "status" | "gone" | "unauthorized" | "unavailable"
    body: dict


class StreamSlots:
    """At most `per_user` open streams per user in this process. A slot whose stream never
    ran (the client left before it started) expires after the longest a stream may last."""

    def __init__(self, per_user: int) -> None:
        self.per_user = per_user
        self._open: dict[str, dict[object, float]] = {}

    def acquire(self, user_id: str) -> Callable[[], None] | None:
        now = time.monotonic()
        slots = {token: t for token, t in self._open.get(user_id, {}).items() if now - t < MAX_SECONDS + 60}
        if len(slots) >= self.per_user:
            self._open[user_id] = slots
            return None
        token = object()
        slots[token] = now
        self._open[user_id] = slots

        def release() -> None:
            remaining = self._open.get(user_id, {})
            remaining.pop(token, None)
            if not remaining:
                self._open.pop(user_id, None)

        return release

    def open_streams(self, user_id: str) -> int:
        return len(self._open.get(user_id, {}))


def _event(kind: str, body: dict) -> ServerSentEventMessage:
    return ServerSentEventMessage(data=json.dumps(body), event=kind, retry=RECONNECT_MS)


def routes(services: Services, slots: StreamSlots, hints: StatusHints,
           safety_net_seconds: float = SAFETY_NET_SECONDS) -> list:
    async def look(insight_id: str, token: str) -> Seen:
        escaped = segment(insight_id)  # outside the try: an impossible id is a 404, not an outage
        try:
            found = await services.insights.call("GET", f"/v1/insights/{escaped}", token)
            if found.status == 404:
                found = await services.ingestion.call("GET", f"/v1/transcripts/{escaped}", token)
        except Problem as exc:  # a service down or too slow (503)
            return Seen("unavailable", {"id": insight_id, "code": exc.code, "detail": str(exc.detail)})
        if found.status == 200:
            body = json.loads(found.body)
            return Seen("status", {"id": insight_id, "status": body["status"],
                                   "processing_error": body.get("processing_error")})
        if found.status == 404:
            return Seen("gone", {"id": insight_id, "status": "deleted"})
        if found.status in (401, 403):
            return Seen("unauthorized", {"id": insight_id, "code": "invalid_token",
                                         "detail": "The token is no longer accepted (expired?): sign in again."})
        return Seen("unavailable", {"id": insight_id, "code": "service_unavailable",
                                    "detail": f"The insights service answered {found.status}."})

    def pause(down_since: float | None) -> float:
        if down_since is not None:  # a service is away: less often, the longer it is
            return min(5.0, DOWN_POLL_SECONDS + (time.monotonic() - down_since) / 4)
        return safety_net_seconds if hints.live else POLL_SECONDS

    async def watch(insight_id: str, token: str, first: dict,
                    waiting: StatusWatch) -> AsyncIterator[ServerSentEventMessage]:
        current, started, down_since = first, time.monotonic(), None
        yield _event("status", current)
        while current["status"] not in FINAL and time.monotonic() - started < MAX_SECONDS:
            woken = await waiting.wait(pause(down_since))  # a hint, or time for a look of our own
            LOOKS.labels("hint" if woken else "time").inc()
            seen = await look(insight_id, token)
            if seen.kind == "unavailable":
                if down_since is None:
                    down_since = time.monotonic()
                    yield _event("unavailable", seen.body)
                elif time.monotonic() - down_since > GIVE_UP_UNAVAILABLE_SECONDS:
                    return  # the client reconnects after RECONNECT_MS and finds out afresh
                continue
            down_since = None
            if seen.kind == "gone":
                yield _event("status", seen.body)
                return
            if seen.kind == "unauthorized":
                yield _event("error", seen.body)
                return
            if seen.body["status"] != current["status"]:
                current = seen.body
                yield _event("status", current)

    @get(f"{PREFIX}/{{insight_id:str}}/events", summary="Server-sent status changes until completed or failed",
         description=__doc__.split("\n\n", 1)[1],
         responses=answers(200, None, "text/event-stream of `status`, `unavailable` and `error` events",
                           STREAM_ERRORS))
    async def events(insight_id: str, request: Request, caller: Identity) -> ServerSentEvent:
        token = bearer_token(request)
        waiting = hints.watch(insight_id)  # before the first look: a change right after it is not missed
        try:
            first = await look(insight_id, token)
            if first.kind == "gone":
                raise Problem(404, "not_found", "No insight of yours has that id.")
            if first.kind == "unauthorized":
                raise Problem(401, "invalid_token", first.body["detail"])
            if first.kind == "unavailable":
                raise Problem(503, first.body["code"], first.body["detail"])
            release = slots.acquire(caller.user_id)
            if release is None:
                problem = Problem(429, "too_many_streams",
                                  f"At most {slots.per_user} live streams per user; close one first.")
                problem.headers = {"Retry-After": "5"}
                raise problem
        except BaseException:
            waiting.close()
            raise

        async def stream() -> AsyncIterator[ServerSentEventMessage]:
            try:
                async for message in watch(insight_id, token, first.body, waiting):
                    yield message
            finally:
                waiting.close()
                release()

        return ServerSentEvent(stream())

    return [events]

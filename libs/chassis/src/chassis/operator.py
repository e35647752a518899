"""Operator routes every service has (header X-Operator-Token = OPERATOR_TOKEN; without a
token configured they answer 404, as if absent): the dead letters and how to replay them,
the outbox events set aside as unpublishable, and how full the streams are.

    GET  /internal/v1/dead-letters[?all=true]
    POST /internal/v1/dead-letters/{id}/replay
    GET  /internal/v1/outbox/dead
    GET  /internal/v1/streams
"""

import dataclasses
import hmac
from typing import TYPE_CHECKING

from litestar import Request, get, post

from chassis.deadletter import DeadLetterNotFound
from chassis.messaging import stream_usage
from chassis.outbox import dead_events
from chassis.problems import Problem

if TYPE_CHECKING:
    from chassis.service import ServiceRuntime


def check_operator(request: Request, expected: str | None) -> None:
    if not expected:
        raise Problem(404, "not_found", "No such route.")
    if not hmac.compare_digest(request.headers.get("x-operator-token", "").encode(), expected.encode()):
        raise Problem(401, "invalid_operator_token", "Send the operator token in X-Operator-Token.")


def operator_handlers(runtime: "ServiceRuntime", token: str | None) -> list:
    def dead_letters(request: Request):
        check_operator(request, token)
        if runtime.dead_letters is None:
            raise Problem(404, "not_found", f"{runtime.name} keeps no dead letters.")
        return runtime.dead_letters

    @get("/internal/v1/dead-letters", include_in_schema=False)
    async def list_dead_letters(request: Request, all: bool = False) -> dict:
        found = await dead_letters(request).list(include_replayed=all)
        return {"service": runtime.name, "dead_letters": found}

    @post("/internal/v1/dead-letters/{dead_id:int}/replay", status_code=200, include_in_schema=False)
    async def replay_dead_letter(request: Request, dead_id: int) -> dict:
        store = dead_letters(request)
        try:
            return await store.replay(dead_id)
        except DeadLetterNotFound:
            raise Problem(404, "not_found", f"No dead letter {dead_id} in {runtime.name}.") from None
        except Exception as exc:
            raise Problem(409, "replay_failed", f"{type(exc).__name__}: {exc}"[:500]) from None

    @get("/internal/v1/outbox/dead", include_in_schema=False)
    async def dead_outbox_events(request: Request) -> dict:
        check_operator(request, token)
        found = await dead_events(runtime.sessions, runtime.outbox) if runtime.outbox is not None else []
        return {"service": runtime.name, "dead_events": found}

    @get("/internal/v1/streams", include_in_schema=False)
    async def streams(request: Request) -> dict:
        check_operator(request, token)
        return {"streams": [{**dataclasses.asdict(u), "fullness": round(u.fullness, 4)}
                            for u in await stream_usage(runtime.broker)]}

    return [list_dead_letters, replay_dead_letter, dead_outbox_events, streams]

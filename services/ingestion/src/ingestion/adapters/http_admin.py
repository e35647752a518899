"""Operator routes of ingestion, and the erasure's outbox purge consumer.

Wiring (main.py):  subscribe_erasure(runtime.broker, runtime.sessions, runtime.unpublish)
                   routes = [*http.routes(...), *admin_routes(uow, runtime.sessions, runtime.unpublish, ...)]

`POST /internal/v1/users/{user_id}/erase` needs header X-Operator-Token equal to the
OPERATOR_TOKEN environment variable; without that variable set it answers 404, as if absent.
(A loopback-address check would not do: behind a proxy every caller is local.)"""

import hmac
from collections.abc import Callable

import msgspec
from chassis.consumer import durable_consumer
from chassis.deadletter import DeadLetters
from chassis.outbox import Unpublish, forget_events
from chassis.problems import Problem
from faststream.nats import NatsBroker
from faststream.nats.annotations import NatsMessage
from litestar import Request, post
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts import InsightDeleted
from ingestion.adapters.postgres.tables import outbox, transcripts
from ingestion.app.erase_user import ErasureStore, erase_user, forget_erased_insight
from ingestion.ports import UnitOfWork


class SqlaErasureStore(ErasureStore):
    def __init__(self, sessions: async_sessionmaker[AsyncSession], unpublish: Unpublish) -> None:
        self._sessions = sessions
        self._unpublish = unpublish

    async def transcripts_of_client(self, user_id: str) -> list[str]:
        async with self._sessions() as session:
            found = await session.execute(select(transcripts.c.id).where(transcripts.c.client_user_id == user_id)
                                          .order_by(transcripts.c.created_at))
            return list(found.scalars())

    async def forget_events_about(self, insight_id: str) -> None:
        async with self._sessions() as session, session.begin():
            published = await forget_events(session, outbox, insight_id)
            await self._unpublish(published)  # before the commit: a failure retries it all


class UserErased(msgspec.Struct, kw_only=True):
    user_id: str
    insights_erased: list[str]


def check_operator(request: Request, expected: str | None) -> None:
    if not expected:
        raise Problem(404, "not_found", "No such route.")
    if not hmac.compare_digest(request.headers.get("x-operator-token", "").encode(), expected.encode()):
        raise Problem(401, "invalid_operator_token", "Send the operator token in X-Operator-Token.")


def admin_routes(uow_factory: Callable[[], UnitOfWork], sessions: async_sessionmaker[AsyncSession],
                 unpublish: Unpublish, operator_token: str | None) -> list:
    store = SqlaErasureStore(sessions, unpublish)

    @post("/internal/v1/users/{user_id:str}/erase", status_code=200, include_in_schema=False)
    async def erase(user_id: str, request: Request) -> UserErased:
        check_operator(request, operator_token)
        return UserErased(user_id=user_id, insights_erased=await erase_user(user_id, uow_factory, store))

    return [erase]


def subscribe_erasure(broker: NatsBroker, sessions: async_sessionmaker[AsyncSession], unpublish: Unpublish,
                      dead_letters: DeadLetters | None = None) -> None:
    store = SqlaErasureStore(sessions, unpublish)

    async def on_deleted(event: InsightDeleted, message: NatsMessage) -> None:
        await forget_erased_insight(event, store)

    durable_consumer(broker, InsightDeleted, "ingestion-erasure", on_deleted, max_deliver=30,
                     dead_letters=dead_letters)

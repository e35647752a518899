"""A share and a revoke of the same grant race in sharing (two use-case calls at once, from
replicas whose clocks disagree); the events they publish reach insights in any order.
Insights' read model must end where sharing ended: access granted if and only if sharing
still holds the grant, with its permissions. Real Postgres, both services' schemas."""

import asyncio
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from chassis.db import make_engine, make_sessions
from chassis.migrate import upgrade_to_head
from insights.adapters.nats.subscribers import HANDLERS
from insights.adapters.postgres.reader import SqlaInsightReader
from insights.adapters.postgres.tables import inbox as insights_inbox
from insights.adapters.postgres.uow import InsightsUnitOfWork
from insights.main import MIGRATIONS as INSIGHTS_MIGRATIONS
from sharing.adapters.postgres.tables import grants, inbox, outbox
from sharing.adapters.postgres.uow import SharingUnitOfWork
from sharing.app.project_transcript import project_transcript
from sharing.app.revoke_share import revoke_share
from sharing.app.share_insight import ShareInsight, share_insight
from sharing.domain.model import Permissions
from sharing.main import MIGRATIONS as SHARING_MIGRATIONS
from sqlalchemy import select

from contracts import EVENT_OF, Transcript, TranscriptReceived, Turn

CLIENT, COACH = "client-1", "coach-1"
PAIRS = 16


def clock(skew_seconds: float):
    return lambda: datetime.now(UTC) + timedelta(seconds=skew_seconds)


def received(insight_id: str) -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id=CLIENT, created_by=CLIENT, is_unpaired=True,
        transcript_source="text_input",
        transcript=Transcript(turns=[Turn(speaker="A", role="client", text="I will rest more.")]))


@pytest.fixture
async def sessions(database_url):
    engine = make_engine(database_url)
    await upgrade_to_head(engine, SHARING_MIGRATIONS, "sharing")
    await upgrade_to_head(engine, INSIGHTS_MIGRATIONS, "insights")
    yield make_sessions(engine)
    await engine.dispose()


async def deliver_all(sessions, newest_first: bool) -> None:
    """Every event sharing published, into insights' projection (separate consumers: any order)."""
    async with sessions() as session:
        rows = (await session.execute(select(outbox.c.subject, outbox.c.payload)
                                      .order_by(outbox.c.created_at))).all()
    for subject, payload in reversed(rows) if newest_first else rows:
        event = msgspec.json.decode(payload, type=EVENT_OF[subject])
        await HANDLERS[type(event)](event, InsightsUnitOfWork(sessions, inbox=insights_inbox))


async def sharing_state(sessions, insight_id: str) -> dict:
    async with sessions() as session:
        rows = (await session.execute(select(grants).where(grants.c.insight_id == insight_id))).mappings()
        return {r["coach_user_id"]: (r["can_view"], r["can_comment"], r["can_export"]) for r in rows}


async def insights_state(reader: SqlaInsightReader, insight_id: str) -> dict:
    view = await reader.get(insight_id)
    return {g.coach_user_id: (g.permissions.view, g.permissions.comment, g.permissions.export)
            for g in view.grants}


@pytest.mark.timeout(60)
async def test_racing_share_and_revoke_leave_insights_where_sharing_is(sessions):
    uow = lambda: SharingUnitOfWork(sessions, outbox=outbox, inbox=inbox)  # noqa: E731
    ids = [f"ins-{n:02d}" for n in range(PAIRS)]
    for insight_id in ids:
        await project_transcript(received(insight_id), uow())
        await HANDLERS[TranscriptReceived](received(insight_id), InsightsUnitOfWork(sessions, inbox=insights_inbox))
        await share_insight(ShareInsight(insight_id=insight_id, owner_user_id=CLIENT, coach_user_id=COACH),
                            uow(), clock(0))

    async def race(n: int, insight_id: str) -> None:
        # the replica that shares runs 5 s ahead of the one that revokes
        share = share_insight(ShareInsight(insight_id=insight_id, owner_user_id=CLIENT, coach_user_id=COACH,
                                           permissions=Permissions(comment=True)), uow(), clock(5))
        revoke = revoke_share(insight_id, COACH, CLIENT, uow(), clock(0))
        await asyncio.gather(*((share, revoke) if n % 2 else (revoke, share)))

    await asyncio.gather(*(race(n, insight_id) for n, insight_id in enumerate(ids)))
    await deliver_all(sessions, newest_first=True)

    reader = SqlaInsightReader(sessions)
    expected = {i: await sharing_state(sessions, i) for i in ids}
    assert {i: await insights_state(reader, i) for i in ids} == expected
    # the race went both ways: some grants were revoked last, some shared last
    assert {bool(state) for state in expected.values()} == {True, False}

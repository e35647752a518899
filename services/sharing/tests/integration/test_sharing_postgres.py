"""The use cases through the SQLAlchemy unit of work, on a real, freshly migrated Postgres."""

import msgspec
import pytest
from chassis.db import make_sessions
from chassis.migrate import upgrade_to_head
from contracts.subjects import INSIGHT_SHARE_REVOKED_V1, INSIGHT_SHARED_V1
from sharing.adapters.postgres.tables import audit, grants, inbox, insights, outbox
from sharing.adapters.postgres.uow import SharingUnitOfWork
from sharing.app.comments import add_comment, list_comments
from sharing.app.erase_insight import erase_insight
from sharing.app.list_shares import list_shares
from sharing.app.project_transcript import project_transcript
from sharing.app.revoke_share import revoke_share
from sharing.app.share_insight import ShareInsight, share_insight
from sharing.domain.errors import NotFound, NotShareable
from sharing.domain.model import Page, Permissions
from sharing.main import MIGRATIONS
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from contracts import (
    InsightDeleted,
    InsightShared,
    Transcript,
    TranscriptReceived,
    Turn,
)

CLIENT, COACH = "user_client", "user_coach"


class CrashBeforeCommit(SharingUnitOfWork):
    """Writes everything a share writes, outbox row included, then fails before the commit."""

    async def emit(self, event) -> None:
        await super().emit(event)
        raise RuntimeError("crash between the writes and the commit")


@pytest.fixture
async def sessions(database_url):
    engine = create_async_engine(database_url)
    await upgrade_to_head(engine, MIGRATIONS, "sharing")
    yield make_sessions(engine)
    await engine.dispose()


@pytest.fixture
def new_uow(sessions):
    return lambda: SharingUnitOfWork(sessions, outbox=outbox, inbox=inbox)


async def count(sessions, table) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(table))


def received(insight_id: str = "ins-1", unpaired: bool = True) -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id=CLIENT, created_by=CLIENT, is_unpaired=unpaired,
        transcript_source="text_input",
        transcript=Transcript(turns=[Turn(speaker="Client", role="client", text="Something private.")]),
    )


async def test_share_writes_grant_audit_and_outbox_row_together(sessions, new_uow, clock):
    await project_transcript(received(), new_uow())

    await share_insight(ShareInsight(insight_id="ins-1", owner_user_id=CLIENT, coach_user_id=COACH,
                                     permissions=Permissions(export=True)), new_uow(), clock)

    async with sessions() as session:
        grant = (await session.execute(select(grants))).mappings().one()
        entry = (await session.execute(select(audit))).mappings().one()
        row = (await session.execute(select(outbox))).mappings().one()
    assert (grant["coach_user_id"], grant["can_view"], grant["can_export"]) == (COACH, True, True)
    assert (entry["action"], entry["permissions"]) == ("granted", {"view": True, "comment": False, "export": True})
    assert row["subject"] == INSIGHT_SHARED_V1 and row["sent_at"] is None
    event = msgspec.json.decode(row["payload"], type=InsightShared)
    assert (event.insight_id, event.coach_user_id, event.permissions.export) == ("ins-1", COACH, True)


async def test_a_failure_mid_use_case_leaves_nothing(sessions, new_uow, clock):
    await project_transcript(received(), new_uow())
    crashing = CrashBeforeCommit(sessions, outbox=outbox, inbox=inbox)

    with pytest.raises(RuntimeError):
        await share_insight(ShareInsight(insight_id="ins-1", owner_user_id=CLIENT, coach_user_id=COACH),
                            crashing, clock)

    assert [await count(sessions, t) for t in (grants, audit, outbox)] == [0, 0, 0]


async def test_replayed_transcript_received_is_a_no_op(sessions, new_uow):
    event = received()
    await project_transcript(event, new_uow())
    async with sessions() as session, session.begin():  # so a second run would show
        await session.execute(text("update sharing.insights set is_unpaired = false"))

    await project_transcript(event, new_uow())

    async with sessions() as session:
        row = (await session.execute(select(insights))).mappings().one()
    assert row["is_unpaired"] is False
    assert await count(sessions, inbox) == 1


async def test_ownership_rows_hold_no_transcript_content(sessions, new_uow):
    await project_transcript(received(), new_uow())
    async with sessions() as session:
        row = (await session.execute(select(insights))).mappings().one()
    assert dict(row) == {"insight_id": "ins-1", "owner_user_id": CLIENT, "is_unpaired": True, "coach_user_id": None}


async def test_revoke_list_and_erase(sessions, new_uow, clock):
    await project_transcript(received(), new_uow())
    await project_transcript(received("ins-paired", unpaired=False), new_uow())
    share = ShareInsight(insight_id="ins-1", owner_user_id=CLIENT, coach_user_id=COACH)
    await share_insight(share, new_uow(), clock)
    await share_insight(ShareInsight(insight_id="ins-1", owner_user_id=CLIENT, coach_user_id=COACH,
                                     permissions=Permissions(comment=True)), new_uow(), clock)
    with pytest.raises(NotShareable):
        await share_insight(ShareInsight(insight_id="ins-paired", owner_user_id=CLIENT, coach_user_id=COACH),
                            new_uow(), clock)

    shares = await list_shares("ins-1", CLIENT, new_uow(), clock)
    assert [(g.coach_user_id, g.permissions.comment) for g in shares.grants] == [(COACH, True)]

    await revoke_share("ins-1", COACH, CLIENT, new_uow(), clock)
    with pytest.raises(NotFound):
        await revoke_share("ins-1", COACH, CLIENT, new_uow(), clock)
    async with sessions() as session:
        subjects = (await session.execute(select(outbox.c.subject).order_by(outbox.c.created_at))).scalars().all()
    assert subjects == [INSIGHT_SHARED_V1, INSIGHT_SHARED_V1, INSIGHT_SHARE_REVOKED_V1]

    await share_insight(share, new_uow(), clock)
    await erase_insight(InsightDeleted(insight_id="ins-1", deleted_by=CLIENT), new_uow())

    assert await count(sessions, grants) == 0
    with pytest.raises(NotFound):
        await list_shares("ins-1", CLIENT, new_uow(), clock)
    async with sessions() as session:
        last = (await session.execute(select(audit).order_by(audit.c.id.desc()).limit(1))).mappings().one()
    assert (last["action"], last["coach_user_id"], last["permissions"]) == ("erased", None, None)
    async with sessions() as session:  # erasure leaves the tombstone only, and no event naming the insight
        assert (await session.execute(text("select count(*) from sharing.audit"))).scalar_one() == 1
        assert (await session.execute(text("select count(*) from sharing.outbox"))).scalar_one() == 0
    await project_transcript(received(), new_uow())  # late delivery: stays erased
    with pytest.raises(NotFound):
        await list_shares("ins-1", CLIENT, new_uow(), clock)


async def test_comments_and_audit_trail_are_read_a_page_at_a_time(sessions, new_uow, clock):
    await project_transcript(received(), new_uow())
    ids = iter(f"00000000-0000-0000-0000-00000000000{n}" for n in range(10))
    for n in range(5):
        await add_comment("ins-1", CLIENT, f"note {n}", new_uow(), clock, lambda: next(ids))
        await share_insight(ShareInsight(insight_id="ins-1", owner_user_id=CLIENT, coach_user_id=COACH,
                                         permissions=Permissions(export=n % 2 == 1)), new_uow(), clock)

    thread = await list_comments("ins-1", CLIENT, new_uow(), clock, Page(limit=2, offset=3))
    assert [c.body for c in thread.comments] == ["note 3", "note 4"] and thread.total_count == 5
    shares = await list_shares("ins-1", CLIENT, new_uow(), clock, Page(limit=3, offset=0))
    assert [e.action for e in shares.audit] == ["granted", "updated", "updated"]
    assert shares.audit_total_count == 5 and len(shares.grants) == 1

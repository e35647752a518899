"""The Postgres read model serves coach_feedback in the detail and in shared-with-me, and an
insight stored before coach_feedback existed (its JSONB lacks the new keys) still reads."""

import msgspec
import pytest
from chassis.db import make_engine, make_sessions
from chassis.migrate import upgrade_to_head
from insights.adapters.nats.subscribers import HANDLERS
from insights.adapters.postgres.reader import SqlaInsightReader
from insights.adapters.postgres.tables import SCHEMA, inbox, insights
from insights.adapters.postgres.uow import InsightsUnitOfWork
from insights.adapters.responses import detail, shared_summary
from insights.app import queries
from insights.main import MIGRATIONS
from sqlalchemy import update

from contracts import AnalysisCompleted, InsightShared, SharePermissions, Transcript, TranscriptReceived, Turn

from ..unit.test_coach_feedback import BEFORE, MARKER, WITH_FEEDBACK
from .test_replay import fresh_database


def received(insight_id: str) -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id="client-1", created_by="client-1", is_unpaired=True,
        transcript_source="text_input", transcript=Transcript(turns=[Turn(speaker="A", role="client", text="Hi.")]))


def legacy(content) -> dict:
    """The JSONB as the service wrote it before the change: none of the new keys at all, and
    labels that were plain strings then."""
    raw = msgspec.to_builtins(content)
    del raw["coach_feedback"]
    for item in raw["action_items"]:
        del item["missing_smart"]
        item["client_commitment_level"] = item["client_commitment_level"].lower()
    for shift in raw["emotional_shifts"]:
        del shift["direction"]
    return raw


@pytest.mark.timeout(60)
async def test_postgres_reader_serves_coach_feedback_and_reads_insights_stored_before_it(postgres_server):
    engine = make_engine(await fresh_database(postgres_server))
    await upgrade_to_head(engine, MIGRATIONS, SCHEMA)
    sessions = make_sessions(engine)
    try:
        events = [received("new"), received("old"),
                  AnalysisCompleted(insight_id="new", content=WITH_FEEDBACK),
                  AnalysisCompleted(insight_id="old", content=BEFORE),
                  *(InsightShared(insight_id=i, owner_user_id="client-1", coach_user_id="coach-v",
                                  permissions=SharePermissions()) for i in ("new", "old"))]
        for event in events:
            await HANDLERS[type(event)](event, InsightsUnitOfWork(sessions, inbox=inbox))
        async with sessions() as session, session.begin():
            await session.execute(update(insights).where(insights.c.id == "old").values(content=legacy(BEFORE)))
        reader = SqlaInsightReader(sessions)

        new = detail(*await queries.insight_detail(reader, "new", "coach-v"))
        assert new.coach_feedback["strengths"][0]["pcc_marker"] == MARKER and new.metadata is None
        assert new.action_items[0]["missing_smart"] == ["measurable", "time-bound"]
        old = detail(*await queries.insight_detail(reader, "old", "client-1"))
        assert old.coach_feedback is None and old.action_items[0]["missing_smart"] == []
        assert old.action_items[0]["client_commitment_level"] == "High"
        assert old.emotional_shifts[0]["direction"] is None

        listed, total = await queries.shared_with_me(reader, "coach-v", queries.Page())
        by_id = {view.id: shared_summary(view) for view in listed}
        assert total == 2 and by_id["old"].coach_feedback is None
        assert by_id["new"].coach_feedback["quality_rationale"] == WITH_FEEDBACK.coach_feedback.quality_rationale
    finally:
        await engine.dispose()

"""Replaying a stream from the start rebuilds the same read model: the same events into a
fresh database once, and into another fresh database twice (every redelivery a no-op),
give identical tables."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from chassis.db import make_engine, make_sessions
from chassis.migrate import upgrade_to_head
from contracts.insight import ActionItem
from insights.adapters.nats.subscribers import HANDLERS
from insights.adapters.postgres.tables import SCHEMA, inbox
from insights.adapters.postgres.uow import InsightsUnitOfWork
from insights.main import MIGRATIONS

from contracts import (
    AnalysisCompleted,
    AnalysisFailed,
    CoachingRelationshipChanged,
    InsightContent,
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    SessionMetadata,
    SharePermissions,
    Transcript,
    TranscriptReceived,
    Turn,
)

T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
CONTENT = InsightContent(
    session_summary="Focus on delegation.", overall_session_quality="Good", key_themes=["delegation"],
    action_items=[ActionItem(action="Hand over the report", client_commitment_level="High")],
    metadata=SessionMetadata(transcript_word_count=9, ai_provider="embedded", model_version="t",
                             processing_time_seconds=0.1, analysis_confidence=0.7))


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def received(insight_id: str, minutes: int, rel: str | None = None) -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id="client-1", created_by="client-1", is_unpaired=rel is None,
        transcript_source="text_input", coaching_relationship_id=rel, coach_user_id="coach-1" if rel else None,
        transcript=Transcript(turns=[Turn(speaker="A", role="client", text="I will hand it over.")]),
        occurred_at=at(minutes))


EVENTS = [
    CoachingRelationshipChanged(relationship_id="r1", coach_user_id="coach-1", client_user_id="client-1",
                                status="active", coach_name="Maya", client_name="Ana", occurred_at=at(0)),
    received("paired", 1, rel="r1"), received("unpaired", 2), received("gone", 3),
    AnalysisCompleted(insight_id="paired", content=CONTENT, occurred_at=at(4)),
    AnalysisFailed(insight_id="unpaired", reason="analyzer down", attempts=5, occurred_at=at(5)),
    InsightShared(insight_id="unpaired", owner_user_id="client-1", coach_user_id="coach-2",
                  permissions=SharePermissions(export=True), occurred_at=at(6)),
    InsightShared(insight_id="unpaired", owner_user_id="client-1", coach_user_id="coach-3",
                  permissions=SharePermissions(), occurred_at=at(6)),
    InsightShareRevoked(insight_id="unpaired", owner_user_id="client-1", coach_user_id="coach-3",
                        occurred_at=at(7)),
    InsightShared(insight_id="gone", owner_user_id="client-1", coach_user_id="coach-2",
                  permissions=SharePermissions(), occurred_at=at(8)),
    InsightDeleted(insight_id="gone", deleted_by="client-1", occurred_at=at(9)),
    AnalysisCompleted(insight_id="gone", content=CONTENT, occurred_at=at(10)),  # late: must not resurrect
]
TABLES = ("insights", "grants", "relationships", "erased")


async def fresh_database(postgres_server) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(postgres_server.dsn())
    try:
        await conn.execute(f'create database "{name}"')
    finally:
        await conn.close()
    return postgres_server.url(name)


async def stored_before(postgres_server, revision: str, content: str) -> str:
    """A fresh database holding one completed insight ('old', client-dan's, unpaired) written at
    `revision` with `content` (JSON), then migrated to head. Its URL."""
    from alembic import command
    from chassis.migrate import alembic_config

    url = await fresh_database(postgres_server)
    config = alembic_config(MIGRATIONS, url)
    await asyncio.to_thread(command.upgrade, config, revision)
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        await conn.execute(
            "insert into insights.insights (id, client_user_id, is_unpaired, status, sort_at, created_at, updated_at, "
            "content) values ('old', 'client-dan', true, 'completed', now(), now(), now(), $1::jsonb)", content)
    finally:
        await conn.close()
    await asyncio.to_thread(command.upgrade, config, "head")
    return url


async def project(url: str, passes: int) -> dict[str, list]:
    engine = make_engine(url)
    await upgrade_to_head(engine, MIGRATIONS, SCHEMA)
    sessions = make_sessions(engine)
    for _ in range(passes):
        for event in EVENTS:
            await HANDLERS[type(event)](event, InsightsUnitOfWork(sessions, inbox=inbox))
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        return {t: [tuple(r) for r in await conn.fetch(f"select * from {SCHEMA}.{t} order by 1, 2")]
                for t in TABLES}
    finally:
        await conn.close()
        await engine.dispose()


@pytest.mark.timeout(60)
async def test_replaying_the_events_twice_into_a_fresh_database_gives_the_same_state(postgres_server):
    once = await project(await fresh_database(postgres_server), passes=1)
    twice = await project(await fresh_database(postgres_server), passes=2)
    assert once == twice
    assert [r[0] for r in once["insights"]] == ["paired", "unpaired"]
    assert [r[0] for r in once["erased"]] == ["gone"]
    assert [(r[0], r[1], r[6]) for r in once["grants"]] == [("unpaired", "coach-2", False),
                                                             ("unpaired", "coach-3", True)]

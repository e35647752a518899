"""The insights read model seeded directly for the read-path benchmark (COPY; no search
entries: the read path never reads them): 4,500 clients, 500 coaches, half the insights
paired, one realistic content document each.

The users the benchmark reads as (MEASURED_CLIENTS and their MEASURED_COACHES) get all their
insights in the first 10k rows, 25 each, and coach no one else: their pages hold the same rows
at 10k and at 100k, so the 100k / 10k cost ratio measures the table's size, not fuller pages.
Every later row belongs to the other 4,300 clients and 480 coaches."""

import random
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import msgspec
from contracts.insight import ActionItem, Celebration, ClientDiscovery, GoalProgress, PowerfulQuestion

from contracts import InsightContent, SessionMetadata

CLIENTS, COACHES = 4500, 500
MEASURED_CLIENTS, MEASURED_COACHES, PER_MEASURED_CLIENT = 200, 20, 25
MEASURED_ROWS = MEASURED_CLIENTS * PER_MEASURED_CLIENT  # 5,000, inside the first 10k
API = "/api/v1/session-insights"
QUOTE = "I managed to get everyone to agree on the roadmap for the next quarter."
CONTENT = msgspec.json.encode(InsightContent(
    session_summary="The client reflected on a successful offsite and chose to delegate the report.",
    key_themes=["delegation", "confidence", "team alignment"], overall_session_quality="Good",
    celebration=Celebration(description="Ran the offsite", significance="A first", evidence=[QUOTE]),
    client_discoveries=[ClientDiscovery(insight="Asking for help is strength", depth_level="Deep",
                                        emotional_response="relief", evidence=[QUOTE])] * 3,
    goal_progress=[GoalProgress(goal_area="Leadership", progress_description="Led the offsite",
                                progress_level="Significant", next_steps=["Delegate"], evidence=[QUOTE])] * 2,
    powerful_questions=[PowerfulQuestion(question="What would change if you let go?", impact_description="x",
                                         client_response_summary="y", breakthrough_level="Major")] * 3,
    action_items=[ActionItem(action="Hand over the report", client_commitment_level="High", evidence=[QUOTE])] * 4,
    metadata=SessionMetadata(transcript_word_count=640, ai_provider="embedded", model_version="1",
                             processing_time_seconds=0.4, analysis_confidence=0.7))).decode()
COLUMNS = ["id", "client_user_id", "coach_user_id", "coaching_relationship_id", "is_unpaired", "status",
           "session_date", "session_title", "sort_at", "created_at", "updated_at", "completed_at", "content",
           "celebration_count", "intention_count", "discovery_count", "action_item_count"]


def coach_of(client: int) -> int:
    if client < MEASURED_CLIENTS:
        return client % MEASURED_COACHES
    return MEASURED_COACHES + client % (COACHES - MEASURED_COACHES)


def rows(start: int, count: int, rng: random.Random):
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(start, start + count):
        client = n % MEASURED_CLIENTS if n < MEASURED_ROWS else rng.randrange(MEASURED_CLIENTS, CLIENTS)
        paired = n % 2 == 0
        created = t0 + timedelta(minutes=n)
        session = created - timedelta(days=rng.randrange(30)) if rng.random() < 0.8 else None
        yield (str(uuid.UUID(int=n + 1)), f"client-{client}", f"coach-{coach_of(client)}" if paired else None,
               f"rel-{client}" if paired else None, not paired, "completed", session, f"Session {n}",
               session or created, created, created, created, CONTENT, 1, 0, 3, 4)


async def seed(dsn: str, start: int, count: int) -> None:
    conn = await asyncpg.connect(dsn)
    # COPY is binary: jsonb's binary form is a version byte (1) and the JSON text
    await conn.set_type_codec("jsonb", encoder=lambda s: b"\x01" + s.encode(), decoder=lambda b: b[1:].decode(),
                              schema="pg_catalog", format="binary")
    try:
        if start == 0:
            await conn.executemany(
                "insert into insights.relationships values ($1, $2, $3, 'active', 'Coach', 'Client', now())",
                [(f"rel-{c}", f"coach-{coach_of(c)}", f"client-{c}") for c in range(CLIENTS)])
        for chunk in range(start, start + count, 10_000):
            size = min(10_000, start + count - chunk)
            await conn.copy_records_to_table("insights", schema_name="insights", columns=COLUMNS,
                                             records=list(rows(chunk, size, random.Random(chunk))))
        await conn.execute("vacuum analyze insights.insights")  # as autovacuum would: index-only counts
    finally:
        await conn.close()

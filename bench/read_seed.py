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
from functools import cache
from pathlib import Path

import asyncpg
import msgspec

CLIENTS, COACHES = 4500, 500
MEASURED_CLIENTS, MEASURED_COACHES, PER_MEASURED_CLIENT = 200, 20, 25
MEASURED_ROWS = MEASURED_CLIENTS * PER_MEASURED_CLIENT  # 5,000, inside the first 10k
API = "/api/v1/session-insights"
SAMPLE = Path(__file__).parent.parent / "samples" / "leadership-session.txt"


@cache
def realistic_content() -> str:
    """A document as the embedded analyzer writes it for a 30-minute sample session (~13 KB of
    JSON, which Postgres compresses and stores out of line, as it does every real one)."""
    from analysis.adapters.analyzers.embedded import analyze_transcript
    from analysis_speed import transcript_from

    return msgspec.json.encode(analyze_transcript(transcript_from(SAMPLE))).decode()


COLUMNS = ["id", "client_user_id", "coach_user_id", "coaching_relationship_id", "is_unpaired", "status",
           "session_date", "session_title", "sort_at", "created_at", "updated_at", "completed_at", "content",
           "celebration_count", "intention_count", "discovery_count", "action_item_count"]


def coach_of(client: int) -> int:
    if client < MEASURED_CLIENTS:
        return client % MEASURED_COACHES
    return MEASURED_COACHES + client % (COACHES - MEASURED_COACHES)


def rows(start: int, count: int, rng: random.Random):
    content = realistic_content()
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(start, start + count):
        client = n % MEASURED_CLIENTS if n < MEASURED_ROWS else rng.randrange(MEASURED_CLIENTS, CLIENTS)
        paired = n % 2 == 0
        created = t0 + timedelta(minutes=n)
        session = created - timedelta(days=rng.randrange(30)) if rng.random() < 0.8 else None
        yield (str(uuid.UUID(int=n + 1)), f"client-{client}", f"coach-{coach_of(client)}" if paired else None,
               f"rel-{client}" if paired else None, not paired, "completed", session, f"Session {n}",
               session or created, created, created, created, content, 1, 0, 3, 4)


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

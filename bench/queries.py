"""Query latency of the read API through the gateway, at 10,000 and 100,000 insights.

    uv run python bench/queries.py [--explain]

Starts its own NATS and Postgres and all five services, seeds the insights schema
directly (COPY: 4,500 clients, 500 coaches, half paired, a realistic content document
per insight), then drives the gateway with 32 concurrent clients: my-insights,
relationship timeline and detail, plus the gateway's /health as the ceiling of one
gateway process with this load generator. Prints `name: value unit` lines.

Index choice (EXPLAIN ANALYZE at 100,000 rows, --explain prints them again):
- my-insights unpaired: Index Scan on ix_insights_client (client_user_id, is_unpaired,
  sort_at desc) gives rows already ordered: limit stops early, no sort.
- my-insights paired: `client = u or coach = u` is a BitmapOr of ix_insights_client and
  ix_insights_coach_paired, then a top-N sort of ~20-200 rows: well under 1 ms.
- timeline: Index Scan on ix_insights_relationship (relationship, sort_at desc).
- detail: primary key; grants by their primary key (insight_id, coach_user_id).
- shared-with-me: ix_grants_coach, then the insights primary key per grant.
So the 0001 indexes serve every query; 0002 adds none. The list queries read the
overview out of the JSONB (->>), never the whole document.
"""

import asyncio
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import msgspec
from contracts.insight import ActionItem, Celebration, ClientDiscovery, GoalProgress, PowerfulQuestion
from devstack.system import System
from devstack.testing import standalone_system

from contracts import InsightContent, SessionMetadata

CLIENTS, COACHES, CONCURRENCY, SECONDS = 4500, 500, 32, 4.0
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
QUERIES = {
    "my_insights_paired": "select id from insights.insights where (client_user_id = $1 or coach_user_id = $1) "
                          "and is_unpaired is false order by sort_at desc, created_at desc limit 20",
    "my_insights_unpaired": "select id from insights.insights where client_user_id = $1 and is_unpaired is true "
                            "order by sort_at desc, created_at desc limit 20",
    "timeline": "select id from insights.insights where coaching_relationship_id = $1 and is_unpaired is false "
                "order by sort_at desc, created_at desc limit 20",
}


def rows(start: int, count: int, rng: random.Random):
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(start, start + count):
        client = rng.randrange(CLIENTS)
        paired = n % 2 == 0
        created = t0 + timedelta(minutes=n)
        session = created - timedelta(days=rng.randrange(30)) if rng.random() < 0.8 else None
        yield (str(uuid.UUID(int=n + 1)), f"client-{client}", f"coach-{client % COACHES}" if paired else None,
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
                [(f"rel-{c}", f"coach-{c % COACHES}", f"client-{c}") for c in range(CLIENTS)])
        await conn.copy_records_to_table("insights", schema_name="insights", records=list(rows(
            start, count, random.Random(start))), columns=[
            "id", "client_user_id", "coach_user_id", "coaching_relationship_id", "is_unpaired", "status",
            "session_date", "session_title", "sort_at", "created_at", "updated_at", "completed_at", "content",
            "celebration_count", "intention_count", "discovery_count", "action_item_count"])
        await conn.execute("analyze insights.insights")
    finally:
        await conn.close()


async def explain(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        for name, sql in QUERIES.items():
            arg = "rel-7" if name == "timeline" else "client-7"
            plan = await conn.fetch(f"explain (analyze, costs off) {sql}", arg)
            print(f"-- {name}\n" + "\n".join(r[0] for r in plan), file=sys.stderr)
    finally:
        await conn.close()


async def drive(system: System, name: str, request, size: str) -> None:
    latencies: list[float] = []
    deadline = time.monotonic() + SECONDS
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30, limits=limits) as client:
        async def worker(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                path, headers = request(rng)
                started = time.perf_counter()
                response = await client.get(path, headers=headers)
                latencies.append(time.perf_counter() - started)
                assert response.status_code == 200, response.text
        started = time.monotonic()
        await asyncio.gather(*(worker(n) for n in range(CONCURRENCY)))
        elapsed = time.monotonic() - started
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"{name}_{size}_p50: {quantiles[49] * 1000:.1f} ms")
    print(f"{name}_{size}_p99: {quantiles[98] * 1000:.1f} ms")
    print(f"{name}_{size}_throughput: {len(latencies) / elapsed:.0f} requests/s", flush=True)


async def measure(system: System, size: str, inserted: int) -> None:
    tokens: dict[str, dict] = {}

    def auth(user: str) -> dict:
        return tokens.setdefault(user, system.headers(user))

    def my_insights(rng):
        user = f"client-{rng.randrange(CLIENTS)}" if rng.random() < 0.9 else f"coach-{rng.randrange(COACHES)}"
        return f"{API}/my-insights", auth(user)

    def timeline(rng):
        client = rng.randrange(CLIENTS)
        return f"{API}/relationship/rel-{client}", auth(f"coach-{client % COACHES}")

    owner_of: list[tuple[str, str]] = []  # (insight id, its client), regenerated exactly as seed() made them
    for start, count in ((0, 10_000), (10_000, inserted - 10_000))[: 1 if inserted <= 10_000 else 2]:
        owner_of += [(record[0], record[1]) for record in rows(start, count, random.Random(start))]

    def detail(rng):
        insight_id, client = rng.choice(owner_of)
        return f"{API}/{insight_id}", auth(client)

    await drive(system, "health_ceiling", lambda rng: ("/health", {}), size)
    await drive(system, "my_insights", my_insights, size)
    await drive(system, "timeline", timeline, size)
    await drive(system, "detail", detail, size)


async def main() -> None:
    with standalone_system(GATEWAY_CREATE_PER_MINUTE="100000") as system:
        system.start(timeout=120)
        dsn = system.database_url.replace("postgresql+asyncpg://", "postgresql://")
        for size, start, count in (("10k", 0, 10_000), ("100k", 10_000, 90_000)):
            began = time.monotonic()
            await seed(dsn, start, count)
            print(f"seed_{size}: {time.monotonic() - began:.1f} s", flush=True)
            if "--explain" in sys.argv:
                await explain(dsn)
            await measure(system, size, start + count)


if __name__ == "__main__":
    asyncio.run(main())

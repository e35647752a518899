"""Query latency of the read API through the gateway, at 10,000 and 100,000 insights.

    uv run python bench/queries.py [--explain] [--only-10k]

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

Search (0004): each insight also gets its search entries (8 content variants, so a term
matches about an eighth of a caller's sessions; ~27 entries an insight, each with its
tsvector and a 512-byte float16 vector). Measured twice: in Postgres (the service's own
SqlaSearchIndex, one caller at a time: `search_words_*` is the full-text statement alone,
`search_*` the whole use case with the meaning pass over the caller's candidate vectors) and
through the gateway with 32 clients. Plan: the access CTE (the same three indexes as above)
yields the caller's few dozen insights, their entries come by the search_entries primary key
(insight_id, position), and `tsv @@ query` filters those: a nested loop, not the GIN index,
since a caller sees a sliver of the table (the GIN index serves rare words in big visible sets).
"""

import asyncio
import logging
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import msgspec
from chassis.db import make_engine, make_sessions
from contracts.insight import ActionItem
from devstack.system import System
from devstack.testing import standalone_system
from insights.adapters.embeddings import WordLlamaEmbedder, to_bytes
from insights.adapters.postgres.search import HEADLINE, SqlaSearchIndex, words_sql
from insights.app import queries
from insights.domain.search import SearchFilters, search_entries

from contracts import InsightContent
from read_seed import API, CLIENTS, COACHES, CONTENT, QUOTE  # the rows the read benchmark seeds too

CONCURRENCY, SECONDS = 32, 4.0
TOPICS = [("delegation", "Hand over the weekly report to Priya"), ("feedback", "Give Sam honest feedback on his talk"),
          ("health", "Go for a run three times a week"), ("boundaries", "Stop answering email after 7pm"),
          ("career", "Talk to my manager about the promotion"), ("confidence", "Speak first in the leadership meeting"),
          ("focus", "Block two hours every morning for deep work"), ("team", "Ask the team for feedback on the roadmap")]
SEARCHES = ["report", "feedback presentation", "morning deep work", "handing off work", "exercise", "promotion"]


def variant(theme: str, action: str) -> InsightContent:
    base = msgspec.json.decode(CONTENT, type=InsightContent)
    return msgspec.structs.replace(
        base, key_themes=[theme, "confidence", "team alignment"],
        session_summary=f"The client reflected on {theme} and chose a next step: {action.lower()}.",
        action_items=[ActionItem(action=action, client_commitment_level="High", evidence=[f"I will {action.lower()}."])]
        + base.action_items[1:])


VARIANTS = [variant(theme, action) for theme, action in TOPICS]
VARIANT_JSON = [msgspec.json.encode(v).decode() for v in VARIANTS]


def variant_entries() -> list[list[tuple]]:
    embedder, found = WordLlamaEmbedder(), []
    for content in VARIANTS:
        entries = search_entries(content)
        vectors = embedder.embed([e.text for e in entries])
        found.append([(n, e.section, e.item, e.kind, e.text, to_bytes(vectors[n])) for n, e in enumerate(entries)])
    return found


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
               session or created, created, created, created, VARIANT_JSON[n % len(VARIANTS)], 1, 0, 3, 4)


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
        entries = variant_entries()
        for chunk in range(start, start + count, 5000):
            await conn.copy_records_to_table("search_entries", schema_name="insights", records=[
                (str(uuid.UUID(int=n + 1)), *entry) for n in range(chunk, min(chunk + 5000, start + count))
                for entry in entries[n % len(VARIANTS)]],
                columns=["insight_id", "position", "section", "item", "kind", "text", "embedding"])
        await conn.execute("analyze insights.insights")
        await conn.execute("analyze insights.search_entries")
    finally:
        await conn.close()


async def explain(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        for name, sql in QUERIES.items():
            arg = "rel-7" if name == "timeline" else "client-7"
            plan = await conn.fetch(f"explain (analyze, costs off) {sql}", arg)
            print(f"-- {name}\n" + "\n".join(r[0] for r in plan), file=sys.stderr)
        search = words_sql("")  # asyncpg numbers its parameters
        for n, name in enumerate(("user", "now", "query", "limit", "headline"), start=1):
            search = search.replace(f":{name}", f"${n}")
        for user in ("client-7", "coach-7"):
            plan = await conn.fetch(f"explain (analyze, costs off) {search}", user, datetime.now(UTC), "report",
                                    60, HEADLINE)
            print(f"-- search_words {user}\n" + "\n".join(r[0] for r in plan), file=sys.stderr)
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
    print(f"{name}_{size}_p95: {quantiles[94] * 1000:.1f} ms")
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

    def search(rng):
        user = f"client-{rng.randrange(CLIENTS)}" if rng.random() < 0.5 else f"coach-{rng.randrange(COACHES)}"
        return f"{API}/search?q={rng.choice(SEARCHES)}", auth(user)

    await drive(system, "search_gateway", search, size)


async def measure_search_in_postgres(system: System, size: str) -> None:
    """One caller at a time, in the service's own code: what Postgres (and the meaning pass) cost."""
    engine = make_engine(system.database_url)
    index, embedder, rng = SqlaSearchIndex(make_sessions(engine)), WordLlamaEmbedder(), random.Random(7)
    words: list[float] = []
    whole: list[float] = []
    try:
        for n in range(400):
            user = f"client-{rng.randrange(CLIENTS)}" if n % 2 else f"coach-{rng.randrange(COACHES)}"
            q = rng.choice(SEARCHES)
            started = time.perf_counter()
            await index.by_words(user, datetime.now(UTC), q, SearchFilters(), 60)
            words.append(time.perf_counter() - started)
            started = time.perf_counter()
            await queries.search(index, embedder, user, q, SearchFilters(), 20)
            whole.append(time.perf_counter() - started)
    finally:
        await engine.dispose()
    for name, latencies in (("search_words", words), ("search", whole)):
        q = statistics.quantiles(latencies[20:], n=100)  # after warm-up
        print(f"{name}_{size}_in_postgres_p50: {q[49] * 1000:.1f} ms")
        print(f"{name}_{size}_in_postgres_p95: {q[94] * 1000:.1f} ms", flush=True)


async def main() -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    # the read cache off: this measures the proxy and the queries, not answers from memory (read_path.py does)
    with standalone_system(GATEWAY_CREATE_PER_MINUTE="100000", GATEWAY_READ_CACHE_MB="0") as system:
        system.start(timeout=400)  # a shared 2-core machine can take minutes to warm ingestion
        dsn = system.database_url.replace("postgresql+asyncpg://", "postgresql://")
        sizes = (("10k", 0, 10_000), ("100k", 10_000, 90_000))
        for size, start, count in sizes[:1] if "--only-10k" in sys.argv else sizes:
            began = time.monotonic()
            await seed(dsn, start, count)
            print(f"seed_{size}: {time.monotonic() - began:.1f} s", flush=True)
            if "--explain" in sys.argv:
                await explain(dsn)
            await measure_search_in_postgres(system, size)
            await measure(system, size, start + count)


if __name__ == "__main__":
    asyncio.run(main())

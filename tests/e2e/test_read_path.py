"""The read path as the platform sees it: the gateway relays the insights service's answer
byte for byte (request id in, the same out), pages read in one statement stay consistent
(totals, order, no gaps or repeats, an offset past the end), and a service run with
WEB_CONCURRENCY workers shares its port and its metrics between them, and its workers die
with it."""

import os
import re
import signal
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import pytest
from devstack.system import System

API = "/api/v1/session-insights"
CONTENT = ('{"session_summary": "Summary %d", "key_themes": ["delegation", "theme %d"], '
           '"overall_session_quality": "Good", "metadata": {"transcript_word_count": 640, "ai_provider": "embedded", '
           '"model_version": "1", "processing_time_seconds": 0.4, "analysis_confidence": 0.7}}')


async def seed(database_url: str) -> dict[str, list[str]]:
    """client-a: 7 paired (rel-a with coach-a) and 5 unpaired insights; client-b: 2 paired
    with coach-a in rel-b. Newest first by sort_at. Returns the expected orders."""
    conn = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    rows, expected = [], {"paired_a": [], "unpaired_a": [], "rel_a": [], "coach_a": []}
    specs = [("client-a", "rel-a", n) for n in range(7)] + [("client-a", None, n) for n in range(7, 12)] \
        + [("client-b", "rel-b", n) for n in range(12, 14)]
    for client, relationship, n in specs:
        insight_id = str(uuid.UUID(int=n + 1))
        at = t0 + timedelta(days=n if n != 3 else 5, minutes=n)  # 3 and 5 on one day: created_at breaks the tie
        rows.append((insight_id, client, "coach-a" if relationship else None, relationship, relationship is None,
                     "completed", at, f"Session {n}", at, at, at, at, CONTENT % (n, n), 1, 0, 2, 3))
    for key, keep in (("paired_a", lambda r: r[1] == "client-a" and r[3]), ("unpaired_a", lambda r: r[4]),
                      ("rel_a", lambda r: r[3] == "rel-a"), ("coach_a", lambda r: r[2] == "coach-a")):
        expected[key] = [r[0] for r in sorted(filter(keep, rows), key=lambda r: (r[8], r[9]), reverse=True)]
    try:
        await conn.executemany(
            "insert into insights.relationships values ($1, 'coach-a', $2, 'active', 'Coach A', $3, now())",
            [("rel-a", "client-a", "Client A"), ("rel-b", "client-b", "Client B")])
        await conn.executemany(
            "insert into insights.insights (id, client_user_id, coach_user_id, coaching_relationship_id, is_unpaired, "
            "status, session_date, session_title, sort_at, created_at, updated_at, completed_at, content, "
            "celebration_count, intention_count, discovery_count, action_item_count) "
            "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17)", rows)
    finally:
        await conn.close()
    return expected


def pages(client: httpx.Client, path: str, headers: dict, key: str, size: int) -> tuple[list[str], set[int]]:
    ids, totals, offset = [], set(), 0
    while True:
        body = client.get(path, headers=headers, params={"limit": size, "offset": offset}).json()
        totals.add(body["total_count"])
        found = body[key]
        if not found:
            return ids, totals
        ids += [i["id"] for i in found]
        offset += size


async def test_gateway_relays_bytes_and_pages_stay_consistent(system: System):
    expected = await seed(system.database_url)
    client_a, coach_a, stranger = (system.headers(u) for u in ("client-a", "coach-a", "stranger"))
    with httpx.Client(base_url=system.gateway_url, timeout=30) as gateway, \
            httpx.Client(base_url=system.url("insights"), timeout=30) as insights:
        # the service's bytes and content type, unchanged; our request id comes back
        for path in ("/my-insights?limit=3&offset=1", "/relationship/rel-a?limit=4", f"/{expected['rel_a'][0]}"):
            via = gateway.get(API + path, headers={**client_a, "x-request-id": "read-path-1"})
            direct = insights.get("/v1/insights" + path, headers=client_a)
            assert via.status_code == direct.status_code == 200
            assert via.content == direct.content
            assert via.headers["content-type"] == direct.headers["content-type"]
            assert via.headers["x-request-id"] == "read-path-1"
        detail = gateway.get(f"{API}/{expected['rel_a'][0]}", headers=client_a).json()
        assert detail["session_summary"] == "Summary 6" and detail["key_themes"] == ["delegation", "theme 6"]

        # every page size walks the whole list once, in order, with one total
        for size in (1, 2, 3, 5, 20):
            mine = gateway.get(f"{API}/my-insights", headers=client_a, params={"limit": size}).json()
            assert mine["total_count"] == 12
            assert [i["id"] for i in mine["paired_insights"]] == expected["paired_a"][:size]
            assert [i["id"] for i in mine["unpaired_insights"]] == expected["unpaired_a"][:size]
            timeline, totals = pages(gateway, f"{API}/relationship/rel-a", coach_a, "insights", size)
            assert (timeline, totals) == (expected["rel_a"], {7})
            coach, totals = pages(gateway, f"{API}/my-insights", coach_a, "paired_insights", size)
            assert (coach, totals) == (expected["coach_a"], {9})

        past_the_end = gateway.get(f"{API}/my-insights", headers=client_a, params={"offset": 50}).json()
        assert past_the_end == {"paired_insights": [], "unpaired_insights": [], "total_count": 12}
        only_unpaired = gateway.get(f"{API}/my-insights", headers=client_a,
                                    params={"include_paired": "false"}).json()
        assert (only_unpaired["paired_insights"], only_unpaired["total_count"]) == ([], 5)
        empty_timeline = gateway.get(f"{API}/relationship/rel-a", headers=coach_a, params={"offset": 7}).json()
        assert (empty_timeline["insights"], empty_timeline["total_count"]) == ([], 7)
        assert empty_timeline["client_name"] == "Client A"

        # not yours, no such relationship, an id that tries to climb out of its segment: 404 problems
        assert gateway.get(f"{API}/relationship/rel-a", headers=stranger).status_code == 404
        assert gateway.get(f"{API}/relationship/rel-none", headers=coach_a).status_code == 404
        climbing = gateway.get(f"{API}/..%2Fmy-insights", headers=client_a)
        assert climbing.status_code == 404 and climbing.headers["content-type"] == "application/problem+json"


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads worker processes from /proc")
def test_web_concurrency_workers_share_the_port_the_counts_and_their_end(database_url: str, nats_url: str):
    system = System(database_url=database_url, nats_url=nats_url, extra_env={"WEB_CONCURRENCY": "2"})
    system.start("insights", timeout=600)  # two workers load their models at once: slow on a busy machine
    try:
        supervisor = system.processes["insights"].pid
        workers = [p for p in children_of(supervisor) if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert len(workers) == 2
        # a new connection for each request (none kept alive): the kernel spreads them over both
        # workers (one client: a client per request cost 1.6 s of CPU in SSL contexts)
        with httpx.Client(base_url=system.url("insights"), timeout=30) as client, \
                httpx.Client(base_url=system.url("insights"), timeout=30,
                             limits=httpx.Limits(max_keepalive_connections=0)) as once:
            for _ in range(40):
                assert once.get("/v1/insights/my-insights", headers=system.headers("u1")).status_code == 200
            scraped = client.get("/metrics").text
        counted = sum(float(m) for m in re.findall(
            r'^http_requests_total\{method="GET",route="/v1/insights/my-insights",status="200"\} (\S+)$',
            scraped, re.M))
        assert counted == 40  # whichever worker answered the scrape
        os.kill(supervisor, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while not all(gone(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(gone(p) for p in workers), "workers outlived their killed supervisor"
    finally:
        system.stop()

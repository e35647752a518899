"""The gateway's read cache on a running system. Every shared test system keeps answers ten
minutes (GATEWAY_READ_CACHE_SECONDS=600, devstack.testing), so only the insights service's
hints can make the cache forget: here reads repeat from memory, and a new session, a share, a
revocation and a relationship moved to another coach still show at once. (A grant's expiry,
which no hint announces, is tests/e2e/test_sharing_flows.py's: such answers are never kept.)"""

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from contracts import CoachingRelationshipChanged
from devstack.relationship import publish

API = "/api/v1/session-insights"
SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()
METRICS_TOKEN = "read-cache-metrics-token"


@pytest.fixture(scope="module")
async def system(shared_systems):
    """A shared system with its metrics open (this module's alone)."""
    return await shared_systems.get(METRICS_TOKEN=METRICS_TOKEN)


def hits(client: httpx.Client) -> float:
    text = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).text
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith('gateway_read_cache_total{') and 'outcome="hit"' in line)


def wait_until(check, what: str, timeout: float = 30) -> float:
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return time.monotonic() - start


def upload(client: httpx.Client, headers: dict, title: str, relationship_id: str | None = None) -> str:
    path, body = (f"{API}/from-text", {"coaching_relationship_id": relationship_id}) if relationship_id else (
        f"{API}/unpaired/from-text", {})
    made = client.post(path, headers=headers, json={"transcript_text": SAMPLE, "session_title": title, **body})
    assert made.status_code == 202, made.text
    return made.json()["id"]


def status(client: httpx.Client, headers: dict, insight_id: str) -> str:
    return client.get(f"{API}/{insight_id}", headers=headers).json()["status"]


def test_reads_repeat_from_memory_and_a_share_and_its_revocation_show_at_once(system):
    owner, coach = system.headers("client-cache-1"), system.headers("coach-cache-1")
    # one keep-alive connection: one gateway worker, whose memory the reads find
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        first = upload(client, owner, "First")
        wait_until(lambda: status(client, owner, first) == "completed", "the analysis")
        before = hits(client)
        pages = [client.get(f"{API}/my-insights", headers=owner) for _ in range(3)]
        assert {page.content for page in pages} == {pages[0].content}
        assert pages[0].json()["total_count"] == 1
        assert hits(client) >= before + 2

        second = upload(client, owner, "Second")  # the cached list changes with it, hinted
        wait_until(lambda: client.get(f"{API}/my-insights", headers=owner).json()["total_count"] == 2,
                   "the second session in the list", 10)
        wait_until(lambda: status(client, owner, second) == "completed", "the second analysis")

        assert client.get(f"{API}/{first}", headers=coach).status_code == 404
        shared = client.post(f"{API}/{first}/share", headers=owner, json={"coach_user_id": "coach-cache-1"})
        assert shared.status_code == 200, shared.text
        wait_until(lambda: client.get(f"{API}/{first}", headers=coach).status_code == 200, "the share", 10)
        assert client.get(f"{API}/shared-with-me", headers=coach).json()["total_count"] == 1
        def both_from_memory() -> bool:
            before = hits(client)
            assert client.get(f"{API}/{first}", headers=coach).status_code == 200
            assert client.get(f"{API}/shared-with-me", headers=coach).json()["total_count"] == 1
            return hits(client) == before + 2

        # the coach's view and list are in memory now (a hint of the share still on its way may empty them
        # once more on a loaded machine: then the next two reads are the ones from memory)
        wait_until(both_from_memory, "the coach's view and list read from memory", 5)

        assert client.delete(f"{API}/{first}/share/coach-cache-1", headers=owner).status_code == 200
        took = wait_until(lambda: client.get(f"{API}/{first}", headers=coach).status_code == 404, "revocation", 5)
        assert took < 1.0, f"revocation took {took:.2f}s"
        assert client.get(f"{API}/shared-with-me", headers=coach).json()["total_count"] == 0


async def test_a_relationship_moved_to_another_coach_leaves_the_former_coachs_list_at_once(system):
    rid, client_id = "rel-cache-1", "client-cache-2"
    former, new = system.headers("coach-cache-2"), system.headers("coach-cache-3")
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:

        def relationships_of(headers: dict) -> list[str]:
            found = client.get(f"{API}/relationships", headers=headers).json()["relationships"]
            return [r["relationship_id"] for r in found]

        assert relationships_of(former) == []  # kept: the relationship is not known yet
        await publish(system.nats_url, CoachingRelationshipChanged(
            relationship_id=rid, coach_user_id="coach-cache-2", client_user_id=client_id, status="active"))
        await asyncio.to_thread(wait_until, lambda: relationships_of(former) == [rid], "the relationship", 10)
        assert relationships_of(new) == []
        await publish(system.nats_url, CoachingRelationshipChanged(
            relationship_id=rid, coach_user_id="coach-cache-3", client_user_id=client_id, status="active"))
        await asyncio.to_thread(wait_until, lambda: relationships_of(new) == [rid], "the move", 10)
        assert relationships_of(former) == []

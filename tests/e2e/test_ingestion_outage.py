"""NATS down: uploads are still accepted (the outbox holds the events), and once NATS is
back every service reconnects by itself and the insights complete."""

import asyncio
import time
from pathlib import Path

import asyncpg
import httpx
import pytest
from devstack.testing import started_system

SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_bytes()
API = "/api/v1/session-insights"


@pytest.fixture(scope="module")
async def system(postgres_server, nats_server):
    """A system of its own, on the session's nats-server that the test stops (a shared system
    runs on servers of its own, which no test stops)."""
    stack = await started_system(postgres_server, nats_server, ANALYSIS_ACK_WAIT="5")
    yield stack
    stack.stop()


async def unsent(database_url: str) -> int:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return await conn.fetchval("select count(*) from ingestion.outbox where sent_at is null")
    finally:
        await conn.close()


async def wait_until_completed(client: httpx.AsyncClient, ids: list[str], headers: dict, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = [(await client.get(f"{API}/{i}", headers=headers)).json()["status"] for i in ids]
        if all(s == "completed" for s in statuses):
            return
        await asyncio.sleep(0.25)
    raise AssertionError(f"still {statuses} {timeout}s after NATS came back")


async def test_uploads_during_a_nats_outage_are_delivered_when_it_returns(system, nats_server):
    alice = system.headers("client-alice")
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
        nats_server.stop()
        try:
            ids = []
            for n in range(2):
                response = await client.post(f"{API}/unpaired", headers=alice, data={"session_title": f"outage {n}"},
                                             files={"transcript_file": (f"s{n}.txt", SAMPLE)})
                assert response.status_code == 202, response.text
                ids.append(response.json()["id"])
            await asyncio.sleep(1)  # the relay has tried and failed by now
            assert await unsent(system.database_url) == 2
            assert {(await client.get(f"{API}/{i}", headers=alice)).json()["status"] for i in ids} == {"pending"}
            assert (await client.get(f"{system.url('ingestion')}/ready")).status_code == 503
        finally:
            nats_server.start()

        await wait_until_completed(client, ids, alice, timeout=60)
        assert await unsent(system.database_url) == 0
        for name in ("ingestion", "analysis", "insights", "sharing", "gateway"):
            assert (await client.get(f"{system.url(name)}/ready")).status_code == 200, name

"""Faults in the messaging, end to end on real NATS + Postgres with all five services and a
scripted OpenAI-compatible LLM (slow when a test needs an analysis in flight):
- an insight deleted while it is being analysed leaves nothing behind (defect 3);
- a Postgres restart while events flow loses nothing and duplicates nothing (defect 4)."""

import asyncio
import importlib.util
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import nats
import pytest
from devstack.system import System
from devstack.testing import empty_streams, fresh_database

ROOT = Path(__file__).parents[2]
API = "/api/v1/session-insights"
OPERATOR = "operator-token-for-fault-tests"
PHRASE = "periwinkle-abacus-tundra"  # in this module's transcripts only
TRANSCRIPT = ("Maya: What would you like to focus on today?\n"
              f"Alice: The {PHRASE} project keeps slipping and I avoid my manager.\n"
              "Maya: What would make it easier to start?\n"
              "Alice: I will book a meeting with her on Monday and bring my notes.")
# analysis gives up after 2 deliveries: before the fix, two failed deliveries during a
# Postgres restart were enough to lose a TranscriptReceived for good
SETTINGS = {"ANALYSIS_ACK_WAIT": "3", "ANALYSIS_MAX_DELIVER": "2", "ANALYSIS_FALLBACK": "none", "ANALYSIS_CONCURRENCY": "2",
            "INSIGHTS_LLM_API_KEY": "test-key", "INSIGHTS_LLM_MODEL": "fake-model", "INSIGHTS_LLM_MAX_ATTEMPTS": "1",
            "OPERATOR_TOKEN": OPERATOR}


def _load_fake_llm():
    spec = importlib.util.spec_from_file_location("analysis_fake_llm", ROOT / "services/analysis/tests/fake_llm.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fake = _load_fake_llm()


@pytest.fixture(scope="module")
def llm():
    server = fake.FakeLLM().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
async def stack(postgres_server, nats_server, llm):
    system = System(database_url=await fresh_database(postgres_server), nats_url=await empty_streams(nats_server),
                    extra_env={**SETTINGS, "INSIGHTS_LLM_BASE_URL": llm.url})
    try:
        system.start(timeout=180)  # five services importing NLP models on a shared 2-core machine
    except Exception:
        system.stop()
        raise
    yield system
    system.stop()


async def submit(client: httpx.AsyncClient, stack: System, title: str) -> str:
    made = await client.post(f"{API}/unpaired/from-text", headers=stack.headers("client-alice"),
                             json={"transcript_text": TRANSCRIPT, "session_title": title})
    assert made.status_code == 202, made.text
    return made.json()["id"]


async def statuses(client: httpx.AsyncClient, stack: System, ids: list[str]) -> dict[str, str]:
    found = {}
    for insight_id in ids:
        answer = await client.get(f"{API}/{insight_id}", headers=stack.headers("client-alice"))
        found[insight_id] = answer.json()["status"] if answer.status_code == 200 else str(answer.status_code)
    return found


async def fetch(database_url: str, sql: str, *args) -> list:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


async def drained(stack: System) -> bool:
    unsent = 0
    for schema in ("ingestion", "analysis", "sharing"):
        unsent += len(await fetch(stack.database_url, f"select 1 from {schema}.outbox where sent_at is null "
                                                      "and dead_at is null"))
    if unsent:
        return False
    client = await nats.connect(stack.nats_url)
    try:
        js = client.jetstream()
        for stream in await js.streams_info():
            for consumer in await js.consumers_info(stream.config.name):
                if consumer.num_pending or consumer.num_ack_pending:
                    return False
        return True
    finally:
        await client.close()


async def wait_drained(stack: System, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await drained(stack):
            await asyncio.sleep(0.5)
            if await drained(stack):
                return
        await asyncio.sleep(0.2)
    raise AssertionError("consumers never caught up")


async def stream_messages_naming(nats_url: str, needle: str) -> list[str]:
    client = await nats.connect(nats_url)
    js = client.jetstream()
    found = []
    try:
        for info in await js.streams_info():
            for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
                try:
                    message = await js.get_msg(info.config.name, seq)
                except nats.js.errors.NotFoundError:
                    continue
                if needle.encode() in (message.data or b""):
                    found.append(message.subject)
    finally:
        await client.close()
    return found


async def dead_letters(stack: System) -> dict[str, list]:
    async with httpx.AsyncClient(timeout=10, headers={"x-operator-token": OPERATOR}) as client:
        return {name: (await client.get(f"{stack.url(name)}/internal/v1/dead-letters")).json()["dead_letters"]
                for name in ("ingestion", "analysis", "insights", "sharing")}


async def test_an_insight_deleted_during_its_analysis_leaves_no_run_no_event_no_quote(stack, llm):
    llm.requests.clear()
    llm.default = fake.quoting_answer(delay=4)  # the deletion lands while the LLM is still thinking
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as client:
        insight_id = await submit(client, stack, "deleted mid-analysis")
        deadline = time.monotonic() + 30
        while not llm.requests:
            assert time.monotonic() < deadline, "the analysis never started"
            await asyncio.sleep(0.05)
        deleted = await client.delete(f"{API}/{insight_id}", headers=stack.headers("client-alice"))
        assert deleted.status_code == 204
        await asyncio.sleep(4.5)  # the LLM answers; the analysis tries to finish
        await wait_drained(stack)
        assert (await client.get(f"{API}/{insight_id}", headers=stack.headers("client-alice"))).status_code == 404

    db = stack.database_url
    assert await fetch(db, "select 1 from analysis.analysis_runs where insight_id = $1", insight_id) == []
    assert await fetch(db, "select 1 from analysis.transcripts where insight_id = $1", insight_id) == []
    assert await fetch(db, "select 1 from analysis.outbox where insight_id = $1 or "
                           "strpos(convert_from(payload, 'UTF8'), $1) > 0", insight_id) == []
    assert await stream_messages_naming(stack.nats_url, PHRASE) == []
    assert set(await stream_messages_naming(stack.nats_url, insight_id)) == {"insights.v1.insight.deleted"}
    assert len(llm.requests) == 1


async def test_a_postgres_restart_while_events_flow_loses_and_duplicates_nothing(stack, llm, postgres_server):
    llm.requests.clear()
    llm.default = fake.quoting_answer(delay=1.0)  # analyses are in flight when Postgres goes
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as client:
        ids = [await submit(client, stack, f"restart {n}") for n in range(6)]
        await asyncio.sleep(0.5)
        postgres_server.stop()
        down_at = time.monotonic()
        await asyncio.sleep(4)  # two deliveries of each event in flight would fail in this time
        postgres_server.start()
        back_at = time.monotonic()
        print(f"postgres_down: {back_at - down_at:.1f} s")

        deadline = time.monotonic() + 90
        while True:
            found = await statuses(client, stack, ids)
            if set(found.values()) == {"completed"}:
                break
            assert time.monotonic() < deadline, f"not all completed after Postgres came back: {found}"
            await asyncio.sleep(0.2)
        print(f"all_completed_after_postgres_back: {time.monotonic() - back_at:.1f} s")

    await wait_drained(stack)
    runs = await fetch(stack.database_url, "select insight_id, outcome from analysis.analysis_runs "
                                           "where insight_id = any($1::text[])", ids)
    assert sorted(r["insight_id"] for r in runs if r["outcome"] == "completed") == sorted(ids)  # once each
    # a finished analysis waits for Postgres and is not done again: every LLM call is a recorded run
    # (a call that failed under load is recorded as a failed attempt, and retried)
    assert len(llm.requests) == len(runs), [r["outcome"] for r in runs]
    assert await dead_letters(stack) == {"ingestion": [], "analysis": [], "insights": [], "sharing": []}
    for name in ("ingestion", "analysis", "insights", "sharing", "gateway"):
        assert httpx.get(f"{stack.url(name)}/ready", timeout=5).status_code == 200, name


async def test_an_event_nats_could_never_take_is_set_aside_and_uploads_behind_it_complete(stack, llm):
    """Defect 1: an event just under 1 MiB plus its headers went over NATS' max_payload; the
    server closed ingestion's connection, nats-py gave up on it, and the relay retried that
    oldest row forever: no upload after it was ever analysed."""
    from contracts.limits import NATS_MAX_PAYLOAD

    llm.default = fake.quoting_answer()
    conn = await asyncpg.connect(stack.database_url.replace("+asyncpg", ""))
    try:  # as an older release (no headroom) could have written it
        payload = b'{"insight_id":"too-big","padding":"' + b"x" * (NATS_MAX_PAYLOAD - 80) + b'"}'
        await conn.execute("insert into ingestion.outbox (event_id, subject, payload, created_at, headers, insight_id) "
                           "values ('too-big', 'insights.v1.transcript.received', $1, now() - interval '1 minute', "
                           "'{\"x-request-id\": \"req-0123456789abcdef0123456789abcdef\"}', 'too-big')", payload)
    finally:
        await conn.close()
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as client:
        insight_id = await submit(client, stack, "behind a poison event")
        deadline = time.monotonic() + 60
        while (await statuses(client, stack, [insight_id]))[insight_id] != "completed":
            assert time.monotonic() < deadline, f"stuck behind the oversized event:\n{stack.log_tail('ingestion')}"
            await asyncio.sleep(0.2)
    operator = {"x-operator-token": OPERATOR}
    [dead] = httpx.get(f"{stack.url('ingestion')}/internal/v1/outbox/dead", headers=operator).json()["dead_events"]
    assert dead["event_id"] == "too-big" and "the server takes at most" in dead["dead_reason"]
    streams = httpx.get(f"{stack.url('ingestion')}/internal/v1/streams", headers=operator).json()["streams"]
    assert {s["stream"] for s in streams} == {"PLATFORM", "INGESTION", "ANALYSIS", "SHARING"}
    assert httpx.get(f"{stack.url('ingestion')}/ready", timeout=5).status_code == 200
    replay = f"{stack.url('analysis')}/internal/v1/dead-letters/999999/replay"
    assert httpx.post(replay).status_code == 401
    assert httpx.post(replay, headers=operator).json()["code"] == "not_found"

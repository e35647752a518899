"""Erasure end to end: after DELETE (or an operator's erase-user) and once every consumer
has caught up, no table of any schema holds the insight's id or a phrase of its
transcript, except the content-free tombstones (insights.erased, sharing.audit 'erased')."""

import asyncio
import re
import time
from pathlib import Path

import asyncpg
import httpx
import nats
import pytest
from devstack.system import System
from devstack.testing import started_system

API = "/api/v1/session-insights"
PHRASE = "quokka-lantern-figs"  # distinctive: appears in nothing but this transcript
TRANSCRIPT = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text().replace(
    "I'm proud of that, honestly.", f"I'm proud of that, honestly, like {PHRASE}.")
OPERATOR = "operator-token-for-tests"
# content-free tombstones (the id only, so late events cannot resurrect what was erased)
TOMBSTONES = {("insights", "erased"), ("sharing", "audit"), ("analysis", "erasures")}
# erasure owned elsewhere (see the report): analysis' runs/outbox, ingestion's outbox purge consumer




async def streams_drained(url: str) -> bool:
    return not await pending_consumers(url)


async def pending_consumers(url: str) -> list[str]:
    """stream/consumer: pending, ack pending, for every durable consumer not yet caught up."""
    client = await nats.connect(url)
    try:
        js = client.jetstream()
        behind = []
        for stream in await js.streams_info():
            for consumer in await js.consumers_info(stream.config.name):
                if consumer.num_pending or consumer.num_ack_pending:
                    behind.append(f"{stream.config.name}/{consumer.name}: "
                                  f"{consumer.num_pending}, {consumer.num_ack_pending}")
        return behind
    finally:
        await client.close()


async def wait_drained(url: str, database_url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # twice in a row: an outbox relay may publish a follow-up event in between
        if await unsent(database_url) == 0 and await streams_drained(url):
            await asyncio.sleep(0.3)
            if await unsent(database_url) == 0 and await streams_drained(url):
                return
        await asyncio.sleep(0.1)
    raise AssertionError(f"consumers never caught up: unsent {await unsent(database_url)}, "
                         f"behind {await pending_consumers(url)}")


async def unsent(database_url: str) -> int:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        tables = await conn.fetch("select table_schema from information_schema.tables where table_name = 'outbox'")
        return sum([await conn.fetchval(f'select count(*) from "{t[0]}".outbox where sent_at is null')
                    for t in tables])
    finally:
        await conn.close()


async def traces(database_url: str, needles: list[str]) -> list[tuple[str, str, str]]:
    """(schema.table, column, needle) for every text/json/bytea column holding a needle."""
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        columns = await conn.fetch(
            "select table_schema, table_name, column_name, data_type from information_schema.columns "
            "where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_%' "
            "and data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea', 'character')")
        found = []
        for schema, table, column, data_type in columns:
            # bytea (event payloads, embeddings) is searched as bytes: it need not be valid UTF-8
            binary = data_type == "bytea"
            where = f"position(convert_to($1, 'UTF8') in \"{column}\") > 0" if binary else f'"{column}"::text ilike $1'
            if (schema, table) == ("sharing", "audit"):
                where += " and action <> 'erased'"
            tombstone = (schema, table) in TOMBSTONES - {("sharing", "audit")}
            for needle in needles:
                if tombstone and re.fullmatch(r"[0-9a-f-]{36}", needle):
                    continue  # a tombstone holds the id, and nothing else
                pattern = needle if binary else f"%{needle}%"
                if await conn.fetchval(f'select count(*) from "{schema}"."{table}" where {where}', pattern):
                    found.append((f"{schema}.{table}", column, needle))
        return found
    finally:
        await conn.close()


def verdict(found: list[tuple[str, str, str]]) -> None:
    assert not found, f"erasure left traces: {found}"


@pytest.fixture(scope="module")
async def stack(postgres_server, nats_server):
    system = await started_system(postgres_server, nats_server, OPERATOR_TOKEN=OPERATOR)
    yield system
    system.stop()


async def completed(client: httpx.AsyncClient, headers: dict, title: str) -> str:
    made = await client.post(f"{API}/unpaired/from-text", headers=headers,
                             json={"transcript_text": TRANSCRIPT, "session_title": title})
    assert made.status_code == 202, made.text
    insight_id = made.json()["id"]
    for _ in range(300):
        if (await client.get(f"{API}/{insight_id}", headers=headers)).json()["status"] == "completed":
            return insight_id
        await asyncio.sleep(0.1)
    raise AssertionError("analysis never completed")


async def shared_and_discussed(stack: System, client: httpx.AsyncClient, owner: str, coach: str) -> str:
    insight_id = await completed(client, stack.headers(owner), f"Private {PHRASE}")
    shared = await client.post(f"{API}/{insight_id}/share", headers=stack.headers(owner), json={
        "coach_user_id": coach, "permissions": {"view": True, "comment": True, "export": True}})
    assert shared.status_code == 200
    for who in (coach, owner):
        said = await client.post(f"{API}/{insight_id}/comments", headers=stack.headers(who),
                                 json={"body": f"About {PHRASE}: {insight_id}"})
        assert said.status_code == 201, said.text
    return insight_id


async def stream_traces(nats_url: str, needles: list[str]) -> list[tuple[str, str, str]]:
    """(stream, subject, needle) for every message still in JetStream that holds a needle."""
    client = await nats.connect(nats_url)
    js = client.jetstream()
    found = []
    try:
        for info in await js.streams_info():
            if not info.state.messages:
                continue
            for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
                try:
                    message = await js.get_msg(info.config.name, seq)
                except nats.js.errors.NotFoundError:  # deleted
                    continue
                found += [(info.config.name, message.subject, needle) for needle in needles
                          if needle.encode() in (message.data or b"")]
    finally:
        await client.close()
    return found


async def test_deleting_an_insight_leaves_no_trace_anywhere(stack):
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as client:
        insight_id = await shared_and_discussed(stack, client, "client-nia", "coach-oli")
        await wait_drained(stack.nats_url, stack.database_url)
        assert await traces(stack.database_url, [insight_id, PHRASE])  # the search does find them
        assert await stream_traces(stack.nats_url, [PHRASE])  # ... and in the streams too

        deleted = await client.delete(f"{API}/{insight_id}", headers=stack.headers("client-nia"))
        assert deleted.status_code == 204
        await wait_drained(stack.nats_url, stack.database_url)
        assert (await client.get(f"{API}/{insight_id}", headers=stack.headers("client-nia"))).status_code == 404
        assert (await client.get(f"{API}/{insight_id}/comments",
                                 headers=stack.headers("client-nia"))).status_code == 404
    verdict(await traces(stack.database_url, [insight_id, PHRASE]))
    # the published events go from the streams too; only InsightDeleted (ids only) stays
    assert await stream_traces(stack.nats_url, [PHRASE]) == []
    assert {subject for _, subject, _ in await stream_traces(stack.nats_url, [insight_id])} == {
        "insights.v1.insight.deleted"}


async def test_operator_erases_a_user_as_client_and_as_coach(stack):
    async with httpx.AsyncClient(base_url=stack.gateway_url, timeout=30) as client:
        mine = [await completed(client, stack.headers("client-zed"), f"Zed {n}") for n in range(2)]
        theirs = await shared_and_discussed(stack, client, "client-amy", "client-zed")  # zed as a coach
        await wait_drained(stack.nats_url, stack.database_url)

        ops = {"x-operator-token": OPERATOR}
        assert httpx.post(f"{stack.url('sharing')}/internal/v1/users/client-zed/erase").status_code == 401
        as_coach = httpx.post(f"{stack.url('sharing')}/internal/v1/users/client-zed/erase", headers=ops).json()
        assert as_coach == {"user_id": "client-zed", "grants_revoked": 1, "comments_deleted": 1}
        ingestion = httpx.post(f"{stack.url('ingestion')}/internal/v1/users/client-zed/erase", headers=ops)
        assert sorted(ingestion.json()["insights_erased"]) == sorted(mine)
        await wait_drained(stack.nats_url, stack.database_url)

        zed = stack.headers("client-zed")
        assert (await client.get(f"{API}/my-insights", headers=zed)).json()["total_count"] == 0
        assert (await client.get(f"{API}/{theirs}", headers=zed)).status_code == 404
        thread = (await client.get(f"{API}/{theirs}/comments", headers=stack.headers("client-amy"))).json()
        assert [c["author_user_id"] for c in thread["comments"]] == ["client-amy"]
    # zed's own insights are gone everywhere; as a coach zed keeps no grant or comment (a
    # revocation marker naming the coach id stays in insights.grants so no late share revives it)
    verdict(await traces(stack.database_url, mine))  # (amy's insight rightly still has the phrase)

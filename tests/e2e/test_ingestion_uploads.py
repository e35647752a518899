"""The four create endpoints, their limits and error codes, idempotent retries and
deletion, through the gateway with all five services on real NATS and Postgres."""

import asyncio
import time
from pathlib import Path

import asyncpg
import httpx
import pytest
from contracts.limits import MAX_TRANSCRIPT_CHARS, MAX_UPLOAD_BYTES
from devstack.relationship import publish

from contracts import CoachingRelationshipChanged

SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_bytes()
API = "/api/v1/session-insights"
# every table a submission could leave something in
CONTENT_TABLES = ("ingestion.transcripts", "ingestion.outbox", "ingestion.idempotency_keys", "insights.insights",
                  "analysis.analysis_runs", "analysis.transcripts", "sharing.insights")


@pytest.fixture(scope="module")
async def stack(shared_systems):
    """The shared system with the default settings (starting five services is the slow part;
    these users are this module's alone); tests compare row counts before and after rather
    than expecting empty tables."""
    return await shared_systems.get()


async def row_counts(database_url: str) -> dict[str, int]:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return {table: await conn.fetchval(f"select count(*) from {table}") for table in CONTENT_TABLES}
    finally:
        await conn.close()


async def fetchval(database_url: str, query: str, *args):
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return await conn.fetchval(query, *args)
    finally:
        await conn.close()


async def wait_for_status(client: httpx.AsyncClient, insight_id: str, headers: dict, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = await client.get(f"{API}/{insight_id}", headers=headers)
        assert response.status_code == 200, response.text
        if response.json()["status"] in ("completed", "failed"):
            return response.json()
        await asyncio.sleep(0.1)
    raise AssertionError(f"insight {insight_id} not done after {timeout}s")


async def relationship(nats_url: str, database_url: str, rid: str, coach: str, client: str) -> None:
    await publish(nats_url, CoachingRelationshipChanged(relationship_id=rid, coach_user_id=coach,
                                                        client_user_id=client, status="active",
                                                        coach_name="Ines", client_name="Ida"))
    for _ in range(300):  # paired uploads need ingestion's projection of it
        if await fetchval(database_url, "select count(*) from ingestion.relationships where relationship_id = $1", rid):
            return
        await asyncio.sleep(0.1)
    raise AssertionError("relationship never projected")


def problem(response: httpx.Response) -> tuple[int, str]:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return response.status_code, response.json()["code"]


async def test_file_uploads_paired_and_unpaired_complete_and_outsiders_get_404(stack):
    system, database_url = stack, stack.database_url
    await relationship(system.nats_url, database_url, "rel-1", "coach-ines", "client-ida")
    ines, ida, ivo = (system.headers(u) for u in ("coach-ines", "client-ida", "client-ivo"))
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
        paired = await client.post(f"{API}/", headers=ines, files={"transcript_file": ("week 3.txt", SAMPLE)},
                                   data={"coaching_relationship_id": "rel-1", "session_title": "Week 3",
                                         "session_date": "2026-11-20"})
        assert paired.status_code == 202, paired.text
        assert paired.json()["status"] == "pending" and paired.json()["client_user_id"] == "client-ida"
        assert paired.json()["coach_user_id"] == "coach-ines" and paired.json()["is_unpaired"] is False

        unpaired = await client.post(f"{API}/unpaired", headers=ida,
                                     files={"transcript_file": ("C:\\notes\\offsite.txt", SAMPLE, "text/plain")})
        assert unpaired.status_code == 202, unpaired.text
        assert unpaired.json()["is_unpaired"] is True and unpaired.json()["coach_user_id"] is None

        for insight_id in (paired.json()["id"], unpaired.json()["id"]):
            assert (await wait_for_status(client, insight_id, ida))["status"] == "completed"
        assert (await client.get(f"{API}/{paired.json()['id']}", headers=ines)).status_code == 200
        ids = [paired.json()["id"], unpaired.json()["id"]]
        for _ in range(300):  # sharing projects the uploads on its own time: counted once it has
            if await fetchval(database_url, "select count(*) from sharing.insights where insight_id = any($1)", ids) == 2:
                break
            await asyncio.sleep(0.1)

        before = await row_counts(database_url)
        outsider = await client.post(f"{API}/", headers=ivo, files={"transcript_file": ("a.txt", SAMPLE)},
                                     data={"coaching_relationship_id": "rel-1"})
        assert problem(outsider) == (404, "not_found")
        assert await row_counts(database_url) == before
    assert await fetchval(database_url, "select source_filename from ingestion.transcripts where id = $1",
                          unpaired.json()["id"]) == "offsite.txt"


async def chunked(total: int, size: int = 512 * 1024):
    sent = 0
    while sent < total:
        yield b"x" * min(size, total - sent)
        sent += size


def multipart_head(boundary: str, filename: str = "big.txt") -> bytes:
    return (f'--{boundary}\r\nContent-Disposition: form-data; name="transcript_file"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\n").encode()


async def declare_and_stall(system, headers: dict, declared: int) -> tuple[int, bytes]:
    """Announce a body over the limit, send a few bytes, and read the answer: it must come
    before the rest is sent (httpx will not send a short body, hence a raw socket)."""
    port = system.ports["gateway"]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (f"POST {API}/unpaired HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: {headers['Authorization']}\r\nContent-Length: {declared}\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\n\r\n")
    writer.write(head.encode() + multipart_head("b"))
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    body = await asyncio.wait_for(reader.readexactly(length), 10)
    writer.close()
    return int(head.split(b" ", 2)[1]), body


async def test_bad_input_gets_a_stable_code_and_stores_nothing(stack):
    system, database_url = stack, stack.database_url
    before = await row_counts(database_url)
    ida = system.headers("client-ida")
    too_long = b"Client: " + b"word " * (MAX_TRANSCRIPT_CHARS // 5 + 100)
    cases = [  # (what, request kwargs, status, code)
        ("unknown type", {"files": {"transcript_file": ("session.exe", b"MZ\x90\x00binary")}},
         415, "unsupported_file_type"),
        ("extension/content mismatch", {"files": {"transcript_file": ("session.txt", b"\x89PNG\r\n\x1a\n\x00\x00")}},
         415, "content_mismatch"),
        ("empty file", {"files": {"transcript_file": ("session.txt", b"")}}, 422, "empty_file"),
        ("no words", {"files": {"transcript_file": ("session.txt", b"12:00 ... 13:00 !!!")}}, 422, "no_words_found"),
        ("too long", {"files": {"transcript_file": ("session.txt", too_long)}}, 413, "transcript_too_long"),
        ("bad date", {"files": {"transcript_file": ("s.txt", SAMPLE)}, "data": {"session_date": "next tuesday"}},
         422, "invalid_session_date"),
        ("no file", {"data": {"session_title": "forgot the file"}, "files": {"notes": ("a.txt", SAMPLE)}},
         422, "missing_file"),
        ("over 10 MB", {"files": {"transcript_file": ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1))}},
         413, "file_too_large"),
    ]
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
        for what, kwargs, status, code in cases:
            response = await client.post(f"{API}/unpaired", headers=ida, **kwargs)
            assert problem(response) == (status, code), (what, response.text)

        # no Content-Length (chunked): counted while streaming, cut at the limit
        boundary = "limit-test"

        async def body():
            yield multipart_head(boundary)
            async for chunk in chunked(MAX_UPLOAD_BYTES + 1024 * 1024):
                yield chunk

        response = await client.post(f"{API}/unpaired", content=body(),
                                     headers={**ida, "content-type": f"multipart/form-data; boundary={boundary}"})
        assert problem(response) == (413, "file_too_large")
        # a declared size over the limit is refused before any byte is read
        status, body = await declare_and_stall(system, ida, MAX_UPLOAD_BYTES + 1024 * 1024)
        assert status == 413 and b'"file_too_large"' in body

        text_too_long = await client.post(f"{API}/unpaired/from-text", headers=ida,
                                          json={"transcript_text": too_long.decode()})
        assert problem(text_too_long) == (413, "transcript_too_long")
        paired_without_file = await client.post(f"{API}/", headers=ida, data={"coaching_relationship_id": "r"},
                                                files={"other": ("a.txt", b"x")})
        assert problem(paired_without_file) == (422, "missing_file")
    assert await row_counts(database_url) == before


async def test_an_idempotent_retry_returns_the_first_insight_once(stack):
    system, database_url = stack, stack.database_url
    before = await row_counts(database_url)
    ida, ivo = system.headers("client-ida"), system.headers("client-ivo")
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
        file_key = {**ida, "Idempotency-Key": "upload-7f3a"}
        first = await client.post(f"{API}/unpaired", headers=file_key, files={"transcript_file": ("a.txt", SAMPLE)},
                                  data={"session_date": "2026-11-20T10:00:00+02:00"})
        retry = await client.post(f"{API}/unpaired", headers=file_key, files={"transcript_file": ("a.txt", SAMPLE)},
                                  data={"session_date": "2026-11-20T10:00:00+02:00"})
        assert first.status_code == retry.status_code == 202
        assert retry.content == first.content

        reused = await client.post(f"{API}/unpaired", headers=file_key,
                                   files={"transcript_file": ("a.txt", SAMPLE + b"\nClient: One more thing.")})
        assert problem(reused) == (409, "idempotency_key_reused")

        text_key = {**ida, "Idempotency-Key": "paste-1"}
        texts = [await client.post(f"{API}/unpaired/from-text", headers=text_key,
                                   json={"transcript_text": SAMPLE.decode(), "session_title": "T"}) for _ in range(3)]
        assert {r.status_code for r in texts} == {202} and len({r.json()["id"] for r in texts}) == 1
        # keys are per user: Ivo's identical key is his own
        ivos = await client.post(f"{API}/unpaired/from-text", headers={**ivo, "Idempotency-Key": "paste-1"},
                                 json={"transcript_text": SAMPLE.decode(), "session_title": "T"})
        assert ivos.status_code == 202 and ivos.json()["id"] != texts[0].json()["id"]

        # concurrent retries of one request (a client timing out and retrying) make one insight
        key = {**ida, "Idempotency-Key": "burst"}
        burst = await asyncio.gather(*(client.post(f"{API}/unpaired/from-text", headers=key,
                                                   json={"transcript_text": SAMPLE.decode()}) for _ in range(5)))
        assert {r.status_code for r in burst} == {202} and len({r.json()["id"] for r in burst}) == 1

    after = await row_counts(database_url)
    for table in ("ingestion.transcripts", "ingestion.idempotency_keys", "ingestion.outbox"):
        assert after[table] - before[table] == 4, table  # file, text, Ivo's text, burst


async def test_delete_through_the_gateway_erases_the_transcript(stack):
    system, database_url = stack, stack.database_url
    ida, ivo = system.headers("client-ida"), system.headers("client-ivo")
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
        created = await client.post(f"{API}/unpaired", headers={**ida, "Idempotency-Key": "delete-me"},
                                    files={"transcript_file": ("a.txt", SAMPLE)})
        insight_id = created.json()["id"]
        await wait_for_status(client, insight_id, ida)
        assert problem(await client.delete(f"{API}/{insight_id}", headers=ivo)) == (404, "not_found")
        assert (await client.delete(f"{API}/{insight_id}", headers=ida)).status_code == 204
        for _ in range(50):  # InsightDeleted (via the outbox) reaches the insights projection
            if (await client.get(f"{API}/{insight_id}", headers=ida)).status_code == 404:
                break
            await asyncio.sleep(0.1)
        assert problem(await client.get(f"{API}/{insight_id}", headers=ida)) == (404, "not_found")
    assert await fetchval(database_url, "select count(*) from ingestion.transcripts where id = $1", insight_id) == 0
    assert await fetchval(database_url, "select count(*) from ingestion.idempotency_keys where key = 'delete-me'") == 0

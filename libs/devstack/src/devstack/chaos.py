"""The fault campaign: uploads through the gateway while every service is killed with SIGKILL
twice at random moments and nats-server and Postgres are restarted once each; then the
system must drain, and every accepted upload must end `completed` or `failed` with a reason,
nothing stuck, no event consumed twice, every deletion and revocation applied.

One implementation for `just chaos` (bench/chaos.py, 1,000 uploads) and the test
(tests/e2e/test_chaos.py, 100 uploads): `run_campaign(system, nats_server, postgres, ...)`.

Clients behave as real ones would: an Idempotency-Key per upload, kept across retries; a
retry with backoff on connection errors, 5xx and 429. Paired uploads name relationships the
platform announced (CoachingRelationshipChanged published on NATS); unpaired ones are pasted
text or small files from samples/. While the faults happen, some uploads are deleted, some
unpaired ones are shared with a coach and some of those revoked.
"""

import asyncio
import collections
import json
import random
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import nats
from contracts import CoachingRelationshipChanged

from devstack import faults as fault_kit
from devstack.relationship import publish
from devstack.system import SERVICES, System
from devstack.testing import NatsServer, PostgresServer, fresh_database

API = "/api/v1/session-insights"
SAMPLES = Path(__file__).resolve().parents[4] / "samples"
# small files of every kind the product takes; weights favour the fast formats
FILES = (("zoom-session.vtt", 4), ("teams-session.vtt", 4), ("session.srt", 4), ("otter-export.txt", 4),
         ("leadership-session.txt", 4), ("session.html", 1), ("session.pdf", 1), ("credentialing-session.docx", 1))
TEXTS = ("leadership-session.txt", "otter-export.txt")
# what the campaign's system needs beyond the defaults: no rate limit in the way of 1,000
# uploads by a dozen users, and in-progress acks well inside a short ack_wait so a killed
# worker's message comes back soon
SYSTEM_ENV = {"GATEWAY_CREATE_PER_MINUTE": "1000000", "ANALYSIS_ACK_WAIT": "10"}
FINAL = ("completed", "failed")
RETRYABLE = {429, 500, 502, 503, 504}


@dataclass
class Upload:
    n: int
    user: str
    client: str  # whose insight it is
    relationship: str | None
    kind: str  # "text" or "file"
    source: str
    title: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    insight_id: str | None = None
    outcome: str = "not sent"  # accepted | rejected <status> | gave up
    then: str = "keep"  # keep | delete | share | share+revoke
    coach: str | None = None  # the coach it is shared with
    done: list[str] = field(default_factory=list)  # what happened to it after the upload
    errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    uploads: int = 0
    accepted: int = 0
    rejected: int = 0
    gave_up: int = 0
    completed: int = 0
    failed: int = 0
    failed_reasons: dict[str, int] = field(default_factory=dict)
    stuck: int = 0
    stuck_ids: list[str] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=dict)
    deletions: int = 0
    deletions_not_applied: list[str] = field(default_factory=list)
    shares_kept: int = 0
    shares_lost: list[str] = field(default_factory=list)
    revocations: int = 0
    revocations_not_applied: list[str] = field(default_factory=list)
    dead_letters: dict[str, int] = field(default_factory=dict)
    faults: list[fault_kit.Fault] = field(default_factory=list)
    upload_seconds: float = 0.0
    drain_seconds: float | None = None  # from the last fault over to everything final and drained
    client_retries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def duplicate_total(self) -> int:
        return sum(self.duplicates.values())

    def ok(self) -> bool:
        return (self.stuck == 0 and self.duplicate_total == 0 and not self.deletions_not_applied
                and not self.revocations_not_applied and not self.shares_lost and self.gave_up == 0
                and self.rejected == 0 and self.drain_seconds is not None
                and all(reason for reason in self.failed_reasons) and not self.problems)

    def lines(self) -> list[str]:
        kinds = collections.Counter(f.kind.split()[0] + " " + f.kind.split()[-1] if f.kind.startswith("kill")
                                    else f.kind for f in self.faults)
        out = [f"chaos_uploads: {self.uploads}", f"chaos_accepted: {self.accepted}",
               f"chaos_rejected: {self.rejected}", f"chaos_client_gave_up: {self.gave_up}",
               f"chaos_completed: {self.completed}", f"chaos_failed: {self.failed}"]
        out += [f"chaos_failed_reason: {count} x {reason!r}" for reason, count in sorted(self.failed_reasons.items())]
        out += [f"chaos_stuck: {self.stuck}" + (f" {self.stuck_ids[:10]}" if self.stuck_ids else ""),
                f"chaos_duplicates: {self.duplicate_total} "
                f"({', '.join(f'{k} {v}' for k, v in sorted(self.duplicates.items()))})",
                f"chaos_deletions: {self.deletions} ({len(self.deletions_not_applied)} not applied)",
                f"chaos_revocations: {self.revocations} ({len(self.revocations_not_applied)} not applied)",
                f"chaos_shares_kept: {self.shares_kept} ({len(self.shares_lost)} lost)",
                f"chaos_dead_letters: {sum(self.dead_letters.values())} "
                f"({', '.join(f'{k} {v}' for k, v in sorted(self.dead_letters.items()))})",
                f"chaos_client_retries: {self.client_retries}",
                f"chaos_upload_phase: {self.upload_seconds:.1f} s",
                "chaos_drain_after_last_fault: " + (f"{self.drain_seconds:.1f} s" if self.drain_seconds is not None
                                                    else "never (timed out)"),
                f"chaos_faults: {len(self.faults)} ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))})"]
        out += [f"chaos_fault: {f.kind} down {f.down_seconds:.1f} s" for f in self.faults]
        out += [f"chaos_problem: {p}" for p in self.problems]
        return out


def plan(count: int, seed: int, users: int = 6) -> list[Upload]:
    """`count` uploads, deterministic for a seed: ~40% paired (by the coach or the client of a
    relationship), half pasted text, half files; what happens to each afterwards."""
    rng = random.Random(seed)
    uploads = []
    for n in range(count):
        pair = rng.randrange(users)
        paired = rng.random() < 0.4
        kind = "text" if rng.random() < 0.5 else "file"
        source = rng.choice(TEXTS) if kind == "text" else rng.choices([f for f, _ in FILES],
                                                                       [w for _, w in FILES])[0]
        client = f"chaos-client-{pair}"
        user = rng.choice([client, f"chaos-coach-{pair}"]) if paired else client
        upload = Upload(n=n, user=user, client=client, relationship=f"chaos-rel-{seed}-{pair}" if paired else None,
                        kind=kind, source=source, title=f"chaos {seed} #{n}")
        roll = rng.random()
        if roll < 0.08:
            upload.then = "delete"
        elif not paired and roll < 0.20:
            upload.then = "share" if roll < 0.14 else "share+revoke"
            upload.coach = f"chaos-coach-{(pair + 1) % users}"  # never the client's own coach
        uploads.append(upload)
    return uploads


class Clients:
    """Behaves like real clients: same Idempotency-Key on every retry of one upload; retries
    connection errors, 5xx and 429 with capped exponential backoff and jitter."""

    def __init__(self, system: System, rng: random.Random, op_timeout: float) -> None:
        self.system, self.rng, self.op_timeout = system, rng, op_timeout
        self.http = httpx.AsyncClient(base_url=system.gateway_url, timeout=httpx.Timeout(60, connect=3),
                                      limits=httpx.Limits(max_connections=50))
        self.retries = 0

    async def request(self, user: str, method: str, path: str, retry_404_for: float = 0.0,
                      **kwargs) -> httpx.Response | None:
        """The final answer, or None when the operation could not get one within op_timeout."""
        deadline = time.monotonic() + self.op_timeout
        not_found_until = time.monotonic() + retry_404_for
        delay = 0.2
        headers = {**self.system.headers(user), **kwargs.pop("headers", {})}
        while True:
            wait = None
            try:
                response = await self.http.request(method, path, headers=headers, **kwargs)
                # a 409 with Retry-After is "not yet" (sharing has not projected the upload): retry
                not_yet = response.status_code == 409 and "retry-after" in response.headers
                if response.status_code not in RETRYABLE and not not_yet and not (
                        response.status_code == 404 and time.monotonic() < not_found_until):
                    return response
                if response.status_code in (409, 429) and "retry-after" in response.headers:
                    wait = min(5.0, float(response.headers["retry-after"]))
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                return None
            self.retries += 1
            await asyncio.sleep(wait if wait is not None else delay * (0.5 + self.rng.random()))
            delay = min(delay * 2, 3.0)

    async def upload(self, u: Upload) -> None:
        headers = {"Idempotency-Key": u.key}
        path = f"{API}/" if u.relationship else f"{API}/unpaired"
        if u.kind == "text":
            body = {"transcript_text": (SAMPLES / u.source).read_text() + f"\nClient: That was {u.title}.",
                    "session_title": u.title}
            if u.relationship:
                body["coaching_relationship_id"] = u.relationship
            answer = await self.request(u.user, "POST", path.rstrip("/") + "/from-text" if u.relationship
                                        else f"{API}/unpaired/from-text", json=body, headers=headers)
        else:
            data = {"session_title": u.title}
            if u.relationship:
                data["coaching_relationship_id"] = u.relationship
            content = (SAMPLES / u.source).read_bytes()
            answer = await self.request(u.user, "POST", path, data=data, headers=headers,
                                        files={"transcript_file": (u.source, content)})
        if answer is None:
            u.outcome = "gave up"
        elif answer.status_code == 202:
            u.outcome, u.insight_id = "accepted", answer.json()["id"]
        else:
            u.outcome = f"rejected {answer.status_code}"
            u.errors.append(answer.text[:300])

    async def afterwards(self, u: Upload) -> None:
        """Delete it, or share it (and maybe revoke), at a random moment while faults go on."""
        await asyncio.sleep(self.rng.uniform(0, 8))
        if u.then == "delete":
            answer = await self.request(u.user, "DELETE", f"{API}/{u.insight_id}")
            # 404 after a retry: an earlier attempt did it and its answer was lost
            if answer is not None and answer.status_code in (204, 404):
                u.done.append("deleted")
            else:
                u.errors.append(f"delete: {answer and answer.status_code}")
            return
        # sharing learns of the insight from TranscriptReceived: until then 409 not_ready (404 while
        # ingestion itself is restarting and the gateway cannot tell)
        share = {"coach_user_id": u.coach, "permissions": {"view": True, "comment": True, "export": False}}
        answer = await self.request(u.client, "POST", f"{API}/{u.insight_id}/share", json=share,
                                    retry_404_for=self.op_timeout)
        if answer is None or answer.status_code != 200:
            u.errors.append(f"share: {answer and answer.status_code} {answer and answer.text[:200]}")
            return
        u.done.append("shared")
        if u.then == "share+revoke":
            await asyncio.sleep(self.rng.uniform(0, 5))
            answer = await self.request(u.client, "DELETE", f"{API}/{u.insight_id}/share/{u.coach}")
            if answer is not None and answer.status_code in (200, 204, 404):
                u.done.append("revoked")
            else:
                u.errors.append(f"revoke: {answer and answer.status_code}")


async def _sql(dsn: str, query: str, *args) -> list:
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


async def announce_relationships(system: System, uploads: list[Upload], dsn: str, timeout: float = 60) -> None:
    """Publish every relationship as the platform would, and wait until ingestion and insights
    know them (a paired upload before that is refused, as it would be in production)."""
    pairs = sorted({(u.relationship, u.client) for u in uploads if u.relationship})
    for relationship, client in pairs:
        coach = client.replace("client", "coach")
        await publish(system.nats_url, CoachingRelationshipChanged(
            relationship_id=relationship, coach_user_id=coach, client_user_id=client, status="active",
            coach_name=f"Coach {coach[-1]}", client_name=f"Client {client[-1]}"))
    wanted = [r for r, _ in pairs]
    deadline = time.monotonic() + timeout
    while True:
        known = [len(await _sql(dsn, f"select 1 from {schema}.relationships where relationship_id = any($1)", wanted))
                 for schema in ("ingestion", "insights")]
        if known == [len(wanted)] * 2:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"relationships never arrived: {known} of {len(wanted)}")
        await asyncio.sleep(0.2)


def fault_schedule(rng: random.Random, window: float) -> tuple[dict[str, list[float]], list[tuple[float, str]]]:
    """Two kill times per service and one restart each of NATS and Postgres, at random moments
    of the upload window (seconds from its start)."""
    kills = {name: sorted(rng.uniform(0.05, 0.85) * window for _ in range(2)) for name in SERVICES}
    infra = sorted([(rng.uniform(0.15, 0.8) * window, "nats"), (rng.uniform(0.15, 0.8) * window, "postgres")])
    return kills, infra


async def inject(system: System, nats_server: NatsServer, postgres: PostgresServer, rng: random.Random,
                 window: float, started: float, report: Report, pool: ThreadPoolExecutor,
                 progress: bool = False) -> None:
    """Run the schedule: one task per service (its two kills in order, the second only once
    the first restart is up) and one for NATS then Postgres (or the other way round).
    Faults of different targets may overlap, as they would in a bad hour."""
    kills, infra = fault_schedule(rng, window)
    loop = asyncio.get_running_loop()

    async def at(offset: float) -> None:
        await asyncio.sleep(max(0.0, started + offset - time.monotonic()))

    async def run(what: str, action, *args) -> None:
        if progress:
            print(f"  [{time.monotonic() - started:6.1f} s] {what} ...", flush=True)
        fault = await loop.run_in_executor(pool, action, *args)
        report.faults.append(fault)
        if progress:
            print(f"  [{time.monotonic() - started:6.1f} s] {what}: back after {fault.down_seconds:.1f} s", flush=True)

    async def service(name: str) -> None:
        for offset in kills[name]:
            await at(offset)
            await run(f"kill -9 {name}", fault_kit.kill9_and_restart, system, name)
            await asyncio.sleep(rng.uniform(1, 4))  # the new process gets to work before its own kill

    async def servers() -> None:
        for offset, what in infra:
            await at(offset)
            if what == "nats":
                await run("restart nats", fault_kit.restart_nats, nats_server, 1.0)
            else:
                await run("restart postgres", fault_kit.restart_postgres, postgres, 1.0)

    await asyncio.gather(*(service(name) for name in SERVICES), servers())


async def drained(system: System, dsn: str) -> bool:
    for schema in ("ingestion", "analysis", "sharing"):
        if (await _sql(dsn, f"select count(*) from {schema}.outbox where sent_at is null and dead_at is null"))[0][0]:
            return False
    client = await nats.connect(system.nats_url.split(","), connect_timeout=2, max_reconnect_attempts=0)
    try:
        js = client.jetstream()
        for stream in await js.streams_info():
            for consumer in await js.consumers_info(stream.config.name):
                if consumer.num_pending or consumer.num_ack_pending:
                    return False
        return True
    finally:
        await client.close()


async def settled(dsn: str, uploads: list[Upload]) -> tuple[bool, list[str]]:
    """(every accepted upload final or erased as it should be, ids still pending/processing)."""
    live = [u.insight_id for u in uploads if u.outcome == "accepted" and "deleted" not in u.done]
    gone = [u.insight_id for u in uploads if "deleted" in u.done]
    rows = {r["id"]: r["status"] for r in await _sql(dsn, "select id, status from insights.insights "
                                                          "where id = any($1)", live + gone)}
    unfinished = [i for i in live if rows.get(i) not in FINAL]
    lingering = [i for i in gone if i in rows]
    return not unfinished and not lingering, unfinished


async def wait_settled(system: System, dsn: str, uploads: list[Upload], timeout: float) -> tuple[bool, list[str]]:
    deadline = time.monotonic() + timeout
    unfinished: list[str] = []
    while time.monotonic() < deadline:
        try:
            done, unfinished = await settled(dsn, uploads)
            if done and await drained(system, dsn):
                await asyncio.sleep(0.5)  # twice in a row: a relay may publish a follow-up in between
                done, unfinished = await settled(dsn, uploads)
                if done and await drained(system, dsn):
                    return True, []
        except (OSError, asyncpg.PostgresError, nats.errors.Error):
            pass
        await asyncio.sleep(0.5)
    return False, unfinished


async def check(system: System, dsn: str, clients: Clients, uploads: list[Upload], report: Report) -> None:
    accepted = [u for u in uploads if u.outcome == "accepted"]
    by_id = {u.insight_id: u for u in accepted}
    # 1. what each owner sees, through the gateway
    reasons: collections.Counter = collections.Counter()
    for u in accepted:
        answer = await clients.request(u.client, "GET", f"{API}/{u.insight_id}")
        status = answer.status_code if answer is not None else None
        if "deleted" in u.done:
            report.deletions += 1
            if status != 404:
                report.deletions_not_applied.append(f"{u.insight_id}: GET {status}")
            continue
        if status != 200:
            report.problems.append(f"{u.insight_id} ({u.title}): GET {status}")
            continue
        body = answer.json()
        if body["status"] == "completed":
            report.completed += 1
        elif body["status"] == "failed":
            report.failed += 1
            reasons[body.get("processing_error") or ""] += 1
        else:
            report.stuck += 1
            report.stuck_ids.append(u.insight_id)
    report.failed_reasons = dict(reasons)

    # 2. shares and revocations, as the coach sees them
    for u in accepted:
        if "shared" not in u.done:
            continue
        answer = await clients.request(u.coach, "GET", f"{API}/{u.insight_id}")
        status = answer.status_code if answer is not None else None
        if "revoked" in u.done:
            report.revocations += 1
            if status != 404:
                report.revocations_not_applied.append(f"{u.insight_id} -> {u.coach}: GET {status}")
        else:
            report.shares_kept += 1
            if status != 200:
                report.shares_lost.append(f"{u.insight_id} -> {u.coach}: GET {status}")
    for u in accepted:
        if u.errors:
            report.problems.append(f"{u.title} ({u.insight_id}): {'; '.join(u.errors)}")

    # 3. nothing consumed or made twice
    ids = list(by_id)
    titles = collections.Counter(r["session_title"] for r in await _sql(
        dsn, "select session_title from ingestion.transcripts where session_title like $1", "chaos %"))
    accepted_titles = {u.title for u in accepted}
    report.duplicates = {
        "uploads_stored_twice": sum(c - 1 for c in titles.values() if c > 1)
        + sum(1 for t in titles if t not in accepted_titles),  # stored without the client ever getting a 202
        "transcript_events_per_insight": len(await _sql(
            dsn, "select insight_id from ingestion.outbox where subject = 'insights.v1.transcript.received' "
                 "and insight_id = any($1) group by 1 having count(*) > 1", ids)),
        "analyses_completed_twice": len(await _sql(
            dsn, "select insight_id from analysis.analysis_runs where outcome = 'completed' and insight_id = any($1) "
                 "group by 1 having count(*) > 1", ids)),
        "analysis_results_per_insight": len(await _sql(
            dsn, "select insight_id from analysis.outbox where subject in ('insights.v1.analysis.completed', "
                 "'insights.v1.analysis.failed') and insight_id = any($1) group by 1 having count(*) > 1", ids)),
        "insight_rows_per_title": len(await _sql(
            dsn, "select session_title from insights.insights where session_title like $1 group by 1 "
                 "having count(*) > 1", "chaos %")),
        "comments_or_grants_doubled": len(await _sql(
            dsn, "select insight_id, coach_user_id from sharing.grants where insight_id = any($1) group by 1, 2 "
                 "having count(*) > 1", ids)),
    }
    # the insights projection of grants agrees with sharing's truth
    truth = {(r["insight_id"], r["coach_user_id"]) for r in await _sql(
        dsn, "select insight_id, coach_user_id from sharing.grants where insight_id = any($1)", ids)}
    projected = {(r["insight_id"], r["coach_user_id"]) for r in await _sql(
        dsn, "select insight_id, coach_user_id from insights.grants where insight_id = any($1) and not revoked", ids)}
    if truth != projected:
        report.problems.append(f"grants: sharing has {sorted(truth - projected)[:5]} that insights lacks, "
                               f"insights has {sorted(projected - truth)[:5]} that sharing revoked")

    # 4. deletions: the id is in no table but the content-free tombstones, and in no stream
    # message but InsightDeleted. A live insight goes through the same searches: they must
    # find it, or they are blind.
    deleted = [u.insight_id for u in accepted if "deleted" in u.done]
    live = [u.insight_id for u in accepted if "deleted" not in u.done]
    if deleted:
        for where in await traces(dsn, deleted):
            report.deletions_not_applied.append(f"left in {where}")
    if live and not await traces(dsn, live[:1]):
        report.problems.append(f"the table search does not find the live insight {live[0]}")
    in_streams = await stream_traces(system.nats_url, deleted + live[:1])
    for insight_id, where in in_streams.items():
        if insight_id in deleted:
            report.deletions_not_applied += [f"{insight_id} left in stream {w}" for w in where]
    if live and live[0] not in in_streams:
        report.problems.append(f"the stream search does not find the live insight {live[0]}")

    # 5. the duplicate counts above look at rows that must exist: one completed run and one
    # AnalysisCompleted per completed insight
    completed_ids = [i for i in live if i not in report.stuck_ids]
    runs = {r["insight_id"] for r in await _sql(dsn, "select insight_id from analysis.analysis_runs where outcome = "
                                                     "'completed' and insight_id = any($1)", completed_ids)}
    results = {r["insight_id"] for r in await _sql(dsn, "select insight_id from analysis.outbox where subject in "
                                                        "('insights.v1.analysis.completed', 'insights.v1.analysis.failed')"
                                                        " and insight_id = any($1)", completed_ids)}
    if report.failed == 0 and len(runs) != report.completed:
        report.problems.append(f"{report.completed} insights completed, {len(runs)} with a completed analysis run")
    if len(results) != report.completed + report.failed:
        report.problems.append(f"{report.completed + report.failed} insights final, {len(results)} with a result event")
    for schema in ("ingestion", "analysis", "insights", "sharing"):
        report.dead_letters[schema] = (await _sql(dsn, f"select count(*) from {schema}.dead_letters"))[0][0]


TOMBSTONES = {("insights", "erased"), ("analysis", "erasures")}


async def traces(dsn: str, ids: list[str]) -> list[str]:
    """schema.table.column (and how many ids) for every text column still naming an erased id."""
    columns = await _sql(dsn, "select table_schema, table_name, column_name, data_type from information_schema.columns "
                              "where table_schema in ('ingestion', 'analysis', 'insights', 'sharing', 'gateway') "
                              "and data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')")
    patterns = [f"%{i}%" for i in ids]
    found = []
    for schema, table, column, data_type in columns:
        if (schema, table) in TOMBSTONES:
            continue
        # escape keeps ASCII (ids are) and writes other bytes as \ooo: binary columns never fail to decode
        value = f"encode(\"{column}\", 'escape')" if data_type == "bytea" else f'"{column}"::text'
        where = f"{value} like any($1::text[])"
        if (schema, table) == ("sharing", "audit"):
            where += " and action <> 'erased'"
        count = (await _sql(dsn, f'select count(*) from "{schema}"."{table}" where {where}', patterns))[0][0]
        if count:
            found.append(f"{schema}.{table}.{column} ({count} rows)")
    return found


async def stream_traces(nats_url: str, ids: list[str]) -> dict[str, list[str]]:
    """For each id: the streams and subjects of messages still naming it, other than
    InsightDeleted itself (ids with none are left out)."""
    client = await nats.connect(nats_url.split(","))
    js = client.jetstream()
    needles = {i: i.encode() for i in ids}
    found: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    try:
        for info in await js.streams_info():
            for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
                try:
                    message = await js.get_msg(info.config.name, seq)
                except nats.js.errors.NotFoundError:
                    continue
                if message.subject == "insights.v1.insight.deleted":
                    continue
                for insight_id, needle in needles.items():
                    if needle in (message.data or b""):
                        found[insight_id][f"{info.config.name} {message.subject}"] += 1
    finally:
        await client.close()
    return {i: [f"{where} ({count} messages)" for where, count in c.items()] for i, c in found.items()}


async def campaign(system: System, nats_server: NatsServer, postgres: PostgresServer, uploads_count: int,
                   seed: int, window: float | None = None, concurrency: int = 8, drain_timeout: float = 600,
                   progress: bool = False) -> Report:
    rng = random.Random(seed)
    window = window if window is not None else max(20.0, uploads_count * 0.25)
    dsn = system.database_url.replace("+asyncpg", "")
    uploads = plan(uploads_count, seed)
    report = Report(uploads=len(uploads))
    await announce_relationships(system, uploads, dsn)
    clients = Clients(system, random.Random(seed + 1), op_timeout=max(600.0, window))
    pool = ThreadPoolExecutor(len(SERVICES) + 2, thread_name_prefix="fault")
    gate = asyncio.Semaphore(concurrency)
    followups: list[asyncio.Task] = []
    started = time.monotonic()

    async def one(u: Upload) -> None:
        await asyncio.sleep(max(0.0, started + window * u.n / len(uploads) - time.monotonic()))  # paced
        async with gate:
            await clients.upload(u)
        if u.outcome == "accepted" and u.then != "keep":
            followups.append(asyncio.create_task(clients.afterwards(u)))
        if progress and (u.n + 1) % max(1, len(uploads) // 10) == 0:
            print(f"  {u.n + 1} uploads sent, {len(report.faults)} faults so far", flush=True)

    try:
        injecting = asyncio.create_task(inject(system, nats_server, postgres, rng, window, started, report, pool,
                                                progress))
        await asyncio.gather(*(one(u) for u in uploads))
        report.upload_seconds = time.monotonic() - started
        await asyncio.gather(*followups)
        await injecting
        last_fault = max(f.back_at for f in report.faults)
        if progress:
            print(f"  faults over; waiting for the system to drain", flush=True)
        done, unfinished = await wait_settled(system, dsn, uploads, drain_timeout)
        report.drain_seconds = time.monotonic() - last_fault if done else None
        report.client_retries = clients.retries
        report.accepted = sum(u.outcome == "accepted" for u in uploads)
        report.rejected = sum(u.outcome.startswith("rejected") for u in uploads)
        report.gave_up = sum(u.outcome == "gave up" for u in uploads)
        for u in uploads:
            if u.outcome.startswith("rejected"):
                report.problems.append(f"{u.title}: {u.outcome} {'; '.join(u.errors)}")
        await check(system, dsn, clients, uploads, report)
    finally:
        await clients.http.aclose()
        pool.shutdown(wait=False)
    return report


def run_campaign(system: System, nats_server: NatsServer, postgres: PostgresServer, uploads: int, seed: int,
                 **options) -> Report:
    """Blocking entry point (runs its own event loop in a thread: callers may be in one)."""
    with ThreadPoolExecutor(1) as runner:
        return runner.submit(asyncio.run, campaign(system, nats_server, postgres, uploads, seed, **options)).result()


def as_json(report: Report) -> str:
    return json.dumps({k: v for k, v in report.__dict__.items() if k != "faults"} | {
        "faults": [f.__dict__ for f in report.faults]}, indent=2, default=str)


@contextmanager
def standalone(**extra_env: str) -> Iterator[tuple[System, NatsServer, PostgresServer]]:
    """Its own nats-server and Postgres in a temp dir and a started System on them (the
    campaign needs the servers' handles to restart them); everything stopped on the way out."""
    root = Path(tempfile.mkdtemp(prefix="si-chaos-"))
    root.chmod(0o755)
    nats_server, postgres = NatsServer(store=root / "nats"), PostgresServer(data=root / "pg")
    system: System | None = None
    try:
        nats_server.start()
        postgres.start()
        with ThreadPoolExecutor(1) as pool:
            database_url = pool.submit(asyncio.run, fresh_database(postgres)).result()
        system = System(database_url=database_url, nats_url=nats_server.url, extra_env={**SYSTEM_ENV, **extra_env})
        system.start(timeout=180)
        yield system, nats_server, postgres
    finally:
        for stop in ([system.stop] if system else []) + [postgres.stop, nats_server.stop]:
            try:
                stop()
            except Exception as exc:  # report and go on stopping the rest
                print(f"warning: {stop.__qualname__} failed: {exc!r}")
        shutil.rmtree(root, ignore_errors=True)

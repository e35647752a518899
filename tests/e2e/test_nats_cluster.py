"""The system on a three-node JetStream cluster with every stream and consumer at three
replicas: 200 transcripts uploaded at once, and the server leading the stream the analysis
consumer reads is killed with SIGKILL while they are in flight. Every insight completes,
none twice: not in the read model, not in the outboxes, not in the streams (by event id)."""

import asyncio
import collections
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import msgspec
import nats
import nats.js.errors
import pytest
from contracts.subjects import ANALYSIS_COMPLETED_V1, ANALYSIS_FAILED_V1, TRANSCRIPT_RECEIVED_V1
from devstack.chaos import SAMPLES, SYSTEM_ENV, Clients, Report, Upload, _sql, check, wait_settled
from devstack.nats_cluster import NatsCluster, stream_leader
from devstack.system import System
from devstack.testing import fresh_database

UPLOADS = 200
CONCURRENCY = 25
STREAM = "INGESTION"  # where TranscriptReceived lands: the analysis-workers consumer reads it
KILL_AFTER = UPLOADS // 4  # accepted uploads before the leader is killed
TEXT = (SAMPLES / "follow-up-session.txt").read_text()


@dataclass
class ClusterRun:
    report: Report = field(default_factory=Report)
    killed: str = ""
    new_leader: str | None = None
    leaderless_seconds: float | None = None
    accepted_before_kill: int = 0
    completed_before_kill: int = 0
    drain_seconds: float | None = None
    upload_seconds: float = 0.0
    events_per_insight: dict[str, int] = field(default_factory=dict)  # subject -> insights with more than one
    event_ids_repeated: dict[str, int] = field(default_factory=dict)  # subject -> event ids stored twice
    events: dict[str, int] = field(default_factory=dict)  # subject -> messages

    def lines(self) -> list[str]:
        r = self.report
        return [f"cluster_uploads: {r.uploads}", f"cluster_accepted: {r.accepted}",
                f"cluster_completed: {r.completed}", f"cluster_failed: {r.failed}", f"cluster_stuck: {r.stuck}",
                f"cluster_duplicates: {r.duplicate_total} (read model and outboxes) "
                f"{sum(self.events_per_insight.values()) + sum(self.event_ids_repeated.values())} (streams)",
                f"cluster_killed: {self.killed} (leader of {STREAM}) after {self.accepted_before_kill} accepted, "
                f"{self.completed_before_kill} completed",
                f"cluster_new_leader: {self.new_leader}",
                "cluster_without_leader: " + (f"{self.leaderless_seconds:.2f} s" if self.leaderless_seconds is not None
                                              else "never re-elected"),
                f"cluster_upload_phase: {self.upload_seconds:.1f} s",
                "cluster_drain_after_kill: " + (f"{self.drain_seconds:.1f} s" if self.drain_seconds is not None
                                                else "never (timed out)"),
                f"cluster_stream_events: {self.events}"]


@pytest.fixture(scope="module")
def cluster():
    members = NatsCluster()
    members.start()
    yield members
    members.remove()


@pytest.fixture
async def system(cluster, postgres_server):
    stack = System(database_url=await fresh_database(postgres_server), nats_url=cluster.url,
                   extra_env={**SYSTEM_ENV, "NATS_REPLICAS": "3"})
    stack.start(timeout=180)  # five services at once on a busy 2-core machine
    yield stack
    stack.stop()


async def replicas_of(url: str) -> dict[str, int]:
    client = await nats.connect(url.split(","))
    try:
        js = client.jetstream()
        found = {info.config.name: info.config.num_replicas for info in await js.streams_info()}
        workers = await js.consumer_info(STREAM, "analysis-workers")
        found["analysis-workers"] = len(workers.cluster.replicas or []) + 1
        return found
    finally:
        await client.close()


async def kill_the_leader(cluster: NatsCluster, system: System, uploads: list[Upload], run: ClusterRun,
                          dsn: str) -> float:
    """Once KILL_AFTER uploads are accepted: SIGKILL the stream's leader, then time how long
    the survivors take to elect another. Returns when the kill happened (monotonic)."""
    while sum(u.outcome == "accepted" for u in uploads) < KILL_AFTER:
        await asyncio.sleep(0.05)
    run.accepted_before_kill = sum(u.outcome == "accepted" for u in uploads)
    run.completed_before_kill = (await _sql(dsn, "select count(*) from insights.insights where status = 'completed'"))[0][0]
    run.killed = await stream_leader(cluster.url, STREAM)
    # connected to the survivors before the kill: the clock measures the election, not a connect
    watcher = await nats.connect([n.url for n in cluster.nodes if n.name != run.killed])
    try:
        js = watcher.jetstream(timeout=0.5)
        killed_at = time.monotonic()
        cluster.node(run.killed).kill()
        while time.monotonic() - killed_at < 60:
            try:
                info = await js.stream_info(STREAM)
                leader = info.cluster.leader if info.cluster else None
                if leader and leader != run.killed:
                    run.new_leader, run.leaderless_seconds = leader, time.monotonic() - killed_at
                    break
            except (nats.errors.Error, nats.js.errors.Error, asyncio.TimeoutError):
                pass
            await asyncio.sleep(0.02)
    finally:
        await watcher.close()
    return killed_at


async def stream_events(url: str, run: ClusterRun) -> None:
    """Every event in the streams, counted per insight and per event id (Nats-Msg-Id)."""
    client = await nats.connect(url.split(","))
    per_insight: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    per_id: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    try:
        js = client.jetstream()
        for stream in ("INGESTION", "ANALYSIS"):
            info = await js.stream_info(stream)
            for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
                try:
                    message = await js.get_msg(stream, seq)
                except nats.js.errors.NotFoundError:
                    continue
                if message.subject not in (TRANSCRIPT_RECEIVED_V1, ANALYSIS_COMPLETED_V1, ANALYSIS_FAILED_V1):
                    continue
                body = msgspec.json.decode(message.data)
                per_insight[message.subject][body["insight_id"]] += 1
                per_id[message.subject][(message.headers or {}).get("Nats-Msg-Id") or body["event_id"]] += 1
    finally:
        await client.close()
    run.events = {s: sum(c.values()) for s, c in per_insight.items()}
    run.events_per_insight = {s: sum(1 for n in c.values() if n > 1) for s, c in per_insight.items()}
    run.event_ids_repeated = {s: sum(1 for n in c.values() if n > 1) for s, c in per_id.items()}


async def scenario(system: System, cluster: NatsCluster) -> ClusterRun:
    run = ClusterRun()
    dsn = system.database_url.replace("+asyncpg", "")
    uploads = [Upload(n=n, user=f"cluster-client-{n % 10}", client=f"cluster-client-{n % 10}", relationship=None,
                      kind="text", source="follow-up-session.txt", title=f"chaos cluster #{n}")
               for n in range(UPLOADS)]
    run.report.uploads = len(uploads)
    clients = Clients(system, random.Random(7), op_timeout=120)
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(u: Upload) -> None:
        async with gate:
            await clients.upload(u)

    try:
        started = time.monotonic()
        killing = asyncio.create_task(kill_the_leader(cluster, system, uploads, run, dsn))
        await asyncio.gather(*(one(u) for u in uploads))
        run.upload_seconds = time.monotonic() - started
        killed_at = await killing
        done, _ = await wait_settled(system, dsn, uploads, timeout=240)
        run.drain_seconds = time.monotonic() - killed_at if done else None
        report = run.report
        report.accepted = sum(u.outcome == "accepted" for u in uploads)
        report.rejected = sum(u.outcome.startswith("rejected") for u in uploads)
        report.gave_up = sum(u.outcome == "gave up" for u in uploads)
        await check(system, dsn, clients, uploads, report)
        await stream_events(system.nats_url, run)
    finally:
        await clients.http.aclose()
    return run


@pytest.mark.timeout(600)
def test_killing_the_stream_leader_loses_and_doubles_nothing(system, cluster):
    with ThreadPoolExecutor(1) as runner:
        replicas = runner.submit(asyncio.run, replicas_of(cluster.url)).result()
        assert replicas == {"PLATFORM": 3, "INGESTION": 3, "ANALYSIS": 3, "SHARING": 3, "analysis-workers": 3}
        run = runner.submit(asyncio.run, scenario(system, cluster)).result()
    print("\n" + "\n".join(run.lines()))
    report = run.report
    assert run.killed and run.new_leader and run.new_leader != run.killed
    assert report.accepted == UPLOADS and report.rejected == 0 and report.gave_up == 0, report.problems
    assert run.drain_seconds is not None, f"never drained; stuck: {report.stuck_ids}"
    assert report.completed == UPLOADS and report.failed == 0 and report.stuck == 0
    assert report.duplicate_total == 0, report.duplicates
    assert run.events == {TRANSCRIPT_RECEIVED_V1: UPLOADS, ANALYSIS_COMPLETED_V1: UPLOADS}, run.events
    assert not any(run.events_per_insight.values()) and not any(run.event_ids_repeated.values())
    assert report.problems == []

"""The fault campaign at 100 uploads (`just chaos` runs it at 1,000): uploads through the
gateway, paired and unpaired, pasted text and files, some deleted, some shared and revoked,
while every service is killed with SIGKILL twice and nats-server and Postgres are restarted
once each. Afterwards every accepted upload is completed or failed with a reason, nothing is
stuck, nothing was consumed or stored twice, and every deletion and revocation took effect."""

import pytest
from devstack.chaos import SYSTEM_ENV, run_campaign
from devstack.system import System
from devstack.testing import empty_streams, fresh_database

UPLOADS = 100
SEED = 20261201


@pytest.fixture
async def system(postgres_server, nats_server):
    stack = System(database_url=await fresh_database(postgres_server), nats_url=await empty_streams(nats_server),
                   extra_env={**SYSTEM_ENV, "ANALYSIS_PROCESSES": "2"})  # kills hit the worker pool too
    stack.start(timeout=180)  # five services at once on a busy 2-core machine
    yield stack
    stack.stop()


@pytest.mark.timeout(600)  # restarts take 10-60 s each on a busy machine; ~2-4 minutes in all
def test_a_hundred_uploads_survive_kills_and_restarts_of_everything(system, nats_server, postgres_server):
    # drain: a message in flight when its consumer is killed waits out ack_wait (60 s) before it is
    # redelivered, twice if the service is killed twice; under the full suite's load 150 s once left
    # two deletions waiting (94 completed + 6 deleted, nothing lost or doubled)
    report = run_campaign(system, nats_server, postgres_server, UPLOADS, SEED, window=25, drain_timeout=240)
    print("\n".join(report.lines()))
    kinds = [f.kind for f in report.faults]
    assert sorted(kinds) == sorted([f"kill -9 {name}" for name in
                                    ("ingestion", "analysis", "insights", "sharing", "gateway") for _ in (1, 2)]
                                   + ["restart nats", "restart postgres"])
    assert report.accepted == UPLOADS and report.rejected == 0 and report.gave_up == 0, report.problems
    assert report.drain_seconds is not None, f"never drained; stuck: {report.stuck_ids}"
    assert report.stuck == 0
    assert report.completed + report.failed + report.deletions == UPLOADS
    assert all(reason for reason in report.failed_reasons), report.failed_reasons  # every failure says why
    assert report.duplicate_total == 0, report.duplicates
    assert report.deletions > 0 and report.deletions_not_applied == []
    assert report.revocations > 0 and report.revocations_not_applied == []
    assert report.shares_kept > 0 and report.shares_lost == []
    assert report.problems == []

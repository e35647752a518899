"""Analysis workers on real NATS + Postgres with a scripted OpenAI-compatible LLM:
in-progress acks, giving up after max_deliver, the operator re-run, erasure, and two
processes sharing the work."""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import pytest
from devstack.system import System
from devstack.testing import started_system

ROOT = Path(__file__).parents[2]
API = "/api/v1/session-insights"
OPERATOR_TOKEN = "operator-test-token"
TRANSCRIPT = ("Maya: What would you like to focus on today?\n"
              "Alice: I keep putting off the hard conversation with my manager.\n"
              "Maya: What would make it easier to start?\n"
              "Alice: I will book a meeting with her on Monday and bring my notes.")


def _load_fake_llm():
    # The scripted LLM lives with the analysis service's tests; load it by path.
    spec = importlib.util.spec_from_file_location("analysis_fake_llm", ROOT / "services/analysis/tests/fake_llm.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fake = _load_fake_llm()


# One system for the whole module (five services start in 10-30 s on a busy machine), set up
# so every scenario here fits: in-progress acks beat a 1.5 s ack_wait, 2 deliveries, no fallback.
SETTINGS = {"ANALYSIS_ACK_WAIT": "1.5", "ANALYSIS_MAX_DELIVER": "2", "ANALYSIS_FALLBACK": "none",
            "ANALYSIS_CONCURRENCY": "1", "INSIGHTS_LLM_API_KEY": "test-key", "INSIGHTS_LLM_MODEL": "fake-model",
            "INSIGHTS_LLM_MAX_ATTEMPTS": "2", "INSIGHTS_LLM_BACKOFF_SECONDS": "0.05",
            "INSIGHTS_LLM_PRICE_IN_PER_1K": "0.5", "INSIGHTS_LLM_PRICE_OUT_PER_1K": "1.5",
            "ANALYSIS_OPERATOR_TOKEN": OPERATOR_TOKEN}


@pytest.fixture(scope="module")
def llm_server():
    server = fake.FakeLLM().start()
    yield server
    server.stop()


@pytest.fixture
def llm(llm_server):
    llm_server.requests.clear()
    llm_server.script.clear()
    return llm_server


@pytest.fixture(scope="module")
async def system(postgres_server, nats_server, llm_server):
    stack = await started_system(postgres_server, nats_server, **SETTINGS, INSIGHTS_LLM_BASE_URL=llm_server.url)
    yield stack
    stack.stop()


def start_extra_analysis(system: System, name: str) -> None:
    """Another `python -m analysis` on its own port, sharing the durable consumer."""
    system.start_replica(name, "analysis")


def submit(client: httpx.Client, system: System, title: str) -> str:
    response = client.post(f"{API}/unpaired/from-text", headers=system.headers("client-alice"),
                           json={"transcript_text": TRANSCRIPT, "session_title": title})
    assert response.status_code == 202, response.text
    return response.json()["id"]


def wait_all(client: httpx.Client, system: System, ids: list[str], timeout: float = 60) -> dict[str, dict]:
    done: dict[str, dict] = {}
    deadline = time.monotonic() + timeout
    while len(done) < len(ids) and time.monotonic() < deadline:
        for insight_id in set(ids) - set(done):
            body = client.get(f"{API}/{insight_id}", headers=system.headers("client-alice")).json()
            if body["status"] in ("completed", "failed"):
                done[insight_id] = body
        time.sleep(0.05)
    assert len(done) == len(ids), f"unfinished after {timeout}s:\n{system.log_tail('analysis')}"
    return done


async def fetch(database_url: str, sql: str, *args) -> list:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


RUNS = "select attempt, analyzer, model, outcome, prompt_tokens, completion_tokens, estimated_cost_usd, " \
       "latency_ms, worker, error from analysis.analysis_runs where insight_id = $1 order by attempt"


async def test_an_analysis_longer_than_ack_wait_is_not_redelivered(system, llm):
    database_url = system.database_url
    llm.default = fake.quoting_answer(delay=3.5)  # > ANALYSIS_ACK_WAIT: only in-progress acks keep it ours
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        insight_id = submit(client, system, "slow")
        detail = wait_all(client, system, [insight_id], timeout=30)[insight_id]
        time.sleep(2)  # a redelivery, had there been one, would have reached the LLM by now
    assert detail["status"] == "completed" and detail["metadata"]["ai_provider"] == "openai"
    assert detail["action_items"][0]["evidence"] == ["I will book a meeting with her on Monday and bring my notes."]
    assert len(llm.requests) == 1
    [run] = await fetch(database_url, RUNS, insight_id)
    assert (run["attempt"], run["analyzer"], run["model"], run["outcome"]) == (1, "openai", "fake-model", "completed")
    assert (run["prompt_tokens"], run["completion_tokens"], run["estimated_cost_usd"]) == (1000, 200, 0.8)
    assert run["latency_ms"] >= 3500 and run["worker"].endswith(f":{system.processes['analysis'].pid}")


async def test_after_max_deliver_the_insight_fails_readably_and_an_operator_can_rerun_it(system, llm):
    database_url = system.database_url
    llm.default = fake.error(500, "model crashed")
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        insight_id = submit(client, system, "doomed")
        failed = wait_all(client, system, [insight_id], timeout=30)[insight_id]
        assert failed["status"] == "failed"
        assert failed["processing_error"] == ("The analysis could not be completed (the AI service answered "
                                              "with an error, HTTP 500 (2 attempts)).")
        assert len(llm.requests) == 4  # 2 deliveries x 2 calls each, then no more
        runs = await fetch(database_url, RUNS, insight_id)
        assert [(r["attempt"], r["outcome"]) for r in runs] == [(1, "failed"), (2, "gave_up")]
        assert all(r["worker"] and "HTTP 500" in r["error"] for r in runs)

        # The LLM is back: the operator re-runs it.
        llm.default = fake.quoting_answer()
        rerun_url = f"{system.url('analysis')}/internal/v1/analyses/{insight_id}/rerun"
        assert httpx.post(rerun_url).status_code == 401
        cli = subprocess.run([sys.executable, "-m", "analysis.reanalyze", insight_id], capture_output=True,
                             text=True, env={**os.environ, "ANALYSIS_URL": system.url("analysis"),
                                             "ANALYSIS_OPERATOR_TOKEN": OPERATOR_TOKEN}, timeout=60)
        assert cli.returncode == 0, cli.stdout + cli.stderr
        assert '"attempt": 3' in cli.stdout
        redone = wait_all_status(client, system, insight_id, "completed")
        assert redone["action_items"] and redone["processing_error"] is None
        runs = await fetch(database_url, RUNS, insight_id)
        assert [(r["attempt"], r["outcome"]) for r in runs][-1] == (3, "completed")

        # Erasure takes analysis' copy of the transcript and the runs with it.
        assert client.delete(f"{API}/{insight_id}", headers=system.headers("client-alice")).status_code == 204
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and await fetch(database_url, RUNS, insight_id):
            time.sleep(0.1)
        assert await fetch(database_url, RUNS, insight_id) == []
        assert await fetch(database_url, "select 1 from analysis.transcripts where insight_id = $1",
                           insight_id) == []
        assert httpx.post(rerun_url, headers={"Authorization": f"Bearer {OPERATOR_TOKEN}"}).status_code == 404


def wait_all_status(client: httpx.Client, system: System, insight_id: str, status: str, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"{API}/{insight_id}", headers=system.headers("client-alice")).json()
        if body["status"] == status:
            return body
        time.sleep(0.05)
    raise AssertionError(f"{insight_id} is {body['status']}, not {status}")


async def test_two_processes_share_the_work_nearly_doubling_throughput(system, llm):
    llm.default = fake.quoting_answer(delay=1.0)  # a slow LLM: the work is waiting, as in production
    count = 8
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        one, one_ids = _timed_batch(client, system, count, "one worker")
        start_extra_analysis(system, "analysis-2")
        try:
            two, two_ids = _timed_batch(client, system, count, "two workers")
        finally:
            system.kill("analysis-2")
    print(f"analysis_throughput_1_worker: {count / one:.2f} transcripts/s ({one:.2f} s for {count})")
    print(f"analysis_throughput_2_workers: {count / two:.2f} transcripts/s ({two:.2f} s for {count})")
    print(f"analysis_speedup: {one / two:.2f}x")

    rows = await fetch(system.database_url, "select insight_id, outcome, worker from analysis.analysis_runs "
                                            "where insight_id = any($1::text[])", one_ids + two_ids)
    assert sorted(r["insight_id"] for r in rows) == sorted(one_ids + two_ids)  # one run each: nothing twice
    assert {r["outcome"] for r in rows} == {"completed"} and len(llm.requests) == 2 * count
    pids = {r["worker"].rsplit(":", 1)[1] for r in rows if r["insight_id"] in two_ids}
    assert len(pids) == 2, f"one process did all the work: {pids}"
    assert one / two > 1.5


def _timed_batch(client: httpx.Client, system: System, count: int, label: str) -> tuple[float, list[str]]:
    started = time.monotonic()
    ids = [submit(client, system, f"{label} {n}") for n in range(count)]
    done = wait_all(client, system, ids, timeout=60)
    assert {d["status"] for d in done.values()} == {"completed"}
    return time.monotonic() - started, ids

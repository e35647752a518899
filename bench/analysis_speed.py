"""How fast analysis is: the embedded analyzer in process, upload -> completed through the
whole system under load, and worker scaling against a slow (scripted, 2 s) LLM.

1. embedded analyzer ms per 1,000 words (in process, median of several runs);
2. upload -> completed p50/p95 for 200 uploads at 8 concurrent clients through the gateway
   (embedded analyzer);
3. throughput with 1, 2 and 4 analysis processes (ANALYSIS_CONCURRENCY=1 each) against the
   scripted OpenAI-compatible server of the analysis tests, answering after a fixed 2 s.

Starts its own nats-server and Postgres in temp dirs and the five services as processes
(one system: the analysis process is swapped for one with the LLM settings before part 3).
Prints `name: value unit` lines.
"""

import asyncio
import importlib.util
import logging
import statistics
import sys
import time
from pathlib import Path

import httpx
import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript, sentences
from contracts.transcript import Transcript, Turn
from devstack.system import System
from devstack.testing import standalone_system
from ingestion.domain.roles import assign_roles
from ingestion.domain.text_transcript import parse_labelled_text

ROOT = Path(__file__).resolve().parents[1]
API = "/api/v1/session-insights"
LONG = ROOT / "samples" / "long-session-60min.txt"
LEADERSHIP = ROOT / "samples" / "leadership-session.txt"

E2E_UPLOADS, E2E_CLIENTS, E2E_POLL_SECONDS = 200, 8, 0.02
E2E_TIMEOUT = 120.0  # for all 200 uploads together
LLM_DELAY = 2.0
LLM_WORKERS = (1, 2, 4)
LLM_PER_WORKER = 8  # each round submits 4 x workers x 2 transcripts
LLM_ROUND_TIMEOUT = 90.0
LLM_SETTINGS = {"INSIGHTS_LLM_API_KEY": "bench-key", "INSIGHTS_LLM_MODEL": "fake-model",
                "ANALYSIS_FALLBACK": "none", "INSIGHTS_LLM_MAX_ATTEMPTS": "2",
                "INSIGHTS_LLM_BACKOFF_SECONDS": "0.05", "INSIGHTS_LLM_TIMEOUT_SECONDS": "30"}


def load_fake_llm():
    # The scripted LLM lives with the analysis service's tests; load it by path (as tests/e2e does).
    spec = importlib.util.spec_from_file_location("analysis_fake_llm", ROOT / "services/analysis/tests/fake_llm.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# --- 1. the embedded analyzer in process ---------------------------------------------------

def transcript_from(path: Path) -> Transcript:
    """What ingestion would hand analysis for this text upload: labelled turns, roles decided."""
    return assign_roles(parse_labelled_text(path.read_text()))


def embedded_ms(transcript: Transcript, runs: int) -> float:
    """Median wall time of analyze_transcript, on a fresh copy each run (no sentence cache)."""
    analyze_transcript(transcript)  # warm-up: lazy imports, lexicons
    times = []
    for _ in range(runs):
        sentences.split.cache_clear()
        fresh = Transcript(turns=[Turn(**msgspec.structs.asdict(t)) for t in transcript.turns],
                           speakers=transcript.speakers, source_format=transcript.source_format)
        started = time.perf_counter()
        analyze_transcript(fresh)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_embedded() -> None:
    long, leadership = transcript_from(LONG), transcript_from(LEADERSHIP)
    long_ms, short_ms = embedded_ms(long, 7), embedded_ms(leadership, 15)
    long_words, short_words = long.word_count, leadership.word_count
    print(f"embedded_full_session: {long_ms:.0f} ms ({LONG.name}, {long_words} words in turns)")
    print(f"embedded_leadership_session: {short_ms:.1f} ms ({LEADERSHIP.name}, {short_words} words in turns)")
    print(f"embedded_ms_per_1000_words: {long_ms / long_words * 1000:.1f} ms (full {long_words}-word session)")
    print(f"embedded_ms_per_1000_words_leadership: {short_ms / short_words * 1000:.1f} ms "
          f"({short_words}-word session)")
    # the same session pasted without speaker labels arrives as one turn: no step may grow with the square of a
    # turn's length (one did, and a 31,000-word turn took 23 s)
    pasted = Transcript(turns=[Turn(speaker="Unknown", role="client", text=" ".join(t.text for t in long.turns))])
    pasted_ms = embedded_ms(pasted, 5)
    print(f"embedded_one_turn_session: {pasted_ms:.0f} ms ({LONG.name} as one turn; {pasted_ms / long_ms:.2f} x "
          f"the labelled session)")


# --- shared helpers -------------------------------------------------------------------------



async def submit(client: httpx.AsyncClient, headers: dict, text: str, title: str) -> str:
    response = await client.post(f"{API}/unpaired/from-text", headers=headers,
                                 json={"transcript_text": text, "session_title": title})
    if response.status_code != 202:
        raise RuntimeError(f"upload refused: HTTP {response.status_code} {response.text[:300]}")
    return response.json()["id"]


async def status_of(client: httpx.AsyncClient, headers: dict, insight_id: str) -> dict | None:
    response = await client.get(f"{API}/{insight_id}", headers=headers)
    if response.status_code == 404:  # not projected yet
        return None
    response.raise_for_status()
    body = response.json()
    return body if body["status"] in ("completed", "failed") else None


def failure(system: System, message: str, service: str = "analysis") -> RuntimeError:
    return RuntimeError(f"{message}\n--- last lines of {service}.log ---\n{system.log_tail(service)}")


# --- 2. upload -> completed under load, embedded analyzer --------------------------------------

async def e2e_load(system: System, text: str) -> tuple[list[float], float, int]:
    headers = system.headers("bench-e2e")
    latencies: list[float] = []
    failed = 0
    remaining = E2E_UPLOADS
    limits = httpx.Limits(max_connections=E2E_CLIENTS * 2, max_keepalive_connections=E2E_CLIENTS * 2)
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30, limits=limits) as client:

        async def one_client(number: int) -> None:
            nonlocal remaining, failed
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                insight_id = await submit(client, headers, text, f"e2e {number}-{remaining}")
                while (done := await status_of(client, headers, insight_id)) is None:
                    await asyncio.sleep(E2E_POLL_SECONDS)
                latencies.append(time.perf_counter() - started)
                failed += done["status"] != "completed"

        started = time.perf_counter()
        try:
            await asyncio.wait_for(asyncio.gather(*(one_client(n) for n in range(E2E_CLIENTS))), E2E_TIMEOUT)
        except TimeoutError:
            raise failure(system, f"e2e: only {len(latencies)} of {E2E_UPLOADS} uploads completed "
                                  f"in {E2E_TIMEOUT:.0f} s") from None
        return latencies, time.perf_counter() - started, failed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bench_e2e(system: System) -> None:
    text = LEADERSHIP.read_text()

    async def warm_up() -> None:  # the first analysis loads lexicons; connections get made
        async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
            await wait_all(system, client, system.headers("bench-warm"),
                           [await submit(client, system.headers("bench-warm"), text, f"warm {n}") for n in range(3)],
                           60, "warm-up")

    asyncio.run(warm_up())
    latencies, seconds, failed = asyncio.run(e2e_load(system, text))
    if failed:
        raise failure(system, f"e2e: {failed} of {E2E_UPLOADS} analyses failed")
    label = f"e2e_{E2E_UPLOADS}_uploads_{E2E_CLIENTS}_clients"
    print(f"{label}_p50: {percentile(latencies, 50) * 1000:.0f} ms")
    print(f"{label}_p95: {percentile(latencies, 95) * 1000:.0f} ms")
    print(f"{label}_max: {max(latencies) * 1000:.0f} ms")
    print(f"{label}_throughput: {E2E_UPLOADS / seconds:.1f} analyses/s ({seconds:.1f} s)")


# --- 3. worker scaling against a 2 s LLM ------------------------------------------------------

async def wait_all(system: System, client: httpx.AsyncClient, headers: dict, ids: list[str], timeout: float,
                   label: str) -> dict[str, dict]:
    done: dict[str, dict] = {}
    deadline = time.monotonic() + timeout
    while len(done) < len(ids):
        if time.monotonic() > deadline:
            raise failure(system, f"{label}: {len(ids) - len(done)} of {len(ids)} analyses unfinished "
                                  f"after {timeout:.0f} s")
        pending = [i for i in ids if i not in done]
        for insight_id, body in zip(pending, await asyncio.gather(*(status_of(client, headers, i) for i in pending)),
                                    strict=True):
            if body is not None:
                done[insight_id] = body
        if len(done) < len(ids):
            await asyncio.sleep(0.05)
    return done


async def llm_round(system: System, text: str, workers: int) -> float:
    headers = system.headers("bench-llm")
    count = LLM_PER_WORKER * workers
    label = f"llm round with {workers} worker(s)"
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
        started = time.perf_counter()
        ids = await asyncio.gather(*(submit(client, headers, text, f"llm {workers}w {n}") for n in range(count)))
        done = await wait_all(system, client, headers, list(ids), LLM_ROUND_TIMEOUT, label)
        seconds = time.perf_counter() - started
    bad = [d for d in done.values() if d["status"] != "completed" or d["metadata"].get("ai_provider") != "openai"
           or d["metadata"].get("fallback_used")]
    if bad:
        raise failure(system, f"{label}: {len(bad)} analyses did not complete with the LLM, e.g. "
                              f"status={bad[0]['status']} metadata={bad[0].get('metadata')} "
                              f"error={bad[0].get('processing_error')}")
    return seconds


def bench_llm(system: System, llm_url: str) -> None:
    # Swap the embedded analysis process for one with the LLM settings (same NATS, Postgres, consumer).
    system.extra_env.update({**LLM_SETTINGS, "INSIGHTS_LLM_BASE_URL": llm_url, "ANALYSIS_CONCURRENCY": "1"})
    system.kill("analysis")
    system.start_replica("analysis", "analysis")
    text = LEADERSHIP.read_text()
    throughput: dict[int, float] = {}
    running = 1
    for workers in LLM_WORKERS:
        while running < workers:
            running += 1
            system.start_replica(f"analysis-{running}", "analysis")
        seconds = asyncio.run(llm_round(system, text, workers))
        count = LLM_PER_WORKER * workers
        throughput[workers] = count / seconds
        print(f"llm_{LLM_DELAY:.0f}s_throughput_{workers}_workers: {throughput[workers]:.2f} analyses/s "
              f"({count} in {seconds:.1f} s; ideal {workers / LLM_DELAY:.2f})")
    for workers in LLM_WORKERS[1:]:
        print(f"llm_{LLM_DELAY:.0f}s_speedup_{workers}_workers: {throughput[workers] / throughput[1]:.2f} x "
              f"(ideal {workers}.00)")


def main() -> None:
    for name in ("httpx", "httpcore"):  # one line per request otherwise
        logging.getLogger(name).setLevel(logging.WARNING)
    overall = time.perf_counter()
    bench_embedded()

    fake = load_fake_llm()
    llm = fake.FakeLLM()
    llm.default = fake.quoting_answer(delay=LLM_DELAY)  # a valid answer quoting the transcript, after 2 s
    llm.start()
    try:
        with standalone_system(GATEWAY_CREATE_PER_MINUTE="1000000", ANALYSIS_CONCURRENCY="1") as system:
            started = time.perf_counter()
            system.start(timeout=90)
            print(f"system_start: {time.perf_counter() - started:.1f} s")
            bench_e2e(system)
            bench_llm(system, llm.url)
            print(f"bench_total: {time.perf_counter() - overall:.0f} s")
    finally:
        llm.stop()


if __name__ == "__main__":
    main()

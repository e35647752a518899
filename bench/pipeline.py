"""Upload -> completed latency through the whole running system (gateway, ingestion, NATS,
analysis, insights): one upload at a time for a ~1,000-word and a ~9,000-word transcript,
then 200 uploads of ~1,000 words from 8 concurrent clients (each uploads, waits for its
insight to complete, uploads the next).

Two clocks for the concurrent part: what a client saw (upload sent -> it read "completed",
polling every 50 ms) and what the system recorded (the insight's created_at -> completed_at,
no polling granularity in it).

Runs against `just bench`'s system, or starts its own (nats-server, Postgres, five services).
Prints `name: value unit` lines.
"""

import asyncio
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from shared_system import bench_system  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
API = "/api/v1/session-insights"
UPLOADS, CLIENTS, POLL_SECONDS = 200, 8, 0.05


SESSION = ROOT / "samples" / "long-session-60min.txt"  # one coach, one client


def transcript_of(words: int) -> str:
    """The hour-long sample's turns, in order (repeated past its end), until the word count is
    reached: one coach and one client throughout, as a real session has."""
    lines = [line for line in SESSION.read_text().splitlines() if line.strip()]
    out, count, i = [], 0, 0
    while count < words:
        line = lines[i % len(lines)]
        out.append(line)
        count += len(line.split())
        i += 1
    return "\n".join(out)


def distinct(text: str, n: int) -> str:
    """The same session with one more line by its last speaker, so no two uploads are equal."""
    speaker = text.rsplit("\n", 1)[-1].split(":", 1)[0]
    return f"{text}\n{speaker}: That was number {n}."


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


async def upload_until_done(client: httpx.AsyncClient, headers: dict, text: str) -> tuple[float, float]:
    """(seconds the client waited, seconds the system recorded) for one upload."""
    started = time.perf_counter()
    answer = await client.post(f"{API}/unpaired/from-text", headers=headers, json={"transcript_text": text})
    if answer.status_code != 202:
        raise RuntimeError(f"upload refused: {answer.status_code} {answer.text[:200]}")
    insight_id = answer.json()["id"]
    while True:
        detail = (await client.get(f"{API}/{insight_id}", headers=headers)).json()
        if detail.get("status") in ("completed", "failed"):
            break
        await asyncio.sleep(POLL_SECONDS)
    seen = time.perf_counter() - started
    if detail["status"] != "completed":
        raise RuntimeError(f"insight {insight_id} failed: {detail.get('processing_error')}")
    recorded = (datetime.fromisoformat(detail["completed_at"]) - datetime.fromisoformat(detail["created_at"]))
    return seen, recorded.total_seconds()


async def one_at_a_time(client: httpx.AsyncClient, headers: dict, words: int, runs: int) -> list[float]:
    text = transcript_of(words)
    return [(await upload_until_done(client, headers, distinct(text, n)))[0] for n in range(runs)]


async def concurrent(client: httpx.AsyncClient, headers: dict) -> tuple[list[float], list[float], float]:
    text, pending = transcript_of(1000), list(range(UPLOADS))
    seen: list[float] = []
    recorded: list[float] = []

    async def worker() -> None:
        while pending:
            n = pending.pop()
            a, b = await upload_until_done(client, headers, distinct(text, n))
            seen.append(a)
            recorded.append(b)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    return seen, recorded, time.perf_counter() - started


async def run(gateway_url: str, headers: dict) -> None:
    limits = httpx.Limits(max_connections=CLIENTS * 2)
    async with httpx.AsyncClient(base_url=gateway_url, timeout=60, limits=limits) as client:
        await one_at_a_time(client, headers, 300, 2)  # warm-up: the first analyses load models
        for words in (1000, 9000):
            latencies = await one_at_a_time(client, headers, words, 10)
            print(f"upload_to_completed_{words}_words_p50: {statistics.median(latencies) * 1000:.0f} ms")
            print(f"upload_to_completed_{words}_words_max: {max(latencies) * 1000:.0f} ms", flush=True)
        seen, recorded, wall = await concurrent(client, headers)
    for name, values in (("client", seen), ("recorded", recorded)):
        print(f"upload_to_completed_{CLIENTS}_clients_{name}_p50: {statistics.median(values) * 1000:.0f} ms")
        print(f"upload_to_completed_{CLIENTS}_clients_{name}_p95: {percentile(values, 0.95) * 1000:.0f} ms")
    print(f"upload_to_completed_{CLIENTS}_clients_throughput: {len(seen) / wall:.2f} sessions/s")
    print(f"upload_to_completed_{CLIENTS}_clients_uploads: {len(seen)} count")


def main() -> None:
    with bench_system() as system:
        asyncio.run(run(system.gateway_url, system.headers("bench-pipeline")))


if __name__ == "__main__":
    main()

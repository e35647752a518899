"""Upload -> completed latency through the whole running system (gateway, ingestion, NATS,
analysis, insights): one upload at a time for a ~1,000-word and a ~9,000-word transcript,
then 200 uploads of ~1,000 words from 8 concurrent clients (each uploads, waits for its
insight to complete, uploads the next).

Each client waits as the dashboard does (live.js): on the insight's server-sent status
stream (GET /{id}/events), which the gateway wakes when the insights service pushes a status
hint; polling the detail route every second only if the stream ends early.

Two clocks for the concurrent part: what a client saw (upload sent -> it read "completed" on
the stream) and what the system recorded (the insight's created_at -> completed_at). And the
CPU each part of the system spent per upload over the concurrent part (`..._cpu_<part>`: the
services with their worker processes, nats-server, Postgres, and this client), which the
machine's other load does not blur as it does the latencies.

Runs against `just bench`'s system, or starts its own (nats-server, Postgres, five services).
Prints `name: value unit` lines.
"""

import asyncio
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).parent))
from shared_system import bench_system, services_root_pid  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
API = "/api/v1/session-insights"
UPLOADS, CLIENTS = 200, 8
FALLBACK_POLL_SECONDS = 1.0  # as live.js, when a stream ends before the insight settles
FINAL = ("completed", "failed", "deleted")
PARTS = ("gateway", "ingestion", "analysis", "insights", "sharing", "nats-server", "postgres")


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


async def streamed_status(client: httpx.AsyncClient, headers: dict, insight_id: str) -> str | None:
    """The last status the insight's event stream told, read until a final one (None: the
    stream was refused)."""
    status = None
    async with client.stream("GET", f"{API}/{insight_id}/events", headers=headers) as response:
        if response.status_code != 200:
            return None
        event, data = "status", []
        async for line in response.aiter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
            elif not line and data:  # an event ends at a blank line
                if event == "status":
                    status = json.loads("\n".join(data))["status"]
                    if status in FINAL:
                        return status
                elif event == "error":
                    return status
                event, data = "status", []
    return status


async def upload_until_done(client: httpx.AsyncClient, headers: dict, text: str) -> tuple[float, float]:
    """(seconds the client waited, seconds the system recorded) for one upload."""
    started = time.perf_counter()
    answer = await client.post(f"{API}/unpaired/from-text", headers=headers, json={"transcript_text": text})
    if answer.status_code != 202:
        raise RuntimeError(f"upload refused: {answer.status_code} {answer.text[:200]}")
    insight_id = answer.json()["id"]
    status = await streamed_status(client, headers, insight_id)
    while status not in FINAL:  # the stream ended early (or was refused): poll, as live.js does
        await asyncio.sleep(FALLBACK_POLL_SECONDS)
        status = (await client.get(f"{API}/{insight_id}", headers=headers)).json().get("status")
    seen = time.perf_counter() - started
    detail = (await client.get(f"{API}/{insight_id}", headers=headers)).json()  # the system's own clock
    if detail["status"] != "completed":
        raise RuntimeError(f"insight {insight_id} failed: {detail.get('processing_error')}")
    recorded = (datetime.fromisoformat(detail["completed_at"]) - datetime.fromisoformat(detail["created_at"]))
    return seen, recorded.total_seconds()


def cpu_seconds_by_part() -> dict[str, float]:
    """CPU seconds (user + system) so far of each part of the running system, its worker
    processes included, and of this client."""
    root = psutil.Process(services_root_pid())
    found = dict.fromkeys([*PARTS, "client"], 0.0)
    found["client"] = sum(psutil.Process().cpu_times()[:2])
    part_of: dict[int, str] = {}
    for process in sorted(root.children(recursive=True), key=lambda p: p.pid):
        try:
            command = " ".join(process.cmdline())
            part = next((p for p in PARTS if f"-m {p}" in command or os.path.basename(process.exe()) == p
                         or process.name() == p), None) or part_of.get(process.ppid())
            if part is not None and process.pid != os.getpid():
                part_of[process.pid] = part
                found[part] += sum(process.cpu_times()[:2])
        except psutil.Error:  # gone meanwhile
            continue
    return found


async def one_at_a_time(client: httpx.AsyncClient, headers: dict, words: int, runs: int) -> list[float]:
    text = transcript_of(words)
    return [(await upload_until_done(client, headers, distinct(text, n)))[0] for n in range(runs)]


async def concurrent(client: httpx.AsyncClient, headers_of: Callable[[int], dict]
                     ) -> tuple[list[float], list[float], float]:
    text, pending = transcript_of(1000), list(range(UPLOADS))
    seen: list[float] = []
    recorded: list[float] = []

    async def worker(headers: dict) -> None:
        while pending:
            n = pending.pop()
            a, b = await upload_until_done(client, headers, distinct(text, n))
            seen.append(a)
            recorded.append(b)

    started = time.perf_counter()
    # a user each: the gateway holds a few live streams per user (GATEWAY_STREAMS_PER_USER)
    await asyncio.gather(*(worker(headers_of(i)) for i in range(CLIENTS)))
    return seen, recorded, time.perf_counter() - started


async def run(gateway_url: str, headers_of: Callable[[int], dict]) -> None:
    limits = httpx.Limits(max_connections=CLIENTS * 2)
    async with httpx.AsyncClient(base_url=gateway_url, timeout=60, limits=limits) as client:
        await one_at_a_time(client, headers_of(0), 300, 2)  # warm-up: the first analyses load models
        for words in (1000, 9000):
            latencies = await one_at_a_time(client, headers_of(0), words, 10)
            print(f"upload_to_completed_{words}_words_p50: {statistics.median(latencies) * 1000:.0f} ms")
            print(f"upload_to_completed_{words}_words_max: {max(latencies) * 1000:.0f} ms", flush=True)
        cpu = cpu_seconds_by_part()
        seen, recorded, wall = await concurrent(client, headers_of)
        cpu = {part: spent - cpu[part] for part, spent in cpu_seconds_by_part().items()}
    for name, values in (("client", seen), ("recorded", recorded)):
        print(f"upload_to_completed_{CLIENTS}_clients_{name}_p50: {statistics.median(values) * 1000:.0f} ms")
        print(f"upload_to_completed_{CLIENTS}_clients_{name}_p95: {percentile(values, 0.95) * 1000:.0f} ms")
    print(f"upload_to_completed_{CLIENTS}_clients_throughput: {len(seen) / wall:.2f} sessions/s")
    print(f"upload_to_completed_{CLIENTS}_clients_uploads: {len(seen)} count")
    for part, spent in cpu.items():
        print(f"upload_to_completed_{CLIENTS}_clients_cpu_{part.replace('-', '_')}: "
              f"{spent / len(seen) * 1000:.1f} ms")
    print(f"upload_to_completed_{CLIENTS}_clients_load_average: {os.getloadavg()[0]:.1f} load")


def main() -> None:
    with bench_system() as system:
        asyncio.run(run(system.gateway_url, lambda i: system.headers(f"bench-pipeline-{i}")))


if __name__ == "__main__":
    main()

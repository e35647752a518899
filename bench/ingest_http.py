"""Upload request latency through the gateway's unpaired file endpoint (multipart, streamed
to ingestion, spooled, extracted, stored with its outbox row): 200 uploads of
samples/leadership-session.txt from 8 concurrent clients, after a warm-up.

Runs against `just bench`'s system, or starts its own (nats-server, Postgres, five services).
Prints `name: value unit` lines.
"""

import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx
from devstack.system import System

sys.path.insert(0, str(Path(__file__).parent))
from shared_system import bench_system  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
API = "/api/v1/session-insights"
SAMPLE = (ROOT / "samples" / "leadership-session.txt").read_bytes()
UPLOADS, CLIENTS, WARM_UP = 200, 8, 20




async def upload(client: httpx.AsyncClient, headers: dict, n: int) -> float:
    started = time.perf_counter()
    response = await client.post(f"{API}/unpaired", headers=headers, data={"session_title": f"bench {n}"},
                                 files={"transcript_file": ("leadership-session.txt", SAMPLE, "text/plain")})
    elapsed = time.perf_counter() - started
    if response.status_code != 202:
        raise RuntimeError(f"upload {n}: {response.status_code} {response.text[:200]}")
    return elapsed


async def run(system: System) -> None:
    headers = system.headers("bench-user")
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(UPLOADS):
        queue.put_nowait(n)
    latencies: list[float] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            latencies.append(await upload(client, headers, queue.get_nowait()))

    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=60) as client:
        # the extractor warms up in the background after start; the second half is one client alone
        sequential = [await upload(client, headers, -n) for n in range(WARM_UP)][WARM_UP // 2:]
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(CLIENTS)))
        wall = time.perf_counter() - started
    latencies.sort()
    print(f"upload_file_1_client_p50: {statistics.median(sequential) * 1000:.1f} ms")
    print(f"upload_file_{CLIENTS}_clients_p50: {statistics.median(latencies) * 1000:.1f} ms")
    print(f"upload_file_{CLIENTS}_clients_p95: {latencies[int(len(latencies) * 0.95) - 1] * 1000:.1f} ms")
    print(f"upload_file_{CLIENTS}_clients_max: {latencies[-1] * 1000:.1f} ms")
    print(f"upload_file_{CLIENTS}_clients_throughput: {len(latencies) / wall:.1f} uploads/s")
    print(f"upload_file_size: {len(SAMPLE) / 1024:.1f} KiB")


def main() -> None:
    # the per-user create rate limit (30/min) would measure the limiter, not the upload path
    with bench_system() as system:
        asyncio.run(run(system))


if __name__ == "__main__":
    main()

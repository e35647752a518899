"""The gateway's overhead: my-insights through the gateway against the same route called
on the insights service directly, in one run, same data, same load.

Prints `name: value unit` lines.
"""

import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).parent))
from loadgen import run_load  # noqa: E402

from devstack.system import System  # noqa: E402
from devstack.testing import NatsServer, PostgresServer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CONCURRENCY, REQUESTS = 16, 2000


async def make_database(pg: PostgresServer) -> str:
    conn = await asyncpg.connect(pg.dsn())
    await conn.execute("create database bench_gateway")
    await conn.close()
    return pg.url("bench_gateway")


def seed(system: System, user: str, count: int) -> None:
    text = (ROOT / "samples" / "leadership-session.txt").read_text()
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        ids = [client.post("/api/v1/session-insights/unpaired/from-text", headers=system.headers(user),
                           json={"transcript_text": text, "session_title": f"s{n}"}).json()["id"]
               for n in range(count)]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            listed = client.get("/api/v1/session-insights/my-insights", headers=system.headers(user)).json()
            if sum(i["status"] == "completed" for i in listed["unpaired_insights"]) == min(count, 20):
                return
            time.sleep(0.2)
        raise TimeoutError(f"seeded insights did not complete: {ids[:3]}...")


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="si-bench-gw-"))
    root.chmod(0o755)
    nats_server, pg = NatsServer(store=root / "nats"), PostgresServer(data=root / "pg")
    nats_server.start()
    pg.start()
    system = System(database_url=asyncio.run(make_database(pg)), nats_url=nats_server.url,
                    extra_env={"GATEWAY_CREATE_PER_MINUTE": "100000"})
    try:
        system.start()
        seed(system, "bench-client", 20)
        headers = system.headers("bench-client")
        query = "/my-insights?limit=20"
        direct_url = f"{system.url('insights')}/v1/insights{query}"
        gateway_url = f"{system.gateway_url}/api/v1/session-insights{query}"
        asyncio.run(run_load(gateway_url, headers, CONCURRENCY, 200))  # warm both paths
        direct = asyncio.run(run_load(direct_url, headers, CONCURRENCY, REQUESTS))
        via_gateway = asyncio.run(run_load(gateway_url, headers, CONCURRENCY, REQUESTS))
        for name, result in (("insights_direct", direct), ("gateway", via_gateway)):
            print(f"{name}_my_insights_rps: {result.rps:.0f} req/s")
            print(f"{name}_my_insights_p99: {result.percentile(99):.1f} ms")
            print(f"{name}_my_insights_errors: {result.errors} count")
        print(f"gateway_overhead_rps_ratio: {direct.rps / via_gateway.rps:.2f} x")
        print(f"gateway_overhead_p99_ratio: {via_gateway.percentile(99) / direct.percentile(99):.2f} x")
    finally:
        system.stop()
        pg.stop()
        nats_server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

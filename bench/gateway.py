"""The gateway's overhead: my-insights through the gateway against the same route called
on the insights service directly, in one run, same data, same load.

Prints `name: value unit` lines.
"""

import asyncio
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from devstack.system import System  # noqa: E402
from devstack.testing import standalone_system
from loadgen import run_load  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CONCURRENCY, REQUESTS = 16, 2000


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
    # the read cache off: this measures the proxy and the queries, not answers from memory (read_path.py does)
    with standalone_system(GATEWAY_CREATE_PER_MINUTE="100000", GATEWAY_READ_CACHE_MB="0") as system:
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


if __name__ == "__main__":
    main()

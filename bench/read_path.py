"""The read path under load from outside the Python process (wrk, 32 connections): the
gateway's trivial route (/health, the ceiling of one gateway with this load generator), then
my-insights, timeline and detail through the gateway at 10k and 100k insights, plus
my-insights on the insights service directly (what the gateway adds).

    uv run python bench/read_path.py [--only-10k] [--seconds 5]

Runs against `just bench`'s system, or starts its own NATS, Postgres and five services
(WEB_CONCURRENCY as in the environment),
seeds the insights read model (read_seed.py), and prints `name: value unit` lines:
req/s, p50, p99, the ratio to the ceiling, and cost at 100k / cost at 10k (cost: 1 / req/s),
read as the same users at both sizes, whose pages hold the same rows at both (read_seed.py).
Each user's pages are read again and again (3,000 requests, cycled, measured once the warm-up
has made each), as a dashboard does, so the gateway's read cache answers from memory what it
still holds: each route's line says what share (the rest cost a trip to the insights service,
as `insights_direct` does); `my_insights_first_read` reads each URL once, which the cache cannot
answer: what a page costs the first time.
The machine may be shared: each figure comes with the 1-minute load average at the time, and
with the CPU time the system under test spent per request (NATS, Postgres, the services; not
wrk), which other tenants' load does not inflate as much as latency.
"""

import asyncio
import logging
import math
import os
import random
import re
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from devstack.system import System  # noqa: E402
from read_seed import API, MEASURED_CLIENTS, MEASURED_COACHES, coach_of, rows, seed  # noqa: E402
from shared_system import METRICS_TOKEN, bench_system, services_root_pid  # noqa: E402
from wrk import WrkResult, run_wrk  # noqa: E402

CONNECTIONS, DISTINCT, FIRST_READS = 32, 3000, 40_000
WARM_MAX_SECONDS = 20.0
ROUTES = ("my_insights", "timeline", "detail")
SEED_BUDGET_SECONDS = 300  # the 100k run only when seeding it fits


def load_average() -> float:
    return os.getloadavg()[0]


def report(name: str, result: WrkResult, load: float) -> None:
    print(f"{name}_rps: {result.rps:.0f} req/s")
    print(f"{name}_p50: {result.p50_ms:.1f} ms")
    print(f"{name}_p99: {result.p99_ms:.1f} ms")
    if result.status_errors or result.socket_errors:
        print(f"{name}_errors: {result.status_errors + result.socket_errors} count")
    print(f"{name}_load_average: {load:.1f} load", flush=True)


def system_cpu_seconds() -> float:
    """CPU time of everything this benchmark started (NATS, Postgres and its backends, the
    services and their workers) but wrk: what serving cost, whoever else shares the machine."""
    parents, names = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        pid = int(stat.parent.name)
        parents[pid], names[pid] = int(fields[1]), head.split("(", 1)[1]
        names[pid] = (names[pid], (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
    def descendants(root: int) -> set[int]:
        found, frontier = set(), {root}
        while frontier:
            frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
            found |= frontier
        return found

    root, me = services_root_pid(), os.getpid()
    # under `just bench` the services are the report's children, and so is this script: not counted
    ours = descendants(root) if root == me else descendants(root) - {me} - descendants(me)
    return sum(cpu for pid, (name, cpu) in names.items() if pid in ours and name != "wrk")


def read_cache(gateway: str) -> dict[str, float]:
    """The gateway's read cache counts so far, by outcome (hit, miss, off), all workers together."""
    try:
        text = httpx.get(f"{gateway}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10).text
    except httpx.HTTPError:
        return {}
    counts: dict[str, float] = {}
    for outcome, value in re.findall(r'^gateway_read_cache_total\{outcome="(\w+)"\} (\S+)$', text, re.M):
        counts[outcome] = counts.get(outcome, 0.0) + float(value)
    return counts


def measure(base: str, name: str, requests: list[tuple[str, str]], seconds: float,
            gateway: str | None = None, repeated: bool = False) -> tuple[WrkResult, float]:
    """`repeated`: the figures of reads made again, after the warm-up has sent every request of
    the list (each of wrk's threads goes round it once), so not those of the read cache filling."""
    warm = run_wrk(base, requests, CONNECTIONS, 1.0)  # warm: connections, caches, the services' first calls
    if repeated and (rest := min(WARM_MAX_SECONDS, 2 * len(requests) / max(warm.rps, 1.0)) - 1.0) > 0:
        run_wrk(base, requests, CONNECTIONS, math.ceil(rest))  # wrk takes whole seconds
    cached = read_cache(gateway) if gateway else {}
    before, cpu = load_average(), system_cpu_seconds()
    result = run_wrk(base, requests, CONNECTIONS, seconds)
    cpu = system_cpu_seconds() - cpu
    report(name, result, max(before, load_average()))
    cost = cpu / max(result.requests, 1) * 1000
    print(f"{name}_cpu_per_request: {cost:.2f} ms", flush=True)
    if gateway:
        after = read_cache(gateway)
        counted = {k: after.get(k, 0.0) - cached.get(k, 0.0) for k in ("hit", "miss", "off")}
        if sum(counted.values()):
            # the reads the gateway answered from memory (the rest went to the insights service)
            print(f"{name}_read_cache_hits: {counted['hit'] / sum(counted.values()):.2f} share", flush=True)
    return result, cost


def requests_for(system: System, inserted: int) -> dict[str, list[tuple[str, str]]]:
    rng, tokens = random.Random(13), {}

    def auth(user: str) -> str:
        if user not in tokens:
            tokens[user] = f"Bearer {system.token(user)}"
        return tokens[user]

    owners: list[tuple[str, str]] = []  # (insight id, its client), exactly as seed() made them
    for chunk in range(0, inserted, 10_000):
        owners += [(record[0], record[1]) for record in rows(chunk, 10_000, random.Random(chunk))]
    my, timeline, detail = [], [], []
    for _ in range(DISTINCT):  # the measured users: the same full pages at 10k and 100k (read_seed)
        user = (f"client-{rng.randrange(MEASURED_CLIENTS)}" if rng.random() < 0.9
                else f"coach-{rng.randrange(MEASURED_COACHES)}")
        my.append((f"{API}/my-insights", auth(user)))
        client = rng.randrange(MEASURED_CLIENTS)
        timeline.append((f"{API}/relationship/rel-{client}", auth(f"coach-{coach_of(client)}")))
        insight_id, owner = rng.choice(owners)
        detail.append((f"{API}/{insight_id}", auth(owner)))
    # each URL once (a query parameter no route reads makes it another URL): reads the cache cannot answer
    first = [(f"{API}/my-insights?first={n}", my[n % DISTINCT][1]) for n in range(FIRST_READS)]
    return {"my_insights": my, "timeline": timeline, "detail": detail, "my_insights_first_read": first,
            "direct": [("/v1/insights/my-insights", a) for _, a in my]}


def main() -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 5.0
    with bench_system() as system:
        print(f"web_concurrency: {os.environ.get('WEB_CONCURRENCY', 'default')} workers")
        dsn = system.database_url.replace("postgresql+asyncpg://", "postgresql://")
        rps: dict[str, float] = {}
        cost: dict[str, float] = {}
        seed_10k = None
        for size, start, count in (("10k", 0, 10_000), ("100k", 10_000, 90_000)):
            if size == "100k":
                if "--only-10k" in sys.argv:
                    break
                if seed_10k * 9 > SEED_BUDGET_SECONDS:
                    print(f"# 100k skipped: seeding 90k more would take ~{seed_10k * 9:.0f} s")
                    break
            began = time.monotonic()
            asyncio.run(seed(dsn, start, count))
            took = time.monotonic() - began
            seed_10k = seed_10k or took
            print(f"seed_{size}: {took:.1f} s", flush=True)
            gateway = system.gateway_url
            ceiling, ceiling_cost = measure(gateway, f"gateway_health_ceiling_{size}", [("/health", "")], seconds)
            requests = requests_for(system, start + count)
            for route in ROUTES:
                found, cost[f"{route}_{size}"] = measure(gateway, f"{route}_{size}", requests[route], seconds,
                                                         gateway=gateway, repeated=True)
                rps[f"{route}_{size}"] = found.rps
                print(f"{route}_{size}_vs_ceiling: {found.rps / ceiling.rps:.2f} x")
                print(f"{route}_{size}_cpu_vs_ceiling: {cost[f'{route}_{size}'] / ceiling_cost:.1f} x")
            measure(gateway, f"my_insights_first_read_{size}", requests["my_insights_first_read"], seconds,
                    gateway=gateway)
            measure(system.url("insights"), f"insights_direct_my_insights_{size}", requests["direct"], seconds)
        for route in ROUTES:
            if f"{route}_100k" in rps:
                print(f"{route}_cost_100k_vs_10k: {rps[f'{route}_10k'] / rps[f'{route}_100k']:.2f} x")
                print(f"{route}_cpu_cost_100k_vs_10k: {cost[f'{route}_100k'] / cost[f'{route}_10k']:.2f} x")


if __name__ == "__main__":
    main()

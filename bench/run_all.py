"""`just bench`: the one benchmark report. Starts one system (NATS, Postgres, the five
services), then runs each benchmark in its own process against it, one after the other, and
passes their `name: value unit` lines through, each section headed by the machine's load
average (the machine may be shared: figures under load are not comparable with figures on an
idle one). The sections that measure a pool or a stream on their own (analyses/s, relay,
extraction) do not use the system.

    uv run python bench/run_all.py [--only-10k] [--seconds 5]

Sections: the read path through the gateway with wrk (read_path.py: the gateway's trivial
route as ceiling; my-insights, timeline and detail at 10k and 100k insights; ratios), upload ->
completed (pipeline.py), analyses/s with 1 and 2 worker processes (analysis_throughput.py), the
outbox relay against JetStream's raw publish rate (relay_rate.py), document extraction MB/s and
upload latency (ingest.py)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from devstack.testing import standalone_system
from shared_system import BENCH_ENV, ENV, PID_ENV, describe

HERE = Path(__file__).parent
# (section, script, its arguments)
SECTIONS = [
    ("read path via the gateway, wrk, 32 connections", "read_path.py", sys.argv[1:]),
    # one upload at a time (1,000 and 9,000 words), then 200 uploads from 8 clients
    ("upload -> completed", "pipeline.py", []),
    # the embedded analyzer in a pool of 1 and of 2 worker processes, 1,000-word sessions
    ("analyses/s by worker processes", "analysis_throughput.py", []),
    # the outbox relay vs JetStream's own async publish rate, same stream and message size
    ("outbox relay vs raw JetStream publish", "relay_rate.py", []),
    ("document extraction and upload", "ingest.py", []),
]


def main() -> int:
    with standalone_system(**BENCH_ENV) as system:
        started = time.monotonic()
        system.start(timeout=600)
        print(f"system_start: {time.monotonic() - started:.1f} s", flush=True)
        os.environ[ENV], os.environ[PID_ENV] = describe(system), str(os.getpid())
        return run_sections()


def run_sections() -> int:
    worst = 0
    for title, script, args in SECTIONS:
        load = " ".join(f"{n:.1f}" for n in os.getloadavg())
        print(f"# {title} (load average {load}, {os.cpu_count()} cores)", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(HERE / script), *args])
        print(f"bench_{script.removesuffix('.py')}_seconds: {time.monotonic() - started:.0f} s", flush=True)
        if code:
            print(f"# {script} failed with exit code {code}", flush=True)
            worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())

"""One started system for the whole `just bench` report.

run_all.py starts a system once and describes it to each section in BENCH_SYSTEM (JSON:
the database and NATS URLs, the JWT secret, the services' ports), with BENCH_SYSTEM_PID
naming the process its services run under. A section run alone starts its own instead.
"""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from devstack.system import System
from devstack.testing import standalone_system

ENV, PID_ENV = "BENCH_SYSTEM", "BENCH_SYSTEM_PID"
# concurrent uploads must not run into the per-user create budget; analysis as shipped (a worker
# process per core; test systems analyse in the service's own process)
# process per core; test systems analyse in the service's own process); the gateway's /metrics
# open to the report (the read cache's hits)
METRICS_TOKEN = "bench-metrics-token"
BENCH_ENV = {"GATEWAY_CREATE_PER_MINUTE": "100000", "ANALYSIS_PROCESSES": "", "METRICS_TOKEN": METRICS_TOKEN}


def describe(system: System) -> str:
    return json.dumps({"database_url": system.database_url, "nats_url": system.nats_url,
                       "jwt_secret": system.jwt_secret, "extra_env": system.extra_env, "ports": system.ports,
                       "logs": str(system.logs)})


@contextmanager
def bench_system(timeout: float = 600) -> Iterator[System]:
    """The report's running system (not ours to stop), or our own, started here."""
    described = os.environ.get(ENV)
    if described:
        fields = json.loads(described)
        yield System(**{**fields, "logs": Path(fields["logs"])})
        return
    with standalone_system(**BENCH_ENV) as system:
        system.start(timeout=timeout)
        yield system


def services_root_pid() -> int:
    """The process the system's services (and NATS, Postgres) descend from."""
    return int(os.environ.get(PID_ENV, os.getpid()))

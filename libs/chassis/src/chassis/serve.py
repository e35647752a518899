"""Serve a Litestar app with uvicorn (the same way for every service): uvloop and the
httptools parser (h11, pure Python, was most of a small request's cost), no access log,
and `WEB_CONCURRENCY` worker processes sharing the port.

Workers: a service passes its app factory as an import string ("insights.main:create_app")
to be able to run several; each worker then builds its own app (engine, NATS connection,
consumers on the shared durables). Without WEB_CONCURRENCY the count is chosen for the
machine (`default_workers`): one per two cores, at most four, since a request also needs a
core for Postgres and another service on its way. With more than one worker the Prometheus
counters are kept per process in PROMETHEUS_MULTIPROC_DIR (made here when not set) and
/metrics adds them up, so a count never depends on which worker answered the scrape."""

import ctypes
import importlib
import logging.config
import os
import signal
import sys
import tempfile
from pathlib import Path

import uvicorn

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "chassis.request_context.RequestIdLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s [%(request_id)s] %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {"httpx": {"level": "WARNING"}, "uvicorn.access": {"level": "WARNING"}},
}
MAX_DEFAULT_WORKERS = 4
FACTORY_ENV = "CHASSIS_APP_FACTORY"  # the service's factory, for worker_app() in each worker
PR_SET_PDEATHSIG = 1


def default_workers(cpus: int | None = None) -> int:
    """Worker processes when WEB_CONCURRENCY is not set: one per two cores, 1 to 4."""
    cpus = cpus or os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_WORKERS, cpus // 2))


def workers_from_env(environ: dict[str, str] | None = None, cpus: int | None = None) -> int:
    value = (os.environ if environ is None else environ).get("WEB_CONCURRENCY", "").strip()
    if not value:
        return default_workers(cpus)
    try:
        count = int(value)
    except ValueError:
        raise SystemExit(f"WEB_CONCURRENCY must be a whole number of worker processes, not {value!r}") from None
    if count < 1:
        raise SystemExit(f"WEB_CONCURRENCY must be 1 or more, not {count}")
    return count


def prepare_multiprocess_metrics() -> Path:
    """The directory the workers' Prometheus files go to, emptied (counts of a previous run
    would be added in). Set before the workers start: they read it when they import
    prometheus_client."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="si-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()
    return path


def worker_app():
    """A worker's app: the service's factory, in a process that dies with its supervisor
    (a SIGKILLed service must not leave workers serving its port)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    module, _, name = os.environ[FACTORY_ENV].partition(":")
    return getattr(importlib.import_module(module), name)()


# How long an idle keep-alive connection stays open. Longer than the idle time of the clients and proxies in
# front (httpx keeps a connection 5 s, browsers and load balancers about 60 s): the side that closes first must
# be the client, or a request sent as the server closes (uvicorn's default is 5 s, the same as httpx's) meets a
# dropped connection ("Server disconnected without sending a response"), which a client cannot safely retry.
KEEP_ALIVE_SECONDS = 75


def serve(app, host: str, port: int) -> None:
    """`app` is a Litestar app (one process) or the import string of a factory making one
    ("insights.main:create_app": WEB_CONCURRENCY processes)."""
    logging.config.dictConfig(LOGGING)
    workers = workers_from_env() if isinstance(app, str) else 1
    if workers > 1:
        prepare_multiprocess_metrics()
        os.environ[FACTORY_ENV] = app
        app = "chassis.serve:worker_app"
    uvicorn.run(app, host=host, port=port, loop="uvloop", http="httptools", log_level="warning",
                log_config=LOGGING, access_log=False, lifespan="on", workers=workers,
                timeout_keep_alive=KEEP_ALIVE_SECONDS, factory=isinstance(app, str))

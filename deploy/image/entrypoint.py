"""The image's entrypoint: `SERVICE`, set at run time, picks what the container runs.

    SERVICE=ingestion | analysis | insights | sharing | gateway
        that service (`python -m <service>`), listening on 0.0.0.0:<SERVICE>_PORT
    SERVICE=provision
        one Postgres role per service owning its schema (`python -m chassis.provision`, with
        ADMIN_DATABASE_URL and every <SERVICE>_DATABASE_URL), then exit 0: before the migrations
    SERVICE=migrate-<service>
        that service's migrations up to head on its own schema, then exit 0 (a one-shot job)
    entrypoint.py probe health | ready
        GET /health or /ready of this container's service, exit 0 when it answers 200
        (the image's HEALTHCHECK, and compose's)

The services also migrate at start-up (under an advisory lock), so running the job first only
moves the schema change out of the rolling update; a job that fails stops the rollout.
"""

import asyncio
import importlib.util
import os
import sys
import urllib.request
from pathlib import Path

# each service's port when <SERVICE>_PORT is unset: the same defaults as its main.py
PORTS = {"gateway": 8000, "ingestion": 8001, "analysis": 8002, "insights": 8003, "sharing": 8004}
MIGRATE = "migrate-"
PROVISION = "provision"


def fail(message: str) -> None:
    print(f"entrypoint: {message}", file=sys.stderr)
    raise SystemExit(2)


def service_from_env() -> str:
    service = os.environ.get("SERVICE", "")
    name = service.removeprefix(MIGRATE)
    if name not in PORTS and service != PROVISION:
        choices = " | ".join([*PORTS, PROVISION, *(MIGRATE + s for s in PORTS)])
        fail(f"SERVICE must be one of {choices}, not {service!r}")
    return service


def port_of(service: str) -> int:
    return int(os.environ.get(f"{service.upper()}_PORT") or PORTS[service])


def run(service: str) -> None:
    # a container is reached from outside itself: listen on every interface unless told otherwise
    os.environ.setdefault(f"{service.upper()}_HOST", "0.0.0.0")
    os.environ.setdefault(f"{service.upper()}_PORT", str(PORTS[service]))
    os.execvp(sys.executable, [sys.executable, "-m", service])


def migrate(service: str) -> None:
    from chassis.db import make_engine
    from chassis.migrate import upgrade_to_head
    from chassis.settings import CommonSettings

    # CommonSettings reads <SERVICE>_DATABASE_URL, else DATABASE_URL, as the service itself does
    url = CommonSettings.from_env(service, PORTS[service]).database_url
    migrations = Path(importlib.util.find_spec(service).submodule_search_locations[0]) / "migrations"

    async def upgrade() -> None:
        engine = make_engine(url, pool_size=1)
        try:
            await upgrade_to_head(engine, migrations, service)  # every schema is named after its service
        finally:
            await engine.dispose()

    asyncio.run(upgrade())
    print(f"entrypoint: {service} migrated to head")


def probe(path: str) -> None:
    service = service_from_env()
    if service.startswith(MIGRATE) or service == PROVISION:
        return  # a job has nothing to probe
    url = f"http://127.0.0.1:{port_of(service)}/{path}"
    try:
        with urllib.request.urlopen(url, timeout=4) as response:  # noqa: S310 (loopback, fixed scheme)
            ok = response.status == 200
    except OSError as exc:
        fail(f"{url}: {exc}")
    if not ok:
        fail(f"{url}: {response.status}")


def main(argv: list[str]) -> None:
    if argv[:1] == ["probe"]:
        if argv[1:] not in (["health"], ["ready"]):
            fail("usage: entrypoint.py probe health|ready")
        probe(argv[1])
        return
    if argv:
        fail(f"unexpected arguments {argv}: set SERVICE instead")
    service = service_from_env()
    if service == PROVISION:
        os.execvp(sys.executable, [sys.executable, "-m", "chassis.provision", *PORTS])
    elif service.startswith(MIGRATE):
        migrate(service.removeprefix(MIGRATE))
    else:
        run(service)


if __name__ == "__main__":
    main(sys.argv[1:])

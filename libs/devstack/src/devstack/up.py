"""`just up`: the whole system on this machine, no Docker.

First run: a Postgres cluster, each service's Postgres role (own password) and the JWT
secret are made under `.data/`. Every run:
nats-server (JetStream), Postgres and the five services start under honcho (Procfile in
deploy/local/); each service migrates its own schema as it starts. Ctrl-C (or `just down`
from another terminal) stops everything.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from devstack import db_roles, pg
from devstack.local import LocalStack

PROCFILE = Path(__file__).resolve().parents[4] / "deploy" / "local" / "Procfile"


def prepare(stack: LocalStack, env: dict[str, str]) -> None:
    stack.root.mkdir(parents=True, exist_ok=True)
    stack.nats_store.mkdir(exist_ok=True)
    created = stack.root / "pg-database-created"
    if not created.exists():
        print("First run: creating the Postgres cluster in", stack.pg_data, flush=True)
        pg.init_cluster(stack.pg_data, stack.pg_password())
        pg.create_database(stack.pg_data, int(env["PG_PORT"]), "session_insights", stack.pg_password())
        created.touch()
    provision_roles(stack, env)


def provision_roles(stack: LocalStack, env: dict[str, str]) -> None:
    """Each service's Postgres role, made (or given its password again) when the passwords
    changed since the last run, with the cluster up for a moment."""
    urls = {name: value for name, value in env.items() if name.endswith("_DATABASE_URL")}
    stamp = hashlib.sha256(json.dumps(sorted(urls.items())).encode()).hexdigest()
    marker = stack.root / "pg-roles-provisioned"
    if not urls or (marker.exists() and marker.read_text() == stamp):
        return
    print("Provisioning each service's own Postgres role", flush=True)
    with pg.briefly_running(stack.pg_data, int(env["PG_PORT"])):
        db_roles.provision(stack.admin_database_url(env["PG_PORT"]), urls)
    marker.write_text(stamp)


def already_running(stack: LocalStack) -> int | None:
    try:
        pid = int(stack.pid_file.read_text())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None


def up() -> None:
    stack = LocalStack.from_env()
    if pid := already_running(stack):
        sys.exit(f"Session Insights is already running (pid {pid}); `just down` stops it.")
    env = stack.environment()
    prepare(stack, env)
    stack.pid_file.write_text(str(os.getpid()))
    print(f"Starting Session Insights: gateway on http://127.0.0.1:{env['GATEWAY_PORT']}  "
          f"(data in {stack.root}; Ctrl-C or `just down` stops it)", flush=True)
    honcho = shutil.which("honcho") or str(Path(sys.executable).parent / "honcho")
    runner = subprocess.Popen([honcho, "--no-colour", "start", "-f", str(PROCFILE), "-d", str(PROCFILE.parents[2])],
                              env={**os.environ, **env})
    # Ctrl-C reaches honcho through the terminal's process group; `just down` sends us
    # SIGTERM, which honcho gets too. Either way honcho stops every process in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: runner.send_signal(signal.SIGTERM))
    runner.wait()
    stack.pid_file.unlink(missing_ok=True)
    print("Session Insights stopped.", flush=True)


def down() -> None:
    stack = LocalStack.from_env()
    pid = already_running(stack)
    if pid is None:
        print("Session Insights is not running.")
        return
    os.kill(pid, signal.SIGTERM)
    for _ in range(300):
        if already_running(stack) is None:
            break
        time.sleep(0.1)
    stack.pid_file.unlink(missing_ok=True)
    print(f"Stopped Session Insights (pid {pid}).")


if __name__ == "__main__":
    down() if sys.argv[1:] == ["down"] else up()

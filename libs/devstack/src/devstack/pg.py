"""Local Postgres from Debian's binaries (no Docker): init a cluster, run it in the
foreground (for the process runner), create the database.

Postgres refuses to run as root: as root, the cluster is owned by and run as the
`postgres` system user (privileges dropped before exec).
"""

import argparse
import glob
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def bindir() -> Path:
    for candidate in (os.environ.get("PG_BINDIR"), *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)):
        if candidate and (Path(candidate) / "postgres").exists():
            return Path(candidate)
    found = shutil.which("postgres")
    if found:
        return Path(found).resolve().parent
    sys.exit("Postgres binaries not found: install Debian's postgresql (apt-get install postgresql) or set PG_BINDIR")


def _as_owner() -> dict:
    """preexec settings to run as the postgres user when we are root."""
    if os.geteuid() != 0:
        return {}
    user = pwd.getpwnam("postgres")
    return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


def _chown_tree(path: Path) -> None:
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam("postgres")
    for root, dirs, files in os.walk(path):
        os.chown(root, user.pw_uid, user.pw_gid)
        for name in dirs + files:
            os.chown(os.path.join(root, name), user.pw_uid, user.pw_gid)


def _open_parents(path: Path) -> None:
    """The postgres user must traverse to the data dir (a checkout under /root is 0700)."""
    if os.geteuid() != 0:
        return
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            os.chmod(parent, mode | 0o001)


def init_cluster(data: Path, password: str) -> None:
    if (data / "PG_VERSION").exists():
        return
    data.mkdir(parents=True, exist_ok=True)
    pwfile = data.parent / f".{data.name}.pw"
    pwfile.write_text(password)
    _chown_tree(data)
    _chown_tree(pwfile)
    _open_parents(data)
    subprocess.run(
        [str(bindir() / "initdb"), "-D", str(data), "-U", "postgres", "--pwfile", str(pwfile),
         "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
        check=True, stdout=subprocess.DEVNULL, **_as_owner(),
    )
    pwfile.unlink()


@contextmanager
def briefly_running(data: Path, port: int) -> Iterator[None]:
    """The cluster up for a moment (first run, provisioning), before the process runner starts it."""
    ctl = str(bindir() / "pg_ctl")
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1"
    subprocess.run([ctl, "-D", str(data), "-o", opts, "-w", "-l", str(data / "first-start.log"), "start"],
                   check=True, stdout=subprocess.DEVNULL, **_as_owner())
    try:
        yield
    finally:
        subprocess.run([ctl, "-D", str(data), "-m", "fast", "-w", "stop"], check=True, stdout=subprocess.DEVNULL,
                       **_as_owner())


def create_database(data: Path, port: int, name: str, password: str) -> None:
    """Start the cluster briefly (first run only) to create the application database."""
    with briefly_running(data, port):
        subprocess.run([str(bindir() / "psql"), "-h", str(data), "-p", str(port), "-U", "postgres", "-d", "postgres",
                        "-qc", f'create database "{name}"'], check=True, env={**os.environ, "PGPASSWORD": password},
                       **_as_owner())


def run_argv(data: Path, port: int) -> list[str]:
    return [str(bindir() / "postgres"), "-D", str(data), "-p", str(port), "-k", str(data),
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300",
            "-c", "fsync=on", "-c", "log_min_messages=warning"]


def run_foreground(data: Path, port: int) -> None:
    argv = run_argv(data, port)
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
    os.execv(argv[0], argv)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["init", "run"])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--port", type=int, default=5433)
    parser.add_argument("--password-file", type=Path)
    args = parser.parse_args()
    if args.command == "init":
        init_cluster(args.data, args.password_file.read_text().strip())
    else:
        run_foreground(args.data, args.port)


if __name__ == "__main__":
    main()

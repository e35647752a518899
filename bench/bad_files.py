"""The hostile-file corpus (services/ingestion/tests/hostile_files.py) through ingestion's upload
endpoint, in this process (Litestar test client, in-memory unit of work, the real
FileTextExtractor and its document worker): the code each file gets and the peak memory while
it is refused.

    uv run --no-sync python bench/bad_files.py [--skip NAME,...]   (or `just bench-bad-files`)

Prints `name: value unit` lines per file: `bad_file_<file>: <status> <code> (<seconds> s)`,
`bad_file_<file>_service_peak_rss: <MB> MB` (this process: peak resident memory, reset before
each file through /proc/self/clear_refs) and `bad_file_<file>_worker_peak_rss: <MB> MB` (the
document worker, sampled every 2 ms and read from its VmHWM while it lives; "-" when the file
never reached it). Exit status 1 if any file got another code than expected.
"""

import asyncio
import re
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "services" / "ingestion" / "tests"))

import hostile_files  # noqa: E402
from chassis.identity import Identity  # noqa: E402
from chassis.problems import EXCEPTION_HANDLERS  # noqa: E402
from ingestion.adapters.extractors import FileTextExtractor  # noqa: E402
from ingestion.adapters.http import routes  # noqa: E402
from litestar import Litestar  # noqa: E402
from litestar.di import Provide  # noqa: E402
from litestar.testing import AsyncTestClient  # noqa: E402

MB = 2**20


def status_kb(pid: int | str, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))
    except (OSError, StopIteration):
        return 0


def reset_peak(pid: int | str) -> None:
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


class WorkerWatch:
    """The highest resident size of whichever document worker is running, sampled."""

    def __init__(self, sandbox) -> None:
        self.sandbox, self.peak_kb, self.seen = sandbox, 0, False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "WorkerWatch":
        pid = self.sandbox.worker_pid() if self.sandbox else None
        if pid:
            reset_peak(pid)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.002):
            self._sample()

    def _sample(self) -> None:
        pid = self.sandbox.worker_pid() if self.sandbox else None
        if pid:
            self.peak_kb = max(self.peak_kb, status_kb(pid, "VmHWM"), status_kb(pid, "VmRSS"))


def slug(filename: str) -> str:
    return re.sub(r"\W", "_", filename)


async def main() -> int:
    skip = set(sys.argv[sys.argv.index("--skip") + 1].split(",")) if "--skip" in sys.argv else set()
    from fakes import FakeUnitOfWork

    uow = FakeUnitOfWork()
    extractor = FileTextExtractor()
    sandbox = getattr(extractor, "sandbox", None)
    spool = Path(__import__("tempfile").mkdtemp(prefix="bad-files-"))
    FileTextExtractor.warm_up()

    async def caller() -> Identity:
        return Identity(user_id="bench-user")

    app = Litestar(route_handlers=routes(lambda: uow, lambda: "id-1", extractor, spool),
                   dependencies={"caller": Provide(caller)}, exception_handlers=EXCEPTION_HANDLERS)
    print(f"bad_files_service_rss_idle: {status_kb('self', 'VmRSS') / 1024:.0f} MB")
    if sandbox and sandbox.worker_pid():
        print(f"bad_files_worker_rss_idle: {status_kb(sandbox.worker_pid(), 'VmRSS') / 1024:.0f} MB")
    failures = 0
    async with AsyncTestClient(app, timeout=600) as client:
        for name, filename, build, status, code in hostile_files.HOSTILE:
            if filename in skip:
                continue
            data = build()
            reset_peak("self")
            with WorkerWatch(sandbox) as watch:
                start = time.perf_counter()
                response = await client.post("/v1/transcripts/unpaired", files={"transcript_file": (filename, data)})
                seconds = time.perf_counter() - start
            got = response.json().get("code") if response.status_code >= 400 else "accepted"
            ok = (response.status_code, got) == (status, code) and not uow.transcripts.rows and not uow.emitted
            failures += not ok
            key = f"bad_file_{slug(filename)}"
            print(f"{key}: {response.status_code} {got} ({seconds:.2f} s){'' if ok else f' EXPECTED {status} {code}'}"
                  f"  # {name}, {len(data) / MB:.2f} MB")
            print(f"{key}_service_peak_rss: {status_kb('self', 'VmHWM') / 1024:.0f} MB")
            print(f"{key}_worker_peak_rss: {watch.peak_kb / 1024:.0f} MB" if watch.peak_kb else f"{key}_worker_peak_rss: -")
            sys.stdout.flush()
    print(f"bad_files_refused_as_expected: {len(hostile_files.HOSTILE) - len(skip) - failures} of "
          f"{len(hostile_files.HOSTILE) - len(skip)}")
    if sandbox:
        sandbox.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

"""CPU-bound analysis on every core: a pool of worker processes, each with its models loaded once.

The embedded analyzer is pure Python and numpy holding the GIL most of the time, so threads
in one process use one core; processes use them all. Workers are spawned (not forked: the
service's process holds an event loop, NATS and Postgres connections and exporter threads, none
of which a forked child may touch), warmed by `initializer` once, and die with the service.

A worker that dies mid-analysis (a segfault in a native library, the OOM killer) breaks the
whole pool: every analysis in flight on it fails with WorkerCrashed, which the consumer treats
like any failed attempt (NACK, redelivery, bounded attempts), and the next call gets a new pool.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1


class WorkerCrashed(Exception):
    """The worker process running this analysis died; the pool has been replaced."""


def default_processes() -> int:
    """One worker process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def processes_from_env(value: str | None) -> int:
    """ANALYSIS_PROCESSES: unset or empty = one per core; 0 or 1 = analyse in the service's process."""
    if value is None or not value.strip():
        return default_processes()
    try:
        count = int(value)
    except ValueError:
        raise ValueError(f"ANALYSIS_PROCESSES must be a whole number of processes, not {value!r}") from None
    if count < 0:
        raise ValueError(f"ANALYSIS_PROCESSES must be 0 or more, not {count}")
    return count


def _start_worker(initializer: Callable[[], None] | None) -> None:
    if sys.platform == "linux":  # a SIGKILLed service must not leave its workers behind
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the service, which stops the pool
    if initializer is not None:
        initializer()


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


class ProcessPool:
    """`processes` spawned workers running picklable functions; replaced when one dies."""

    def __init__(self, processes: int, initializer: Callable[[], None] | None = None) -> None:
        self.processes = processes
        self._initializer = initializer
        self._context = multiprocessing.get_context("spawn")
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=self._context, initializer=_start_worker,
                                   initargs=(self._initializer,))

    def warm(self, timeout: float = 300) -> None:
        """Start every worker now and wait until each has run the initializer (service
        start-up), so the first analyses do not pay for loading the models."""
        deadline = time.monotonic() + timeout
        seen: set[int] = set()
        while len(seen) < self.processes and time.monotonic() < deadline:
            # a worker answers only once warm; each answer takes a moment, so they spread out
            futures = [self._pool.submit(_pid_after, 0.05) for _ in range(self.processes)]
            seen |= {future.result(timeout=max(deadline - time.monotonic(), 1)) for future in futures}

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        pool = self._pool
        try:
            future: Future = pool.submit(function, *args)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool as exc:
            self._replace(pool)
            raise WorkerCrashed(f"an analysis worker process died ({exc}); the work will be retried") from exc

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        # every analysis in flight on the broken pool lands here: the first one replaces it
        if self._pool is broken:
            log.error("an analysis worker process died: starting a new pool of %d", self.processes)
            self._pool = self._new_pool()
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

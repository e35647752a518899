"""Embedded analyses per second with 1 and 2 worker processes (ANALYSIS_PROCESSES), on
~1,000-word transcripts: does a second core give a second analyzer's worth of throughput?

Uses the analysis service's own process pool (the path EmbeddedAnalyzer takes with
ANALYSIS_PROCESSES > 1), workers warmed (models loaded) before timing. Every transcript is a
different ~1,000-word stretch of samples/ with its turns numbered, so no cache in a worker
can answer for another transcript. Prints `name: value unit` lines, with the workers' CPU
seconds per analysis and the load average (the machine is shared: wall-clock rates move
with it, CPU per analysis much less). `--analyses N` per round (default 12), `--repeats N`
(default 7, medians shown), `--workers 1,2`.
"""

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path

import psutil
from analysis.adapters.analyzers.embedded import analyze_transcript
from analysis.adapters.analyzers.embedded.models import warm_up
from analysis.adapters.analyzers.process_pool import ProcessPool
from ingestion.domain.roles import assign_roles
from ingestion.domain.text_transcript import parse_labelled_text

from contracts import Transcript

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "samples" / "long-session-60min.txt", ROOT / "samples" / "leadership-session.txt"]
WORDS = 1000


def transcripts(count: int) -> list[Transcript]:
    """`count` different ~1,000-word labelled transcripts, each starting further into the samples."""
    lines = [line for path in SOURCES for line in path.read_text().splitlines() if line.strip()]
    found = []
    for n in range(count):
        out, words, i = [], 0, n * 17
        while words < WORDS:
            line = lines[i % len(lines)]
            out.append(f"{line} ({n}.{len(out)})")  # unique text: no cached sentence from another run
            words += len(line.split())
            i += 1
        found.append(assign_roles(parse_labelled_text("\n".join(out))))
    return found


def workers_cpu(pool_owner: psutil.Process) -> float:
    return sum(c.cpu_times().user + c.cpu_times().system for c in pool_owner.children(recursive=True))


async def round_of(pool: ProcessPool, batch: list[Transcript]) -> float:
    started = time.perf_counter()
    contents = await asyncio.gather(*(pool.run(analyze_transcript, t) for t in batch))
    assert all(c.session_summary for c in contents)
    return time.perf_counter() - started


def measure(counts: list[int], batch: list[Transcript], repeats: int) -> dict[int, list[tuple[float, float, float]]]:
    """Per worker count, each round's (analyses/s, worker CPU seconds per analysis, load
    average). The pools live side by side (idle workers cost no CPU) and take turns, round
    after round, so a change in the machine's load falls on both alike."""
    pools = {workers: ProcessPool(workers, initializer=warm_up) for workers in counts}
    owner = psutil.Process()
    found: dict[int, list[tuple[float, float, float]]] = {workers: [] for workers in counts}
    try:
        for workers, pool in pools.items():
            pool.warm()
            asyncio.run(round_of(pool, batch[: 2 * workers]))  # lazy imports, lexicons, first-call costs
        for _ in range(repeats):
            for workers, pool in pools.items():
                cpu = workers_cpu(owner)
                seconds = asyncio.run(round_of(pool, batch))
                cpu = workers_cpu(owner) - cpu
                found[workers].append((len(batch) / seconds, cpu / len(batch), os.getloadavg()[0]))
        return found
    finally:
        for pool in pools.values():
            pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyses", type=int, default=12, help="analyses timed per round")
    parser.add_argument("--repeats", type=int, default=7, help="rounds per worker count (the median is shown)")
    parser.add_argument("--workers", default="1,2", help="worker process counts to measure")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    batch = transcripts(args.analyses)
    words = sum(t.word_count for t in batch) / len(batch)
    rates: dict[int, float] = {}
    found = measure(counts, batch, args.repeats)
    for workers, rounds in found.items():
        rate, cpu, load = (statistics.median(r[i] for r in rounds) for i in range(3))
        rates[workers] = rate
        label = "1_worker" if workers == 1 else f"{workers}_workers"
        print(f"analyses_per_s_{label}: {rate:.2f} /s (median of {len(rounds)} rounds of {len(batch)} analyses "
              f"of ~{words:.0f} words: {', '.join(f'{r[0]:.2f}' for r in rounds)}; {cpu * 1000:.0f} ms worker "
              f"CPU each; load average {load:.1f} on {os.cpu_count()} cores)")
    if 1 in rates:
        for workers in counts:
            if workers > 1:
                # each round of n workers against the 1-worker round run just before it: the machine's
                # speed drifts between rounds (a core here gave 5.0 to 7.5 analyses/s a few seconds
                # apart, at a load average of 0.4), and two rounds taken together share its state
                paired = statistics.median(r[0] / one[0] for r, one in zip(found[workers], found[1], strict=True))
                suffix = "" if len(counts) == 2 else f"_{workers}_workers"
                print(f"ratio{suffix}: {paired:.2f} x (median of the {len(found[1])} paired rounds; ratio of the "
                      f"medians {rates[workers] / rates[1]:.2f}; ideal {workers}.00, target >= 1.80 for 2)")


if __name__ == "__main__":
    main()

"""Benchmark the embedded analyzer on the AnnoMI dev set, and time it.

    uv run python bench/annomi.py [TRANSCRIPTS_DIR] [--keep OUT_DIR]

Reads NNN.txt (`Coach: ...` / `Client: ...`, one utterance a line) from
../shared/eval/annomi-dev/transcripts (relative to the repo root) unless a
folder is given, writes one SessionInsight-shaped NNN.json per session, runs the
set's score.py on them and prints its report, then prints `name: value unit`
lines. Skips (exit 0) when the data is absent: it is never copied into the repo.
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
import tempfile
import time

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript, sentences
from contracts.transcript import Transcript, Turn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIR = os.path.join(ROOT, "..", "shared", "eval", "annomi-dev", "transcripts")
ROLE = {"coach": "coach", "client": "client"}
TIMING_WORDS = 9000


def parse(path: str) -> Transcript:
    turns = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            who, sep, text = line.rstrip("\n").partition(": ")
            if not sep or not text.strip():
                continue
            turns.append(Turn(speaker=who.strip(), role=ROLE.get(who.strip().lower(), "unknown"), text=text))
    return Transcript(turns=turns, source_format="text")


def write_outputs(paths: list[str], out_dir: str) -> None:
    for path in paths:
        stem = os.path.basename(path)[: -len(".txt")]
        content = msgspec.to_builtins(analyze_transcript(parse(path)))
        insight = {"id": stem, "status": "completed", **content}
        with open(os.path.join(out_dir, stem + ".json"), "wb") as f:
            f.write(msgspec.json.format(msgspec.json.encode(insight)))


def score(gold_dir: str, out_dir: str) -> str:
    scorer = os.path.join(os.path.dirname(os.path.abspath(gold_dir)), "score.py")
    if not os.path.exists(scorer):
        return "score.py not found; outputs written to " + out_dir
    run = subprocess.run(
        [sys.executable, scorer, out_dir, "--gold", gold_dir], capture_output=True, text=True, check=False
    )
    return run.stdout + run.stderr


def timing_ms(paths: list[str]) -> tuple[float, int]:
    """Median wall time of analyze_transcript on sessions concatenated to ~9,000 words."""
    turns: list[Turn] = []
    words = 0
    while words < TIMING_WORDS:
        for path in paths:
            for turn in parse(path).turns:
                turns.append(turn)
                words += len(turn.text.split())
                if words >= TIMING_WORDS:
                    break
            if words >= TIMING_WORDS:
                break
    big = Transcript(turns=turns)
    analyze_transcript(big)  # warm-up: lazy imports and caches
    runs = []
    for _ in range(5):
        sentences.split.cache_clear()  # time a transcript never seen before
        started = time.perf_counter()
        analyze_transcript(Transcript(turns=[Turn(**msgspec.structs.asdict(t)) for t in turns]))
        runs.append((time.perf_counter() - started) * 1000)
    return sorted(runs)[len(runs) // 2], big.word_count


def _metric_lines(report: str) -> list[str]:
    """score.py's table as `name: value unit` lines."""
    lines = []
    for row in report.splitlines():
        m = re.match(r"^\s*(\([a-d]\)\s*)?(.+?)\s{2,}(\d\.\d{3}|n/a)\s+(\S.*?)\s*$", row)
        if m:
            name = re.sub(r"[^a-z0-9]+", "_", m.group(2).lower()).strip("_")
            lines.append(f"{name}: {m.group(3)} ratio ({m.group(4).strip()})")
    m = re.search(r"score:\s*([\d.]+)", report)
    if m:
        lines.append(f"score: {m.group(1)} ratio")
    return lines


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    if keep in args:
        args.remove(keep)
    gold_dir = os.path.abspath(args[0] if args else DEFAULT_DIR)
    paths = sorted(glob.glob(os.path.join(gold_dir, "[0-9]*.txt")))
    if not paths:
        print(f"skipped: no AnnoMI transcripts at {gold_dir}")
        return 0
    out_dir = keep or tempfile.mkdtemp(prefix="annomi-embedded-")
    os.makedirs(out_dir, exist_ok=True)
    started = time.perf_counter()
    write_outputs(paths, out_dir)
    elapsed = time.perf_counter() - started
    report = score(gold_dir, out_dir)
    print(report.rstrip())
    print()
    for line in _metric_lines(report):
        print(line)
    ms, words = timing_ms(paths)
    print(f"sessions: {len(paths)} count")
    print(f"analyzer_total_seconds: {elapsed:.2f} s")
    print(f"analyzer_ms_per_9000_words: {ms:.0f} ms ({words} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

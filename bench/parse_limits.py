"""Transcript parsing on hostile text: time per size, so linear growth shows (and the old
quadratic merge would show as ~4x per doubling), and the 10 MB file of short lines.

    uv run --no-sync python bench/parse_limits.py [--no-10mb]

Prints `name: value unit` lines:
- `parse_txt_short_lines_<n>k: <s> s` and the ratio between successive doublings, with the
  character limit lifted (so the whole input is parsed, refused by nothing);
- `extract_<fmt>_10mb_short_lines: <s> s (<outcome>)`: FileTextExtractor on a 10 MB upload of
  short lines, refused with transcript_too_long once the limit is passed;
- `regex_long_whitespace_line_<n>k: <s> s`: one line of n thousand spaces between two words.
"""

import sys
import time

from ingestion.adapters.extractors import FileTextExtractor
from ingestion.domain.errors import IngestionError
from ingestion.domain.transcript_lines import TextLines, parse_transcript_lines
from ingestion.ports import Upload

TEN_MB = 10 * 1024 * 1024


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def short_lines(n: int) -> str:
    return "Coach: hi\n" + "ok\n" * n


def clock(seconds: float, comma: bool = False) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    text = f"{int(h):02d}:{int(m):02d}:{s:06.3f}"
    return text.replace(".", ",") if comma else text


def ten_mb(fmt: str) -> bytes:
    if fmt == "txt":
        return ("Coach: hi\n" + "ok\n" * (TEN_MB // 3))[:TEN_MB].encode()
    cue = (lambda i: f"{clock(i)} --> {clock(i + 0.5)}\nok\n\n") if fmt == "vtt" else \
        (lambda i: f"{i + 1}\n{clock(i, True)} --> {clock(i + 0.5, True)}\nok\n\n")
    parts, size, i = ["WEBVTT\n\n" if fmt == "vtt" else ""], 0, 0
    while size < TEN_MB - 64:
        parts.append(cue(i))
        size += len(parts[-1])
        i += 1
    return "".join(parts).encode()


def extract_10mb(fmt: str, tmp) -> None:
    path = tmp / f"short-lines.{fmt}"
    path.write_bytes(ten_mb(fmt))
    upload = Upload(path=path, filename=path.name, content_type=None, size=path.stat().st_size)
    start = time.perf_counter()
    try:
        FileTextExtractor().extract(upload)
        outcome = "accepted"
    except IngestionError as exc:
        outcome = exc.code
    print(f"extract_{fmt}_10mb_short_lines: {time.perf_counter() - start:.2f} s ({outcome})", flush=True)


def main() -> None:
    import tempfile
    from pathlib import Path

    previous = None
    for n in (25_000, 50_000, 100_000, 200_000, 400_000):
        text = short_lines(n)
        seconds = best_of(3, lambda text=text: parse_transcript_lines(TextLines(text), max_chars=10**9))
        ratio = f" (x{seconds / previous:.1f} for x2 lines)" if previous else ""
        print(f"parse_txt_short_lines_{n // 1000}k: {seconds:.3f} s{ratio}", flush=True)
        previous = seconds
    for n in (2_000, 8_000, 32_000):
        line = "Maya" + " " * n + "x\n"
        seconds = best_of(3, lambda line=line: parse_transcript_lines(TextLines(line * 2)))
        print(f"regex_long_whitespace_line_{n // 1000}k: {seconds:.4f} s", flush=True)
    if "--no-10mb" not in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("txt", "vtt", "srt"):
                extract_10mb(fmt, Path(tmp))


if __name__ == "__main__":
    main()

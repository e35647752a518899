"""Extraction throughput and peak memory per upload format, for ~1 MB and ~10 MB inputs.

    uv run python bench/ingest_extraction.py [--sizes 1,10] [--formats txt,vtt,...]

Inputs are built by repeating the samples' content. Each (format, size) runs in its own
subprocess, so its peak RSS (warm-up included: that is what a worker really holds) is its own,
read from os.wait4's rusage. Throughput times `extract()` only, after warm-up. Peak growth is
what one extraction adds on top of the warm process, in the service and in the document worker
(docx, pdf, html, md): each one's high-water mark is reset (/proc/PID/clear_refs) just before
`extract()` and read (VmHWM) after it, less its resident size before; a process the worker forks
(a long PDF's later pages) adds its own growth since the fork. Prints `name: value unit`
lines, e.g. `extract_vtt_1mb_throughput: 12.3 MB/s`.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FORMATS = ["txt", "md", "vtt", "srt", "html", "docx", "pdf"]
MB = 1_000_000


def _long_lines() -> list[str]:
    return (SAMPLES / "long-session-60min.txt").read_text().splitlines()


def _repeat(make_block, target: int) -> str:
    """Blocks numbered 0, 1, 2 ... until the text reaches `target` bytes."""
    parts, size, i = [], 0, 0
    while size < target:
        block = make_block(i)
        parts.append(block)
        size += len(block.encode())
        i += 1
    return "".join(parts)


def _clock(seconds: float, comma: bool = False) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    text = f"{int(h):02d}:{int(m):02d}:{s:06.3f}"
    return text.replace(".", ",") if comma else text


def _cue_text(i: int, lines: list[str]) -> str:
    return lines[i % len(lines)].split("] ", 1)[1]  # "Elena: ..."


def build(fmt: str, target: int) -> bytes:
    lines = _long_lines()
    if fmt in ("txt", "md"):
        return _repeat(lambda i: lines[i % len(lines)] + "\n", target).encode()
    if fmt == "vtt":
        cue = lambda i: f"{i + 1}\n{_clock(i * 6)} --> {_clock(i * 6 + 5)}\n{_cue_text(i, lines)}\n\n"  # noqa: E731
        return ("WEBVTT\n\n" + _repeat(cue, target)).encode()
    if fmt == "srt":
        cue = lambda i: f"{i + 1}\n{_clock(i * 6, True)} --> {_clock(i * 6 + 5, True)}\n{_cue_text(i, lines)}\n\n"  # noqa: E731
        return _repeat(cue, target).encode()
    if fmt == "html":
        body = _repeat(lambda i: f"<p><b>{_cue_text(i, lines).replace(': ', ':</b> ', 1)}</p>\n", target)
        return f"<!DOCTYPE html><html><body><h1>Session</h1>\n{body}</body></html>".encode()
    if fmt == "docx":
        return _docx(lines, target)
    return _pdf(lines, target)


def _docx(lines: list[str], target: int) -> bytes:
    """A transcript as Word saves one: a paragraph per turn, the speaker's label in a bold run,
    revision ids and spacing on every paragraph (python-docx's own template around the body;
    building 100,000 paragraphs through python-docx takes quadratic time). Sized by packed bytes."""
    import re
    import zipfile
    from xml.sax.saxutils import escape

    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    with zipfile.ZipFile(template) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    head, tail = re.split(rb"<w:body>.*?(?=<w:sectPr)", parts["word/document.xml"], maxsplit=1, flags=re.S)

    def paragraph(i: int) -> str:
        speaker, text = _cue_text(i, lines).split(": ", 1)
        return (f'<w:p w:rsidR="00{i % 97:02X}4A1C" w:rsidRDefault="00{i % 89:02X}4A1C" w:rsidP="00B2{i % 83:02X}1F">'
                '<w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr>'
                f'<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>{escape(speaker)}:</w:t></w:r>'
                f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p>')

    def make(count: int) -> bytes:
        body = "".join(paragraph(i) for i in range(count)).encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in parts.items():
                archive.writestr(name, head + b"<w:body>" + body + tail if name == "word/document.xml" else content)
        return buffer.getvalue()

    probe = 2000
    per_paragraph = (len(make(probe)) - len(make(0))) / probe
    return make(int(target / per_paragraph))


def _pdf(lines: list[str], target: int) -> bytes:
    """A text PDF written by hand (uncompressed streams, ~50 lines a page), so no PDF writer is
    needed; each turn is wrapped at 90 characters as a word processor would."""
    import textwrap

    rows = (row for i in range(10**9) for row in textwrap.wrap(_cue_text(i, lines), 90))
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    page_ids, size = [], 0
    while size < target:
        text = " ".join(f"({next(rows).replace(chr(92), '').replace('(', '[').replace(')', ']')}) '" for _ in range(50))
        stream = f"BT /F1 10 Tf 12 TL 50 780 Td {text} ET".encode("latin-1", "replace")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects)))
        page_ids.append(len(objects))
        size += len(stream) + 200
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % n for n in page_ids), len(page_ids))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _status_kib(pid: int | str, field: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


def _cpu_seconds(pid: int | str) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # utime + stime, and those of its children once reaped (the worker forks a reader of a long PDF's later pages)
    return sum(int(field) for field in fields[11:15]) / os.sysconf("SC_CLK_TCK")


class _ChildrenGrowth(threading.Thread):
    """The largest growth of any process the worker forks (VmHWM less its resident size when
    first seen, right after the fork), polled every few ms while `extract()` runs."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.kib, self._first, self._done = pid, 0, {}, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.005):
            try:
                with open(f"/proc/{self.pid}/task/{self.pid}/children") as children:
                    pids = children.read().split()
                for child in pids:
                    first = self._first.setdefault(child, _status_kib(child, "VmRSS"))
                    self.kib = max(self.kib, _status_kib(child, "VmHWM") - first)
            except (OSError, StopIteration):
                pass  # it ended between the listing and the reading

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.kib


def _reset_peak(pid: int | str) -> int:
    """Resets the high-water mark of RSS; returns the resident KiB now."""
    with open(f"/proc/{pid}/clear_refs", "w") as clear:
        clear.write("5")
    return _status_kib(pid, "VmRSS")


def child(fmt: str, size_mb: int) -> None:
    from ingestion.adapters.extractors import FileTextExtractor
    from ingestion.adapters.extractors.document_sandbox import DocumentSandbox
    from ingestion.domain.errors import IngestionError
    from ingestion.ports import Upload

    data = build(fmt, size_mb * MB)
    # The service's limits, but 600 s to finish (the service refuses after 120 s): a slow reader is measured.
    sandbox = DocumentSandbox(timeout_seconds=600)
    sandbox.start()
    worker = sandbox.worker_pid()
    # No transcript-length cap here: this measures the parser, not the 200,000-character limit.
    extractor = FileTextExtractor(max_chars=10**10, max_docx_unpacked_bytes=10**10, sandbox=sandbox)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench.{fmt}"
        path.write_bytes(data)
        before = {"self": _reset_peak("self"), worker: _reset_peak(worker)}
        cpu = _cpu_seconds("self") + _cpu_seconds(worker)
        forked = _ChildrenGrowth(worker)
        forked.start()
        started = time.perf_counter()
        try:
            result = extractor.extract(Upload(path=path, filename=path.name, content_type=None, size=len(data)))
        except IngestionError as exc:
            print(f"refused {exc.code} {time.perf_counter() - started:.0f}")
            return
        elapsed = time.perf_counter() - started
        forked_kib = forked.stop()
        cpu = _cpu_seconds("self") + _cpu_seconds(worker) - cpu
        growth = {pid: _status_kib(pid, "VmHWM") - kib for pid, kib in before.items()}
    # the worker's growth and its forked reader's, each at its own peak (an upper bound of the two together)
    print(f"{len(data)} {elapsed} {len(result.turns)} {growth['self']} {growth[worker] + forked_kib} {cpu}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,10")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "MB"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    env = os.environ | {"DO_NOT_TRACK": "true", "UNSTRUCTURED_DISABLE_NOTICE": "1"}
    for fmt in args.formats.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            proc = subprocess.Popen([sys.executable, __file__, "--child", fmt, str(size)], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            output = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            name = f"extract_{fmt}_{size}mb"
            if output.startswith("refused "):
                _, code, seconds = output.split()
                print(f"{name}_refused: {seconds} s ({code})", flush=True)
                continue
            if proc.returncode != 0 or not output.strip():
                print(f"{name}_failed: {proc.returncode} exit_code", flush=True)
                continue
            nbytes, elapsed, _turns, service_kib, worker_kib, cpu = output.split()
            print(f"{name}_throughput: {int(nbytes) / MB / float(elapsed):.2f} MB/s", flush=True)
            print(f"{name}_seconds: {float(elapsed):.3f} s", flush=True)
            # CPU seconds of the service and the worker: what the work costs when the machine is busy
            print(f"{name}_cpu_throughput: {int(nbytes) / MB / max(float(cpu), 0.01):.2f} MB/s", flush=True)
            print(f"{name}_peak_rss: {usage.ru_maxrss / 1024:.0f} MB", flush=True)  # ru_maxrss is KiB on Linux
            print(f"{name}_service_peak_growth: {int(service_kib) / 1024:.0f} MB", flush=True)
            if fmt in ("docx", "pdf", "html", "md"):
                print(f"{name}_worker_peak_growth: {int(worker_kib) / 1024:.0f} MB", flush=True)


if __name__ == "__main__":
    main()

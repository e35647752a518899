"""docx, pdf, html and markdown are read in a worker process (document_worker.py), never in
the service's own process.

Why a process: a PDF's streams can inflate a thousandfold, and so can other filters, object
streams, fonts and XML; a check of declared sizes before parsing would have to know every filter
and every place a parser inflates, and still could not bound the parser's own work or its time.
A process can be bounded whatever the cause: its address space is capped (RLIMIT_AS, set by the
worker once warm, at what it holds plus `memory_bytes`), so a bomb ends in a MemoryError there,
or, in PDFium's C code, in an abort (SIGABRT); either is answered as `decompression_bomb`. A
document that takes longer than `timeout_seconds` has its worker killed and is refused as
`extraction_timeout`. The service's memory never holds more than the file and the lines that
come back.

One worker, started (and warmed: unstructured takes seconds to import) by `start()` or on first
use, serves one document at a time; it is replaced after a bomb, a timeout or a crash."""

import os
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import msgspec

from ingestion.domain.errors import (
    ContentMismatch,
    CorruptFile,
    DecompressionBomb,
    EncryptedFile,
    EntityExpansion,
    ExtractionTimeout,
    IngestionError,
    NoWordsFound,
    TranscriptTooLong,
)

REFUSALS = {error.code: error for error in (CorruptFile, EncryptedFile, TranscriptTooLong, ContentMismatch,
                                            NoWordsFound, DecompressionBomb, EntityExpansion)}
WORKER = "ingestion.adapters.extractors.document_worker"
HEADER = struct.Struct(">I")  # each frame: its length, then msgpack


class _WorkerGone(Exception):
    pass


class DocumentSandbox:
    def __init__(self, *, memory_bytes: int = 1024 * 2**20, timeout_seconds: float = 120.0,
                 start_timeout_seconds: float = 300.0) -> None:
        self.memory_bytes = memory_bytes
        self.timeout_seconds = timeout_seconds
        self.start_timeout_seconds = start_timeout_seconds
        self._lock = threading.Lock()
        self._worker: subprocess.Popen | None = None
        self.started = 0  # workers started so far (tests and benchmarks read it)

    def start(self) -> None:
        with self._lock:
            self._ready_worker()

    def worker_pid(self) -> int | None:
        return self._worker.pid if self._worker else None

    @contextmanager
    def reading(self, ext: str, data: bytes, *, max_chars: int, max_pdf_pages: int) -> Iterator[Iterable[str]]:
        """The document's lines as the worker reads them, to be parsed meanwhile (the worker and
        the caller each on a core). Each pass over them starts from the first line. Whatever the
        caller raises, the worker's refusal, if it has one, is raised instead: the outcome is the
        one the caller would meet with all the lines at once."""
        request = msgspec.msgpack.encode({"ext": ext, "data": data, "max_chars": max_chars,
                                          "max_pdf_pages": max_pdf_pages})
        with self._lock:
            worker = self._send(ext, request)
            request = None  # sent: the parser's lines need the room
            deadline = time.monotonic() + self.timeout_seconds  # for the whole answer
            lines = _Lines(lambda: self._next_answer(worker, ext, deadline))
            try:
                yield lines
            except BaseException:
                lines.finish()
                raise
            lines.finish()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _send(self, ext: str, request: bytes) -> subprocess.Popen:
        for attempt in (1, 2):  # a worker that died while idle is replaced once
            worker = self._ready_worker()
            try:
                worker.stdin.write(HEADER.pack(len(request)))  # two writes: no copy of a 10 MB request
                worker.stdin.write(request)
                worker.stdin.flush()
                return worker
            except OSError:
                self._stop()
        raise CorruptFile(f"the .{ext} file could not be read (the document reader is unavailable)")

    def _next_answer(self, worker: subprocess.Popen, ext: str, deadline: float) -> dict:
        try:
            answer = self._answer(worker, deadline)
        except TimeoutError:
            self._stop()
            raise ExtractionTimeout(f"the .{ext} file takes longer than {self.timeout_seconds:g} s to read; "
                                    "simplify it or upload it as text") from None
        except _WorkerGone:
            code = self._stop()
            if code == -signal.SIGABRT:  # PDFium's answer to an allocation the cap refused
                threading.Thread(target=self.start, name="document-worker-restart", daemon=True).start()
                raise DecompressionBomb(f"the .{ext} file needs more than {self.memory_bytes // 2**20:,} MB of "
                                        "memory to read (its content inflates far beyond its size)") from None
            raise CorruptFile(f"the .{ext} file could not be read (the reader stopped, exit {code})") from None
        if answer.get("exiting"):  # after a bomb: let it go and warm the next one now
            self._stop(grace_seconds=5)
            threading.Thread(target=self.start, name="document-worker-restart", daemon=True).start()
        if "lines" not in answer:
            raise REFUSALS.get(answer["refusal"], CorruptFile)(answer["message"])
        return answer

    def _ready_worker(self) -> subprocess.Popen:
        if self._worker is not None and self._worker.poll() is None:
            return self._worker
        self._stop()
        worker = subprocess.Popen([sys.executable, "-m", WORKER, str(self.memory_bytes)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._worker = worker
        self.started += 1
        try:
            answer = self._answer(worker, time.monotonic() + self.start_timeout_seconds)
        except (TimeoutError, _WorkerGone):
            self._stop()
            raise CorruptFile("the document reader could not be started") from None
        assert answer.get("ready"), answer
        return worker

    def _answer(self, worker: subprocess.Popen, deadline: float) -> dict:
        (size,) = HEADER.unpack(_read_exactly(worker.stdout.fileno(), HEADER.size, deadline))
        return msgspec.msgpack.decode(_read_exactly(worker.stdout.fileno(), size, deadline))

    def _stop(self, grace_seconds: float = 0) -> int | None:
        worker, self._worker = self._worker, None
        if worker is None:
            return None
        try:
            worker.wait(grace_seconds)
        except subprocess.TimeoutExpired:
            worker.kill()
        code = worker.wait()
        for pipe in (worker.stdin, worker.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        return code


class _Lines:
    """A document's lines, kept as they come from the worker; iterable again and again."""

    def __init__(self, next_answer: Callable[[], dict]) -> None:
        self._next_answer = next_answer
        self._parts: list[list[str]] = []
        self._more = True
        self._failure: BaseException | None = None

    def __iter__(self) -> Iterator[str]:
        index = 0
        while index < len(self._parts) or self._pull():
            yield from self._parts[index]
            index += 1

    def finish(self) -> None:
        """Reads the rest (as the worker goes on reading anyway); raises the worker's refusal."""
        while self._pull():
            pass

    def _pull(self) -> bool:
        if self._failure is not None:
            raise self._failure
        if not self._more:
            return False
        try:
            answer = self._next_answer()
        except BaseException as exc:
            self._failure = exc
            raise
        self._parts.append(answer["lines"])
        self._more = bool(answer.get("more"))
        return True


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks, missing = [], size
    while missing:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise _WorkerGone
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


_shared: DocumentSandbox | None = None
_shared_lock = threading.Lock()


def shared_sandbox() -> DocumentSandbox:
    """The process's one sandbox with the default limits (one worker, warmed once)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = DocumentSandbox()
        return _shared

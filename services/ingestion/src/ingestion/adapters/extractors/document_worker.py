"""The process that reads documents for DocumentSandbox: `python -m ingestion.adapters.extractors.document_worker
MEMORY_BYTES`. It warms unstructured up, caps its own address space at what that took plus
MEMORY_BYTES (RLIMIT_AS), says it is ready, then answers one request at a time on stdin/stdout
until stdin closes (the service stopped or died).

Frames are a 4-byte big-endian length and a msgpack map. Request: ext, data, max_chars,
max_pdf_pages. Answer: lines as they are read, in frames {"lines": [...], "more": true}, then
{"lines": [...]}; or, at any point, {"refusal": code, "message": ...}. The service parses the
first lines while the rest are read (each on its own core). After a MemoryError it answers
`decompression_bomb` (with "exiting") and exits: the next document gets a fresh process.
PDFium (PDFs) aborts the process instead when the cap stops an allocation; the sandbox names
that a decompression bomb too."""

import fcntl
import os
import resource
import sys
from collections.abc import Iterator

import msgspec

from ingestion.adapters.extractors import unstructured_extractor
from ingestion.adapters.extractors.document_sandbox import HEADER
from ingestion.adapters.extractors.pdf_guard import check_pdf_document
from ingestion.domain.errors import DecompressionBomb, IngestionError, TranscriptTooLong

# Small enough that the service starts parsing early, large enough that framing costs nothing.
FRAME_CHARS = 1 << 16


def read_frame(stream) -> dict | None:
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    body = stream.read(size)
    return msgspec.msgpack.decode(body) if len(body) == size else None


def write_frame(stream, message: dict) -> None:
    body = msgspec.msgpack.encode(message)
    stream.write(HEADER.pack(len(body)))  # two writes: no copy of a large answer
    stream.write(body)
    stream.flush()


def read_document(ext: str, data: bytes, max_chars: int, max_pdf_pages: int) -> Iterator[list[str]]:
    if ext == "pdf" and check_pdf_document(data, max_pdf_pages) > max_pdf_pages:
        raise TranscriptTooLong(f"the file is too large: it holds more than {max_chars:,} characters "
                                f"of text (judged by its page count before reading it)")
    return unstructured_extractor.iter_document_lines(ext, data, max_chars)


def send_lines(answers, parts: Iterator[list[str]]) -> None:
    """The lines in frames of about FRAME_CHARS characters, the last one without "more"."""
    lines: list[str] = []
    chars = 0
    for part in parts:
        lines += part
        chars += sum(map(len, part))
        if chars >= FRAME_CHARS:
            write_frame(answers, {"lines": lines, "more": True})
            lines, chars = [], 0
    write_frame(answers, {"lines": lines})


def cap_memory(extra_bytes: int) -> None:
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (used + extra_bytes, used + extra_bytes))


def serve(requests, answers, memory_bytes: int) -> None:
    unstructured_extractor.warm_up()
    cap_memory(memory_bytes)
    write_frame(answers, {"ready": True})
    while (request := read_frame(requests)) is not None:
        ext, parts = request["ext"], None
        try:
            parts = read_document(ext, request["data"], request["max_chars"], request["max_pdf_pages"])
            request = None  # only the reader holds the document: it goes when the reading ends
            send_lines(answers, parts)
        except IngestionError as exc:
            write_frame(answers, {"refusal": exc.code, "message": exc.message})
        except MemoryError:
            request = parts = None  # let go of what can be freed before answering
            write_frame(answers, {"refusal": DecompressionBomb.code, "exiting": True, "message": (
                f"the .{ext} file needs more than {memory_bytes // 2**20:,} MB of memory to read "
                "(its content inflates far beyond its size)")})
            sys.exit(3)


def main() -> None:
    # stdout is the answer channel: keep it for frames and send anything printed to stderr.
    answers = os.fdopen(os.dup(1), "wb")
    try:  # room for ~15 frames: the reading runs ahead of the service's parsing instead of waiting on it
        fcntl.fcntl(answers.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except OSError:
        pass  # not a pipe, or a smaller limit: frames just wait more often
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, answers, int(sys.argv[1]))


if __name__ == "__main__":
    main()

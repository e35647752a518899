"""A long PDF's later pages read in a forked copy of the document worker, so PDFium runs on both
cores.

Why: PDFium's page and text-page loading (FPDF_LoadPage, FPDFText_LoadPage, in C) is three
quarters of the worker's time on a PDF, and reads about 2 MB/s on one core of the 2-core
machine, so one process cannot read a PDF at 2 MB/s whatever the Python around it does. PDFium is not thread-safe; a
forked child is a copy of the worker with the document already open, and costs milliseconds.

The child reads pages [middle, end) while the worker reads [0, middle); it sends back what it
read, and how it stopped, once done, and the worker gives its items after its own, so the order
(and where a failure or the length limit stops the reading) is the one of a single reader. The
two share the worker's memory cap: the soft RLIMIT_AS is halved between them while the child
lives. PDFium aborts a process whose allocation the cap refuses; a child's abort is the worker's
MemoryError (a decompression bomb). The child dies with the worker (PR_SET_PDEATHSIG), e.g.
when the sandbox kills it for taking too long.
"""

import ctypes
import os
import pickle
import resource
import signal
import struct
from collections.abc import Callable, Iterable, Iterator
from typing import Any

SPLIT_FROM_PAGES = 32  # shorter ones read in tens of ms: not worth a fork
PR_SET_PDEATHSIG = 1
FRAME = struct.Struct(">I")  # each frame: its length, then a pickle
FRAME_ITEMS = 256


def read_pages(pages: int, read: Callable[[range], Iterable[Any]]) -> Iterator[Any]:
    """read(range of pages) yields the items of those pages in order; here they come from two
    processes when the document is long and there is a second core."""
    if pages < SPLIT_FROM_PAGES or len(os.sched_getaffinity(0)) < 2:
        yield from read(range(pages))
        return
    middle = pages // 2
    restore = _share_memory_cap()
    receive, send = os.pipe()
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        os.close(receive)
        _serve_child(send, parent, lambda: read(range(middle, pages)))
    os.close(send)
    try:
        yield from read(range(middle))
        yield from _received(receive, child)
    finally:
        os.close(receive)
        _reap(child)
        restore()


def _serve_child(send: int, parent: int, read: Callable[[], Iterable[Any]]) -> None:
    """Never returns: os._exit leaves the worker's open files and PDFium's state alone. What
    it read is kept pickled, a frame of FRAME_ITEMS items at a time (about the size of the text),
    and sent once it is done: sent as it goes, it would wait on a worker still reading its own."""
    frames, items, failure = [], [], None
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the worker died before the line above
            os._exit(1)
        for item in read():
            items.append(item)
            if len(items) == FRAME_ITEMS:
                frames.append(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
                items = []
    except BaseException as exc:  # noqa: BLE001 - any stop goes back to the worker, in its place
        failure = exc
    try:
        frames.append(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
        try:
            frames.append(pickle.dumps(failure))
        except Exception:  # noqa: BLE001 - an exception that does not pickle is sent as its name
            frames.append(pickle.dumps(RuntimeError(type(failure).__name__)))
        for frame in frames:
            view = memoryview(FRAME.pack(len(frame)) + frame)
            while view:
                view = view[os.write(send, view):]
    finally:
        os._exit(0)


def _received(receive: int, child: int) -> Iterator[Any]:
    """The child's items, a frame at a time; then its failure, raised. The last frame says how
    it stopped, so a frame is yielded only once the next one has come."""
    last = None
    while (head := _read_exactly(receive, FRAME.size)) is not None:
        frame = _read_exactly(receive, FRAME.unpack(head)[0])
        if frame is None:
            break
        if last is not None:
            yield from pickle.loads(last)
        last = frame
    failure = pickle.loads(last) if last is not None else None
    if isinstance(failure, BaseException):
        raise failure
    if last is not None and failure is None:
        return
    _, status = os.waitpid(child, 0)  # it died before it could say how it stopped
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT:
        raise MemoryError("PDFium aborted the reader of the later pages")
    raise RuntimeError(f"the reader of the later pages stopped ({status})")


def _read_exactly(receive: int, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = os.read(receive, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _reap(child: int) -> None:
    try:
        os.kill(child, signal.SIGKILL)  # still reading only if the worker stopped first
        os.waitpid(child, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _share_memory_cap() -> Callable[[], None]:
    """Halves what the soft address-space cap leaves free, for each process; returns the undo."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return lambda: None
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (max(used, used + (soft - used) // 2), hard))
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

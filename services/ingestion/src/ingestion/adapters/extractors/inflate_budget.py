"""A stand-in for the `zlib` module inside pdfminer, which inflates every PDF stream with a
plain `zlib.decompress` (and a damaged one with `zlib.decompressobj`), unbounded. It counts what
a document inflates and stops at a budget. unstructured swallows exceptions raised while a page
is read, so the worker also asks `tripped` afterwards. Installed only in the document worker."""

import zlib

error = zlib.error
MAX_WBITS = zlib.MAX_WBITS
CHUNK = 16 * 2**20


class InflateBudget:
    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.used, self.tripped = max_bytes, 0, False

    def reset(self) -> None:
        self.used, self.tripped = 0, False

    def charge(self, produced: int) -> None:
        self.used += produced
        if self.used > self.max_bytes:
            self.tripped = True
            raise MemoryError(f"inflated more than {self.max_bytes:,} bytes")

    def decompress(self, data: bytes, wbits: int = MAX_WBITS, bufsize: int = 0) -> bytes:
        """zlib.decompress, a chunk at a time, so the budget trips before a big allocation does."""
        inflater, pieces = zlib.decompressobj(wbits), []
        pending = data
        while pending and not inflater.eof:
            pieces.append(inflater.decompress(pending, CHUNK))
            self.charge(len(pieces[-1]))
            pending = inflater.unconsumed_tail
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return b"".join(pieces)

    def decompressobj(self, *args, **kwargs) -> "_BoundedInflater":
        return _BoundedInflater(self, zlib.decompressobj(*args, **kwargs))


class _BoundedInflater:
    def __init__(self, budget: InflateBudget, inflater) -> None:
        self.budget, self.inflater = budget, inflater

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = self.budget.max_bytes - self.budget.used + 1
        out = self.inflater.decompress(data, min(max_length, room) if max_length else room)
        self.budget.charge(len(out))
        return out

    def flush(self, *args) -> bytes:
        out = self.inflater.flush(*args)
        self.budget.charge(len(out))
        return out

    def __getattr__(self, name: str):
        return getattr(self.inflater, name)

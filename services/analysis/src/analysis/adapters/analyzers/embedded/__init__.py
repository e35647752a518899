"""The embedded analyzer: offline, deterministic, speaker-aware session insights.

spaCy's parse and wordllama's static embeddings (both installed from PyPI, nothing
downloaded at run time) plus rules that read structure, not keywords. Every claim quotes
the transcript verbatim.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from contracts import InsightContent, Transcript

from ..process_pool import ProcessPool
from .analyzer import MODEL_VERSION, analyze_transcript
from .models import warm_up

__all__ = ["MODEL_VERSION", "EmbeddedAnalyzer", "analyze_transcript"]


class EmbeddedAnalyzer:
    """`processes` > 1: analyses run in that many worker processes (one core each), each
    loading the models once; 0 or 1: in this process, on a thread."""

    name = "embedded"

    def __init__(self, warm: bool = True, processes: int = 1,
                 function: Callable[[Transcript], InsightContent] = analyze_transcript) -> None:
        self._function = function  # a module-level function: workers receive it by name
        self._pool = ProcessPool(processes, initializer=warm_up if warm else None) if processes > 1 else None
        if self._pool is not None:
            if warm:
                self._pool.warm()  # every worker loads both models now, not in its first analysis
        elif warm:
            warm_up()  # load both models at start-up (~3 s), not inside the first analysis

    @property
    def processes(self) -> int:
        return self._pool.processes if self._pool else 1

    async def analyze(self, transcript: Transcript, context: object | None = None) -> InsightContent:
        del context  # no per-request options yet
        if self._pool is not None:  # raises WorkerCrashed if the process died: the attempt fails, is retried
            return await self._pool.run(self._function, transcript)
        # CPU-bound (about 1.2-1.9 s of one core for 9,000 words); a thread keeps the event loop
        # answering health checks and acks meanwhile (spaCy and numpy release the GIL in their kernels).
        return await asyncio.to_thread(self._function, transcript)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

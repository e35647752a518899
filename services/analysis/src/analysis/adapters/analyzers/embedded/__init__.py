"""The embedded analyzer: offline, deterministic, speaker-aware session insights.

spaCy's parse and wordllama's static embeddings (both installed from PyPI, nothing
downloaded at run time) plus rules that read structure, not keywords. Every claim quotes
the transcript verbatim.
"""

from __future__ import annotations

import asyncio

from contracts import InsightContent, Transcript

from .analyzer import MODEL_VERSION, analyze_transcript
from .models import warm_up

__all__ = ["MODEL_VERSION", "EmbeddedAnalyzer", "analyze_transcript"]


class EmbeddedAnalyzer:
    name = "embedded"

    def __init__(self, warm: bool = True) -> None:
        if warm:
            warm_up()  # load both models at start-up (~3 s), not inside the first analysis

    async def analyze(self, transcript: Transcript, context: object | None = None) -> InsightContent:
        # CPU-bound (about 1.4 s of one core for 9,000 words); a thread keeps the event loop
        # answering health checks and acks meanwhile (spaCy and numpy release the GIL in their kernels).
        del context  # no per-request options yet
        return await asyncio.to_thread(analyze_transcript, transcript)

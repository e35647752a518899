"""The embedded analyzer: offline, deterministic, speaker-aware session insights.

Rules and small lexicon-based libraries (VADER, YAKE, pysbd) only; no network,
no model downloads. Every claim quotes the transcript verbatim.
"""

from __future__ import annotations

import asyncio

from contracts import InsightContent, Transcript

from .analyzer import MODEL_VERSION, analyze_transcript

__all__ = ["MODEL_VERSION", "EmbeddedAnalyzer", "analyze_transcript"]


class EmbeddedAnalyzer:
    name = "embedded"

    async def analyze(self, transcript: Transcript, context: object | None = None) -> InsightContent:
        # The work is CPU-bound but short (<300 ms for 9,000 words); a thread keeps
        # the event loop responsive for long transcripts.
        del context  # no per-request options yet
        return await asyncio.to_thread(analyze_transcript, transcript)

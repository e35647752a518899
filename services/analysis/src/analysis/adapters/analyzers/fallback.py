import logging

import msgspec

from analysis.domain.errors import AnalyzerUnavailable, TranscriptUnreadable
from analysis.domain.model import AnalysisContext
from analysis.ports import Analyzer
from contracts import InsightContent, Transcript

log = logging.getLogger(__name__)


class FallbackAnalyzer(Analyzer):
    """Tries `primary`; on any failure answers with `fallback` and says so in the metadata
    (including what the primary's failed calls cost)."""

    def __init__(self, primary: Analyzer, fallback: Analyzer) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = f"{primary.name}+{fallback.name}"

    async def analyze(self, transcript: Transcript, context: AnalysisContext) -> InsightContent:
        try:
            return await self.primary.analyze(transcript, context)
        except Exception as exc:
            log.warning("%s failed for %s, falling back to %s: %s", self.primary.name, context.insight_id,
                        self.fallback.name, exc)
            spent = {}
            if isinstance(exc, AnalyzerUnavailable):
                spent = dict(prompt_tokens=exc.prompt_tokens, completion_tokens=exc.completion_tokens,
                             estimated_cost_usd=exc.estimated_cost_usd)
            try:
                content = await self.fallback.analyze(transcript, context)
            except TranscriptUnreadable as unreadable:
                if isinstance(exc, TranscriptUnreadable):
                    raise  # neither can read it (grounded selection reads through the embedded analyzer)
                # only the primary might read it, and its failure may pass: the attempt is retried
                raise AnalyzerUnavailable(f"{self.primary.name} failed ({exc}); {unreadable}", **spent) from unreadable
            metadata = msgspec.structs.replace(
                content.metadata, fallback_used=True, fallback_reason=f"{self.primary.name}: {exc}"[:300], **spent)
            return msgspec.structs.replace(content, metadata=metadata)

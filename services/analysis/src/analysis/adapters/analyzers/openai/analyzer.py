import time

from analysis.adapters.analyzers.openai.chunking import estimate_tokens, render_lines, split
from analysis.adapters.analyzers.openai.client import ChatClient, Usage
from analysis.adapters.analyzers.openai.evidence import keep_verbatim
from analysis.adapters.analyzers.openai.merge import PartAnswer, merge
from analysis.adapters.analyzers.openai.prompt import SYSTEM_PROMPT, messages
from analysis.adapters.analyzers.openai.schema import LIST_SECTIONS, RESPONSE_FORMAT, SINGLE_SECTIONS, LlmInsight
from analysis.adapters.analyzers.openai.settings import LlmSettings
from analysis.domain.evidence import TranscriptText
from analysis.domain.model import AnalysisContext
from analysis.ports import Analyzer
from contracts import InsightContent, SessionMetadata, Transcript

PROVIDER = "openai"
MIN_PART_TOKENS = 256
_OVERHEAD_TOKENS = estimate_tokens(SYSTEM_PROMPT + str(RESPONSE_FORMAT)) + 150  # + the user preamble


class OpenAIAnalyzer(Analyzer):
    """Any OpenAI-compatible chat-completions endpoint, with strict JSON-schema output."""

    name = PROVIDER

    def __init__(self, settings: LlmSettings, client: ChatClient | None = None) -> None:
        self.settings = settings
        self._chat = client or ChatClient(settings)

    @property
    def part_budget_tokens(self) -> int:
        """Transcript tokens one request may carry, leaving room for prompt, schema and answer."""
        return max(self.settings.context_tokens - self.settings.max_output_tokens - _OVERHEAD_TOKENS, MIN_PART_TOKENS)

    async def analyze(self, transcript: Transcript, context: AnalysisContext) -> InsightContent:
        started = time.perf_counter()
        parts = split(render_lines(transcript), self.part_budget_tokens)
        text = TranscriptText([turn.text for turn in transcript.turns])
        usage, answers, dropped, kept = Usage(), [], 0, 0
        for number, lines in enumerate(parts, 1):
            answer = await self._chat.complete(messages(lines, number, len(parts), context), usage)
            checked, lost = keep_verbatim(answer, text)
            answers.append(PartAnswer(checked, chars=sum(len(line.text) for line in lines)))
            dropped += lost
            kept += _quote_count(checked)
        merged = merge(answers)
        metadata = SessionMetadata(
            session_duration_minutes=_minutes(transcript), transcript_word_count=transcript.word_count,
            ai_provider=PROVIDER, model_version=self.settings.model,
            processing_time_seconds=round(time.perf_counter() - started, 3),
            # Confidence falls with the share of quotes we could not find in the transcript.
            analysis_confidence=round(0.9 * kept / (kept + dropped), 2) if kept + dropped else 0.5,
            quotes_dropped=dropped, prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
            estimated_cost_usd=round(self.settings.cost(usage.prompt_tokens, usage.completion_tokens), 6))
        fields = {name: getattr(merged, name) for name in LlmInsight.__struct_fields__}
        return InsightContent(**fields, metadata=metadata)


def _quote_count(answer: LlmInsight) -> int:
    claims = [c for c in (getattr(answer, name) for name in SINGLE_SECTIONS) if c is not None]
    claims += [c for name in LIST_SECTIONS for c in getattr(answer, name)]
    return sum(len(c.evidence) for c in claims)


def _minutes(transcript: Transcript) -> int | None:
    starts = [t.start_seconds for t in transcript.turns if t.start_seconds is not None]
    ends = [t.end_seconds or t.start_seconds for t in transcript.turns
            if (t.end_seconds or t.start_seconds) is not None]
    return round((max(ends) - min(starts)) / 60) if starts and ends else None

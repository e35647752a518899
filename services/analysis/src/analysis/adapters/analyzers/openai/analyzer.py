import asyncio
import logging
import time

from analysis.adapters.analyzers.openai import synthesis
from analysis.adapters.analyzers.openai.chunking import Line, estimate_tokens, halve, split
from analysis.adapters.analyzers.openai.client import AnswerCutOff, ChatClient, Usage
from analysis.adapters.analyzers.openai.evidence import SpokenText, keep_spoken, quote_count
from analysis.adapters.analyzers.openai.grounded import GroundedMode
from analysis.adapters.analyzers.openai.merge import PartAnswer, merge
from analysis.adapters.analyzers.openai.modes import FullMode, Mode, Reading
from analysis.adapters.analyzers.openai.passages import CandidateSource, SentenceCandidates
from analysis.adapters.analyzers.openai.schema import AnswerFormat, LlmInsight
from analysis.adapters.analyzers.openai.settings import LlmSettings
from analysis.domain.errors import AnalyzerUnavailable
from analysis.domain.model import AnalysisContext
from analysis.ports import Analyzer
from contracts import InsightContent, SessionMetadata, Transcript

log = logging.getLogger(__name__)
PROVIDER = "openai"
MIN_PART_TOKENS = 256
_PREAMBLE_TOKENS = 150  # the user message around the transcript


class OpenAIAnalyzer(Analyzer):
    """Any OpenAI-compatible chat-completions endpoint, with strict JSON-schema output."""

    name = PROVIDER

    def __init__(self, settings: LlmSettings, client: ChatClient | None = None,
                 candidates: CandidateSource | None = None) -> None:
        self.settings = settings
        self._chat = client or ChatClient(settings)
        self._mode: Mode = (GroundedMode(candidates or SentenceCandidates(settings.max_passages))
                            if settings.mode == "grounded" else FullMode())

    @property
    def part_budget_tokens(self) -> int:
        """Transcript tokens one request may carry, leaving room for prompt, schema and answer."""
        overhead = estimate_tokens(self._mode.overhead_text) + _PREAMBLE_TOKENS
        return max(self.settings.context_tokens - self.settings.max_output_tokens - overhead, MIN_PART_TOKENS)

    async def analyze(self, transcript: Transcript, context: AnalysisContext) -> InsightContent:
        started = time.perf_counter()
        # grounded mode's candidates come from the embedded analyzer (CPU, up to ~1.5 s): on a thread, as
        # the embedded analyzer's own in-process path, so the loop keeps acking the other messages in flight
        reading = await asyncio.to_thread(self._mode.read, transcript, context)
        if not reading.lines:
            raise AnalyzerUnavailable("the transcript offered nothing to analyse", 0, 0, 0.0)
        run = _Run(reading, self._mode.answer, self._chat, self.settings, SpokenText(transcript))
        parts = split(reading.lines, self.part_budget_tokens, self.settings.overlap_turns)
        for lines in parts:
            await run.part(lines, whole=len(parts) == 1, depth=0)
        merged = merge(run.answers)
        if len(run.answers) > 1:
            merged = await run.synthesise(merged)
        return _content(merged, transcript, run, self.settings, time.perf_counter() - started)


class _Run:
    """One analysis: its answers, token usage and quote counts."""

    def __init__(self, reading: Reading, answer: AnswerFormat, chat: ChatClient, settings: LlmSettings,
                 spoken: SpokenText) -> None:
        self.reading, self.answer, self.chat, self.settings, self.spoken = reading, answer, chat, settings, spoken
        self.usage = Usage()
        self.answers: list[PartAnswer] = []  # in transcript order, halves of a cut-off part included
        self.dropped = self.kept = 0

    async def part(self, lines: list[Line], whole: bool, depth: int) -> None:
        try:
            raw = await self.chat.complete(self.reading.messages(lines, whole), self.usage, self.answer)
        except AnswerCutOff as exc:
            # The same request would be cut off again: ask about less of the session at a time.
            halves = halve(lines, self.settings.overlap_turns)
            if depth >= self.settings.max_split_depth or len(halves) < 2:
                raise AnalyzerUnavailable(f"the AI service's answer was cut off even for a small part ({exc})",
                                          *self._spent()) from exc
            log.info("answer cut off for %d lines: halving (depth %d)", len(lines), depth + 1)
            for half in halves:
                await self.part(half, whole=False, depth=depth + 1)
            return
        answer, invalid = self.reading.to_insight(raw)
        checked, lost = keep_spoken(answer, self.spoken)
        self.answers.append(PartAnswer(checked, chars=sum(len(line.text) for line in lines)))
        self.dropped += lost + invalid
        self.kept += quote_count(checked)

    async def synthesise(self, merged: LlmInsight) -> LlmInsight:
        parts = [p.answer for p in self.answers]
        intentions = [a.intention for a in parts if a.intention is not None]
        try:
            answer = await self.chat.complete(synthesis.messages(parts, merged, intentions), self.usage,
                                              synthesis.SYNTHESIS_FORMAT)
        except (AnalyzerUnavailable, AnswerCutOff) as exc:
            # The parts are analysed and merged already: a failed synthesis costs polish, not the insight.
            log.warning("synthesis failed, keeping the merged parts: %s", exc)
            return merged
        return synthesis.apply(merged, answer, intentions)

    def _spent(self) -> tuple[int, int, float]:
        u = self.usage
        return u.prompt_tokens, u.completion_tokens, self.settings.cost(u.prompt_tokens, u.completion_tokens)


def _content(merged: LlmInsight, transcript: Transcript, run: _Run, s: LlmSettings, seconds: float) -> InsightContent:
    kept, dropped, usage = run.kept, run.dropped, run.usage
    metadata = SessionMetadata(
        session_duration_minutes=_minutes(transcript), transcript_word_count=transcript.word_count,
        ai_provider=PROVIDER, model_version=s.model, processing_time_seconds=round(seconds, 3),
        # Confidence falls with the share of quotes we could not find in the transcript.
        analysis_confidence=round(0.9 * kept / (kept + dropped), 2) if kept + dropped else 0.5,
        quotes_dropped=dropped, prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
        estimated_cost_usd=round(s.cost(usage.prompt_tokens, usage.completion_tokens), 6))
    fields = {name: getattr(merged, name) for name in LlmInsight.__struct_fields__}
    return InsightContent(**fields, metadata=metadata)


def _minutes(transcript: Transcript) -> int | None:
    starts = [t.start_seconds for t in transcript.turns if t.start_seconds is not None]
    ends = [t.end_seconds or t.start_seconds for t in transcript.turns
            if (t.end_seconds or t.start_seconds) is not None]
    return round((max(ends) - min(starts)) / 60) if starts and ends else None

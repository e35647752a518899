"""OpenAI-compatible analyzer: strict JSON-schema output (or, for small local models, numbered
candidate passages chosen by number), overlapping parts merged and synthesised for long
transcripts, bounded retries, speaker-checked verbatim evidence, token and cost accounting."""

from analysis.adapters.analyzers.openai.analyzer import OpenAIAnalyzer
from analysis.adapters.analyzers.openai.passages import CandidateSource, Passage, SentenceCandidates
from analysis.adapters.analyzers.openai.settings import LlmSettings

__all__ = ["CandidateSource", "LlmSettings", "OpenAIAnalyzer", "Passage", "SentenceCandidates"]

"""OpenAI-compatible analyzer: strict JSON-schema output, split-and-merge for long
transcripts, bounded retries, verbatim-checked evidence, token and cost accounting."""

from analysis.adapters.analyzers.openai.analyzer import OpenAIAnalyzer
from analysis.adapters.analyzers.openai.settings import LlmSettings

__all__ = ["LlmSettings", "OpenAIAnalyzer"]

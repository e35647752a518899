"""How a part of the session is put to the model and its answer read back: `full` sends the
transcript's turns and checks the quotes the model copies; `grounded` sends numbered
candidate passages and the model cites them by number."""

from typing import Any, Protocol

from analysis.adapters.analyzers.openai import prompt
from analysis.adapters.analyzers.openai.chunking import Line, render_lines
from analysis.adapters.analyzers.openai.schema import INSIGHT_FORMAT, AnswerFormat, LlmInsight
from analysis.domain.model import AnalysisContext
from contracts import Transcript


class Reading(Protocol):
    """One transcript as a mode presents it (state per analysis, so analyses may run concurrently)."""

    lines: list[Line]

    def messages(self, lines: list[Line], whole: bool) -> list[dict]: ...
    def to_insight(self, answer: Any) -> tuple[LlmInsight, int]: ...  # and how many citations were invalid


class Mode(Protocol):
    answer: AnswerFormat
    overhead_text: str  # the fixed part of every request (prompt and schema), for the token budget

    def read(self, transcript: Transcript, context: AnalysisContext) -> Reading: ...


class FullMode(Mode):
    answer = INSIGHT_FORMAT
    overhead_text = prompt.SYSTEM_PROMPT + str(INSIGHT_FORMAT.response_format)

    def read(self, transcript: Transcript, context: AnalysisContext) -> Reading:
        return _FullReading(render_lines(transcript), context)


class _FullReading(Reading):
    def __init__(self, lines: list[Line], context: AnalysisContext) -> None:
        self.lines, self._context = lines, context

    def messages(self, lines: list[Line], whole: bool) -> list[dict]:
        return prompt.messages(lines, whole, self._context)

    def to_insight(self, answer: LlmInsight) -> tuple[LlmInsight, int]:
        return answer, 0

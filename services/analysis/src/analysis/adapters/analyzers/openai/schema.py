"""The answer the model must give: InsightContent minus metadata (which we fill), as a
msgspec struct for validation and a strict JSON schema for structured output."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec
from contracts.insight import (
    ActionItem,
    Celebration,
    ClientDiscovery,
    CoachFeedback,
    CoachingPresence,
    CommunicationPattern,
    EmotionalShift,
    GoalProgress,
    Intention,
    PowerfulQuestion,
    QualityLabel,
    ValuesBeliefs,
)


class LlmInsight(msgspec.Struct, frozen=True, kw_only=True):
    celebration: Celebration | None
    intention: Intention | None
    client_discoveries: list[ClientDiscovery]
    goal_progress: list[GoalProgress]
    coaching_presence: CoachingPresence | None
    powerful_questions: list[PowerfulQuestion]
    action_items: list[ActionItem]
    emotional_shifts: list[EmotionalShift]
    values_beliefs: list[ValuesBeliefs]
    communication_patterns: CommunicationPattern | None
    session_summary: str
    key_themes: list[str]
    overall_session_quality: QualityLabel
    coach_feedback: CoachFeedback | None = None


SINGLE_SECTIONS = ("celebration", "intention", "coaching_presence", "communication_patterns")
LIST_SECTIONS = ("client_discoveries", "goal_progress", "powerful_questions", "action_items", "emotional_shifts",
                 "values_beliefs")
FEEDBACK_LISTS = ("strengths", "missed_opportunities")


T = TypeVar("T")


@dataclass(frozen=True)
class AnswerFormat(Generic[T]):
    """What one kind of request asks for: the response_format sent and the decoder that checks it."""

    response_format: dict
    decoder: msgspec.json.Decoder

    @classmethod
    def of(cls, struct: type[T], name: str) -> "AnswerFormat[T]":
        return cls({"type": "json_schema", "json_schema": {"name": name, "schema": strict_schema(struct),
                                                           "strict": True}},
                   msgspec.json.Decoder(struct))


def strict_schema(struct: type) -> dict:
    """OpenAI strict mode wants an object at the root, every property required (optional
    ones are nullable instead), additionalProperties false, and no `default` keywords.
    Literal fields stay `enum`s (with a `type` beside them)."""
    raw = msgspec.json.schema(struct)
    defs = raw["$defs"]
    root = defs.pop(struct.__name__)
    schema = {**root, "$defs": defs} if defs else root
    _tighten(schema)
    return schema


def _tighten(node: dict[str, Any]) -> None:
    node.pop("default", None)
    node.pop("title", None)
    if "enum" in node and "type" not in node:
        # some strict-mode validators want a type beside an enum
        node["type"] = "integer" if all(isinstance(v, int) for v in node["enum"]) else "string"
    if "properties" in node:
        node["additionalProperties"] = False
        node["required"] = list(node["properties"])
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for child in value.values():
                _tighten(child)
        elif key == "items":
            _tighten(value)
        elif key == "anyOf":
            for child in value:
                _tighten(child)


INSIGHT_FORMAT = AnswerFormat.of(LlmInsight, "session_insights")

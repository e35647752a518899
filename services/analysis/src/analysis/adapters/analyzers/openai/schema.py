"""The answer the model must give: InsightContent minus metadata (which we fill), as a
msgspec struct for validation and a strict JSON schema for structured output."""

from typing import Literal

import msgspec
from contracts.insight import (
    ActionItem,
    Celebration,
    ClientDiscovery,
    CoachingPresence,
    CommunicationPattern,
    EmotionalShift,
    GoalProgress,
    Intention,
    PowerfulQuestion,
    ValuesBeliefs,
)

Quality = Literal["Excellent", "Good", "Average", "Needs Improvement"]


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
    overall_session_quality: Quality


SINGLE_SECTIONS = ("celebration", "intention", "coaching_presence", "communication_patterns")
LIST_SECTIONS = ("client_discoveries", "goal_progress", "powerful_questions", "action_items", "emotional_shifts",
                 "values_beliefs")


def strict_schema() -> dict:
    """OpenAI strict mode wants an object at the root, every property required (optional
    ones are nullable instead), additionalProperties false, and no `default` keywords."""
    raw = msgspec.json.schema(LlmInsight)
    defs = raw["$defs"]
    root = defs.pop(LlmInsight.__name__)
    schema = {**root, "$defs": defs}
    _tighten(schema)
    return schema


def _tighten(node: dict) -> None:
    node.pop("default", None)
    node.pop("title", None)
    if "enum" in node and "type" not in node:
        node["type"] = "string"  # some strict-mode validators want a type beside an enum
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


RESPONSE_FORMAT = {"type": "json_schema",
                   "json_schema": {"name": "session_insights", "schema": strict_schema(), "strict": True}}

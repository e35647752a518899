"""The structured-output schemas sent to the model: valid for OpenAI strict mode, every
label an enum, and the grounded twin citing passage numbers instead of quotes."""

import typing

import pytest
from analysis.adapters.analyzers.openai.grounded_schema import GROUNDED_FORMAT
from analysis.adapters.analyzers.openai.schema import INSIGHT_FORMAT
from analysis.adapters.analyzers.openai.synthesis import SYNTHESIS_FORMAT
from contracts.insight import FeedbackItem, IcfCompetency, QualityLabel, SmartElement

FORMATS = {"insight": INSIGHT_FORMAT, "synthesis": SYNTHESIS_FORMAT, "grounded": GROUNDED_FORMAT}


def _nodes(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            yield current
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


@pytest.mark.parametrize("name", FORMATS)
def test_schemas_are_valid_for_strict_mode(name):
    fmt = FORMATS[name].response_format
    schema = fmt["json_schema"]["schema"]
    assert fmt["json_schema"]["strict"] is True and schema["type"] == "object" and "$ref" not in schema
    for node in _nodes(schema):
        assert "default" not in node and "title" not in node
        if "properties" in node:
            assert node["additionalProperties"] is False and node["required"] == list(node["properties"])
        if "enum" in node:
            assert node["type"] in ("string", "integer")
        if "$ref" in node:
            assert set(node) == {"$ref"}  # strict mode allows no siblings beside a $ref


def test_every_label_is_an_enum_in_the_insight_schema():
    defs = INSIGHT_FORMAT.response_format["json_schema"]["schema"]["$defs"]
    root = INSIGHT_FORMAT.response_format["json_schema"]["schema"]["properties"]
    assert set(root["overall_session_quality"]["enum"]) == set(typing.get_args(QualityLabel))
    assert set(defs["ActionItem"]["properties"]["missing_smart"]["items"]["enum"]) == set(typing.get_args(SmartElement))
    direction = defs["EmotionalShift"]["properties"]["direction"]["anyOf"]
    assert {"enum": ["declined", "improved"], "type": "string"} in direction and {"type": "null"} in direction
    feedback = defs["FeedbackItem"]["properties"]
    assert set(feedback["competency"]["enum"]) == set(typing.get_args(IcfCompetency))
    assert set(feedback["kind"]["enum"]) == {"strength", "missed_opportunity"}
    assert root["coach_feedback"]["anyOf"] == [{"$ref": "#/$defs/CoachFeedback"}, {"type": "null"}]
    labels = {("Intention", "commitment_level"), ("ClientDiscovery", "depth_level"), ("GoalProgress", "progress_level"),
              ("CoachingPresence", "client_engagement_level"), ("PowerfulQuestion", "breakthrough_level"),
              ("ActionItem", "client_commitment_level"), ("ValuesBeliefs", "type"),
              ("CommunicationPattern", "processing_style")}
    for struct, field in labels:
        assert defs[struct]["properties"][field]["enum"], (struct, field)


def test_the_grounded_schema_cites_passage_numbers_and_keeps_the_enums():
    schema = GROUNDED_FORMAT.response_format["json_schema"]["schema"]
    defs = schema["$defs"]
    assert not any("evidence" in node.get("properties", {}) for node in _nodes(schema))
    for name in ("Celebration", "ActionItem", "PowerfulQuestion", "FeedbackItem"):
        assert next(iter(defs[name]["properties"])) == "passages"  # chosen before the prose is written
        assert defs[name]["properties"]["passages"] == {"type": "array", "items": {"type": "integer"}}
    assert "question" not in defs["PowerfulQuestion"]["properties"]  # it is the cited passage
    assert set(defs["FeedbackItem"]["properties"]) == set(FeedbackItem.__struct_fields__) - {"evidence"} | {"passages"}
    assert set(defs["FeedbackItem"]["properties"]["competency"]["enum"]) == set(typing.get_args(IcfCompetency))


def test_the_synthesis_schema_is_small():
    size = len(str(SYNTHESIS_FORMAT.response_format))
    print(f"schema chars: insight {len(str(INSIGHT_FORMAT.response_format))}, synthesis {size}, "
          f"grounded {len(str(GROUNDED_FORMAT.response_format))}")
    assert size < len(str(INSIGHT_FORMAT.response_format)) / 3


def test_grounded_answers_missing_optional_fields_still_decode():
    # The schema requires everything; a server that only approximates it may leave lists and nulls out.
    answer = GROUNDED_FORMAT.decoder.decode(
        b'{"session_summary": "s", "overall_session_quality": "Good",'
        b' "action_items": [{"action": "a", "client_commitment_level": "High"}]}')
    assert answer.celebration is None and answer.action_items[0].passages == []
    assert GROUNDED_FORMAT.response_format["json_schema"]["schema"]["required"][-1] == "coach_feedback"

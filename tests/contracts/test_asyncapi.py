"""The AsyncAPI event catalog: current, well formed, complete, and true to the wire and to
the streams chassis configures."""

from pathlib import Path

import jsonschema
import msgspec
import pytest
from chassis.messaging import stream_config
from chassis.request_context import HEADER
from contracts.asyncapi import asyncapi_document, encoded
from contracts.subjects import ALL_STREAMS

from contracts import SUBJECT_OF

from .test_events import EVENTS

PUBLISHED = Path(__file__).parents[2] / "contracts" / "asyncapi.json"
SPEC = Path(__file__).parent / "asyncapi-spec" / "asyncapi-3.0.0.schema.json"


@pytest.fixture(scope="module")
def doc() -> dict:
    return asyncapi_document()


def resolve(doc: dict, ref: str) -> dict:
    node = doc
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_the_published_catalog_is_up_to_date():
    assert PUBLISHED.read_bytes() == encoded(), "run `just contracts-schema` and commit contracts/asyncapi.json"


def test_it_is_a_valid_asyncapi_3_document(doc):
    spec = jsonschema.Draft7Validator(msgspec.json.decode(SPEC.read_bytes()))
    assert [e.message for e in spec.iter_errors(doc)] == []
    broken = {**doc, "operations": {"x": {**doc["operations"]["publishAnalysisCompleted"], "action": "publish"}}}
    assert list(spec.iter_errors(broken)), "the specification's schema should refuse an unknown action"


def test_every_reference_resolves(doc):
    for ref in refs(doc):
        assert resolve(doc, ref) is not None, ref


def test_every_subject_has_its_stream_producer_payload_and_headers(doc):
    channels = {c["address"]: c for c in doc["channels"].values()}
    assert set(channels) == set(SUBJECT_OF.values())
    streams = dict(ALL_STREAMS)
    sends = [op for op in doc["operations"].values() if op["action"] == "send"]
    assert len(sends) == len(SUBJECT_OF)
    for subject, channel in channels.items():
        jetstream = channel["x-jetstream"]
        assert jetstream["filterSubject"] == subject
        assert jetstream["streamSubjects"] == streams[jetstream["stream"]]
        [message] = [resolve(doc, m["$ref"]) for m in channel["messages"].values()]
        assert resolve(doc, message["payload"]["$ref"])["properties"]["event_id"]
        headers = resolve(doc, message["headers"]["$ref"])
        assert {"Nats-Msg-Id", HEADER, "traceparent"} <= set(headers["properties"])


def test_stream_guarantees_are_the_ones_chassis_configures(doc):
    for channel in doc["channels"].values():
        stated = channel["x-jetstream"]
        actual = stream_config(stated["stream"], stated["streamSubjects"])
        assert (stated["retention"], stated["discard"], stated["storage"]) == (
            actual.retention.value, actual.discard.value, actual.storage.value)
        assert (stated["maxAgeSeconds"], stated["maxBytes"], stated["duplicateWindowSeconds"]) == (
            actual.max_age, actual.max_bytes, actual.duplicate_window)


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_what_goes_on_the_wire_validates_against_the_catalog(doc, event):
    message = doc["components"]["messages"][type(event).__name__]
    wire = msgspec.json.decode(msgspec.json.encode(event))
    jsonschema.validate(wire, {**doc, **message["payload"]})
    wire["event_type"] = "insights.something.else.v1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wire, {**doc, **message["payload"]})


def test_label_fields_are_enums(doc):
    schemas = doc["components"]["schemas"]
    assert set(schemas["InsightContent"]["properties"]["overall_session_quality"]["enum"]) == {
        "Excellent", "Good", "Average", "Needs Improvement"}
    assert set(schemas["ActionItem"]["properties"]["client_commitment_level"]["enum"]) == {"High", "Medium", "Low"}
    assert "enum" in schemas["FeedbackItem"]["properties"]["competency"]


def test_analysis_completed_and_insight_shared_say_whose_insight_it_is_and_carry_no_transcript(doc):
    schemas = doc["components"]["schemas"]
    completed, shared = schemas["AnalysisCompleted"]["properties"], schemas["InsightShared"]["properties"]
    assert {"insight_id", "client_user_id", "coach_user_id", "coaching_relationship_id"} <= set(completed)
    assert {"insight_id", "client_user_id", "coach_user_id"} <= set(shared)

    def reachable(name: str, seen: set[str]) -> set[str]:
        if name in seen:
            return seen
        seen.add(name)
        for ref in refs(schemas[name]):
            reachable(ref.rsplit("/", 1)[1], seen)
        return seen

    for event in ("AnalysisCompleted", "InsightShared"):
        assert not {"Transcript", "Turn"} & reachable(event, set()), event

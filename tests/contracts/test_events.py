from datetime import UTC, datetime

import msgspec
import pytest
from contracts.insight import ActionItem, Celebration, PowerfulQuestion
from contracts.schema import events_schema

from contracts import (
    EVENT_OF,
    SUBJECT_OF,
    AnalysisCompleted,
    AnalysisFailed,
    CoachingRelationshipChanged,
    InsightContent,
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    SessionMetadata,
    SharePermissions,
    SpeakerRole,
    Transcript,
    TranscriptReceived,
    Turn,
)

TRANSCRIPT = Transcript(
    turns=[
        Turn(speaker="Ana", role="coach", text="What matters most to you?", start_seconds=0.0),
        Turn(speaker="Ben", role="client", text="I will call my sister by Friday."),
    ],
    speakers=[SpeakerRole(speaker="Ana", role="coach", decided_by="label")],
)
CONTENT = InsightContent(
    celebration=Celebration(description="d", significance="s", evidence=["I will call"]),
    powerful_questions=[
        PowerfulQuestion(
            question="What matters most to you?",
            impact_description="i",
            client_response_summary="r",
            breakthrough_level="Minor",
        )
    ],
    action_items=[ActionItem(action="call", client_commitment_level="High", timeline="Friday")],
    session_summary="summary",
    overall_session_quality="Good",
    metadata=SessionMetadata(
        transcript_word_count=12,
        ai_provider="embedded",
        model_version="1",
        processing_time_seconds=0.01,
        analysis_confidence=0.5,
    ),
)
EVENTS = [
    CoachingRelationshipChanged(
        relationship_id="r1", coach_user_id="c", client_user_id="u", status="active", coach_name="Ana"
    ),
    TranscriptReceived(
        insight_id="i1",
        client_user_id="u",
        created_by="u",
        is_unpaired=True,
        transcript_source="text_input",
        transcript=TRANSCRIPT,
        session_date=datetime(2026, 1, 2, tzinfo=UTC),
    ),
    AnalysisCompleted(insight_id="i1", content=CONTENT),
    AnalysisFailed(insight_id="i1", reason="analyzer crashed", attempts=5),
    InsightShared(
        insight_id="i1", owner_user_id="u", coach_user_id="c", permissions=SharePermissions(export=True)
    ),
    InsightShareRevoked(insight_id="i1", owner_user_id="u", coach_user_id="c"),
    InsightDeleted(insight_id="i1", deleted_by="u"),
]


def test_every_event_of_the_catalog_is_covered():
    assert {type(e) for e in EVENTS} == set(SUBJECT_OF)


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_round_trip(event):
    wire = msgspec.json.encode(event)
    assert msgspec.json.decode(wire, type=type(event)) == event


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_wire_carries_explicit_versioned_tag_id_and_time(event):
    data = msgspec.json.decode(msgspec.json.encode(event))
    assert data["event_type"].endswith(".v1")
    assert len(data["event_id"]) == 36 and data["event_id"][14] == "7"  # UUIDv7
    assert data["occurred_at"]


def test_subjects_are_versioned_and_unique():
    assert len(set(SUBJECT_OF.values())) == len(SUBJECT_OF)
    assert all(".v1." in subject for subject in SUBJECT_OF.values())
    assert EVENT_OF["insights.v1.transcript.received"] is TranscriptReceived


def test_old_payload_without_newer_optional_fields_still_decodes():
    old = {
        "event_type": "insights.analysis.failed.v1",
        "event_id": "0190a000-0000-7000-8000-000000000000",
        "occurred_at": "2026-01-01T00:00:00Z",
        "insight_id": "i1",
        "reason": "boom",
        "attempts": 3,
    }
    event = msgspec.json.decode(msgspec.json.encode(old), type=AnalysisFailed)
    assert event.reason == "boom"
    old_completed = msgspec.json.decode(msgspec.json.encode(EVENTS[2]))
    del old_completed["attempt"]
    del old_completed["content"]["metadata"]["quotes_dropped"]
    decoded = msgspec.json.decode(msgspec.json.encode(old_completed), type=AnalysisCompleted)
    assert decoded.attempt == 1 and decoded.content.metadata.quotes_dropped == 0


def test_unknown_fields_from_a_newer_producer_are_ignored():
    data = msgspec.json.decode(msgspec.json.encode(EVENTS[6]))
    data["reason_code"] = "gdpr"
    assert msgspec.json.decode(msgspec.json.encode(data), type=InsightDeleted).insight_id == "i1"


def test_a_payload_of_another_event_type_is_refused():
    wire = msgspec.json.encode(EVENTS[5])
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(wire, type=InsightShared)


def test_json_schema_names_every_subject():
    schema = events_schema()
    assert set(schema["subjects"]) == set(SUBJECT_OF.values())
    assert "TranscriptReceived" in schema["$defs"] and "PowerfulQuestion" in schema["$defs"]


def test_the_published_schema_file_is_up_to_date():
    from pathlib import Path

    published = Path(__file__).parents[2] / "contracts" / "events.schema.json"
    assert msgspec.json.decode(published.read_bytes()) == msgspec.json.decode(
        msgspec.json.encode(events_schema())), "run `just contracts-schema` and commit the file"


def test_hints_are_versioned_core_nats_only_and_carry_only_ids():
    from contracts.hints import HINT_DECODER, READERS_HINT_DECODER, InsightStatusHint, ReadersChangedHint
    from contracts.subjects import ALL_STREAMS, INSIGHT_STATUS_HINT_V1, READERS_CHANGED_HINT_V1

    for subject in (INSIGHT_STATUS_HINT_V1, READERS_CHANGED_HINT_V1):
        assert ".v1." in subject and subject not in EVENT_OF
        captured = [s for _, subjects in ALL_STREAMS for s in subjects
                    if s == subject or (s.endswith(">") and subject.startswith(s[:-1]))]
        assert captured == [], "a hint is never stored: no stream may capture its subject"
    wire = msgspec.json.encode(InsightStatusHint(insight_id="i1"))
    assert msgspec.json.decode(wire) == {"insight_id": "i1"}
    assert HINT_DECODER.decode(b'{"insight_id": "i1", "later": 1}').insight_id == "i1"
    wire = msgspec.json.encode(ReadersChangedHint(user_ids=("client-1", "coach-2")))
    assert msgspec.json.decode(wire) == {"user_ids": ["client-1", "coach-2"]}
    assert READERS_HINT_DECODER.decode(b'{}').user_ids == ()  # anyone's

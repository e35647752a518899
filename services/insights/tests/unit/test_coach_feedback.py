"""Feedback on the coaching, SMART gaps and shift direction, wherever a user reads an insight:
the detail response, shared-with-me and the three exports. An insight analysed before these
fields existed (no coach_feedback) still renders everywhere."""

import json
from datetime import UTC, datetime

import pytest
from contracts.insight import ActionItem, CoachFeedback, EmotionalShift, FeedbackItem
from insights.adapters import export
from insights.adapters.responses import detail, sections, shared_summary
from insights.app import projections, queries

from contracts import (
    AnalysisCompleted,
    InsightContent,
    InsightShared,
    SessionMetadata,
    SharePermissions,
    Transcript,
    TranscriptReceived,
    Turn,
)

from ..fakes import FakeStore, FakeUnitOfWork

NOW = datetime.now(UTC)
MARKER = "7.6 Asks clear, direct, primarily open-ended questions, one at a time"
FEEDBACK = CoachFeedback(
    strengths=[FeedbackItem(kind="strength", competency="Evokes Awareness", pcc_marker=MARKER,
                            observation="Asked one open question and let the silence work.",
                            evidence=["What would rest look like for you?"])],
    missed_opportunities=[FeedbackItem(
        kind="missed_opportunity", competency="Facilitates Client Growth",
        pcc_marker="8.3 Invites the client to consider how to move forward",
        observation="The Friday plan was left without a way to check on it.",
        suggestion="Ask how the client will know the afternoon stayed free.",
        evidence=["So you\u2019ll block Fridays, great."])],
    quality_rationale="Open questions and space to think; commitments left loosely defined.")
BASE = dict(
    session_summary="Priya chose rest.", overall_session_quality="Good", key_themes=["rest"],
    action_items=[ActionItem(action="Block Friday afternoons", client_commitment_level="High",
                             missing_smart=["measurable", "time-bound"], evidence=["I\u2019ll block Fridays"])],
    emotional_shifts=[EmotionalShift(initial_state="Uneasy", final_state="Optimistic",
                                     shift_description="From dread to relief", catalyst="naming the drain",
                                     direction="improved", evidence=["I feel lighter"])],
    metadata=SessionMetadata(transcript_word_count=5, ai_provider="embedded", model_version="t",
                             processing_time_seconds=0.1, analysis_confidence=0.5))
WITH_FEEDBACK = InsightContent(**BASE, coach_feedback=FEEDBACK)
# as an insight analysed before the change: no coach_feedback, no SMART gaps, no direction
BEFORE = InsightContent(**{**BASE, "action_items": [ActionItem(action="Block Friday afternoons",
                                                               client_commitment_level="High")],
                           "emotional_shifts": [EmotionalShift(initial_state="tense", final_state="calm",
                                                               shift_description="settled", catalyst="rest")]})


async def stored(content: InsightContent, shared_with: str | None = None) -> FakeStore:
    store = FakeStore()
    await projections.on_transcript_received(TranscriptReceived(
        insight_id="u1", client_user_id="client-1", created_by="client-1", is_unpaired=True,
        transcript_source="text_input", session_title="Rest",
        transcript=Transcript(turns=[Turn(speaker="A", role="client", text="I kept it free.")])), FakeUnitOfWork(store))
    await projections.on_analysis_completed(AnalysisCompleted(insight_id="u1", content=content), FakeUnitOfWork(store))
    if shared_with:
        await projections.on_insight_shared(InsightShared(
            insight_id="u1", owner_user_id="client-1", coach_user_id=shared_with,
            permissions=SharePermissions(export=True)), FakeUnitOfWork(store))
    return store


async def test_detail_carries_coach_feedback_smart_gaps_and_direction():
    store = await stored(WITH_FEEDBACK)
    shown = detail(*await queries.insight_detail(store, "u1", "client-1"))
    assert shown.coach_feedback["strengths"][0]["pcc_marker"] == MARKER
    assert shown.coach_feedback["missed_opportunities"][0]["suggestion"].startswith("Ask how")
    assert shown.coach_feedback["quality_rationale"].startswith("Open questions")
    assert shown.action_items[0]["missing_smart"] == ["measurable", "time-bound"]
    assert shown.emotional_shifts[0]["direction"] == "improved"


async def test_an_insight_from_before_coach_feedback_still_has_a_detail():
    store = await stored(BEFORE)
    shown = detail(*await queries.insight_detail(store, "u1", "client-1"))
    assert shown.coach_feedback is None and shown.action_items[0]["missing_smart"] == []
    assert shown.emotional_shifts[0]["direction"] is None


async def test_a_shared_coach_sees_coach_feedback_in_the_detail_and_in_shared_with_me():
    store = await stored(WITH_FEEDBACK, shared_with="coach-v")
    view, access = await queries.insight_detail(store, "u1", "coach-v")
    shown = detail(view, access)
    assert shown.coach_feedback["strengths"][0]["evidence"] == ["What would rest look like for you?"]
    assert shown.metadata is None
    listed, _ = await queries.shared_with_me(store, "coach-v", queries.Page())
    item = shared_summary(listed[0])
    assert item.coach_feedback["missed_opportunities"][0]["pcc_marker"].startswith("8.3")


async def test_shared_with_me_without_coach_feedback():
    store = await stored(BEFORE, shared_with="coach-v")
    listed, _ = await queries.shared_with_me(store, "coach-v", queries.Page())
    assert shared_summary(listed[0]).coach_feedback is None


async def test_markdown_has_the_feedback_part_smart_gaps_direction_and_rationale():
    view, access = await queries.exportable(await stored(WITH_FEEDBACK), "u1", "client-1")
    md = export.render(view, sections(view, access), "md", NOW).decode()
    assert "Overall session quality: Good  \nWhy this rating: Open questions and space to think" in md
    part = md[md.index("## Feedback on the coaching"):md.index("## Analysis")]
    assert part.index("### Strengths") < part.index("### Missed opportunities")
    assert f"PCC marker: {MARKER}" in part and "ICF competency: Evokes Awareness" in part
    assert "Observation: The Friday plan was left without a way to check on it." in part
    assert "Suggestion: Ask how the client will know the afternoon stayed free." in part
    assert "> \u201cSo you\u2019ll block Fridays, great.\u201d" in part and "In the coach's words:" in part
    assert "Missing SMART elements: measurable, time-bound" in md
    assert "Direction: improved" in md
    assert "Evokes Awareness  \nObservation: Asked one open question" in md  # a field a line
    assert "Key themes:\n\n- rest\n" in md and "\u201d\n\n### Missed opportunities" in md

async def test_markdown_of_an_insight_from_before_has_no_feedback_part():
    view, access = await queries.exportable(await stored(BEFORE), "u1", "client-1")
    md = export.render(view, sections(view, access), "md", NOW).decode()
    assert "## Action items" in md and "Feedback on the coaching" not in md
    assert "Why this rating" not in md and "Missing SMART" not in md and "Direction:" not in md


def pdf_text(data: bytes) -> str:
    pypdf = pytest.importorskip("pypdf")
    import io

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


async def test_pdf_renders_with_and_without_coach_feedback():
    for content in (WITH_FEEDBACK, BEFORE):
        view, access = await queries.exportable(await stored(content), "u1", "client-1")
        data = export.render(view, sections(view, access), "pdf", NOW)
        assert data.startswith(b"%PDF") and len(data) > 1000
    blocks = export.report(view, sections(view, access))
    assert ("h2", "Feedback on the coaching") not in blocks
    view, access = await queries.exportable(await stored(WITH_FEEDBACK), "u1", "client-1")
    blocks = export.report(view, sections(view, access))
    assert ("h2", "Feedback on the coaching") in blocks and ("h3", "Missed opportunities") in blocks
    assert ("quote", "So you\u2019ll block Fridays, great.") in blocks
    text = pdf_text(export.render(view, sections(view, access), "pdf", NOW))
    assert "Feedback on the coaching" in text and "PCC marker: 8.3" in text
    assert "Missing SMART elements: measurable, time-bound" in text


async def test_json_export_carries_coach_feedback_or_null():
    view, access = await queries.exportable(await stored(WITH_FEEDBACK), "u1", "client-1")
    found = json.loads(export.render(view, sections(view, access), "json", NOW))
    assert found["coach_feedback"]["strengths"][0]["competency"] == "Evokes Awareness"
    assert found["action_items"][0]["missing_smart"] == ["measurable", "time-bound"]
    assert found["emotional_shifts"][0]["direction"] == "improved"
    view, access = await queries.exportable(await stored(BEFORE), "u1", "client-1")
    assert json.loads(export.render(view, sections(view, access), "json", NOW))["coach_feedback"] is None


async def test_a_shared_coach_with_export_gets_the_feedback_part():
    view, access = await queries.exportable(await stored(WITH_FEEDBACK, shared_with="coach-v"), "u1", "coach-v")
    md = export.render(view, sections(view, access), "md", NOW).decode()
    assert "## Feedback on the coaching" in md and "## Analysis" not in md

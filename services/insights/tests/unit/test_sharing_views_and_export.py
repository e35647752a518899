from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from contracts.insight import ActionItem, Celebration
from insights.adapters import export
from insights.adapters.responses import detail, sections, shared_summary
from insights.app import projections, queries
from markdown_it import MarkdownIt

from contracts import (
    AnalysisCompleted,
    InsightContent,
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    SessionMetadata,
    SharePermissions,
    Transcript,
    TranscriptReceived,
    Turn,
)

from ..fakes import FakeStore, FakeUnitOfWork

NOW = datetime.now(UTC)
CONTENT = InsightContent(
    session_summary="Priya named what drains her \u2014 and chose rest.", overall_session_quality="Good",
    key_themes=["rest", "boundaries"],
    celebration=Celebration(description="Kept Fridays free", significance="first time", evidence=["I kept it free"]),
    action_items=[ActionItem(action="Block Friday afternoons", client_commitment_level="High",
                             evidence=["I\u2019ll block Fridays"])],
    metadata=SessionMetadata(transcript_word_count=5, ai_provider="embedded", model_version="t",
                             processing_time_seconds=0.1, analysis_confidence=0.5))


async def apply(store, handler, event):
    await handler(event, FakeUnitOfWork(store))


def share(coach: str, at=NOW, expires_at=None, **permissions) -> InsightShared:
    return InsightShared(insight_id="u1", owner_user_id="client-1", coach_user_id=coach,
                         permissions=SharePermissions(**permissions), expires_at=expires_at, occurred_at=at)


@pytest.fixture
async def store() -> FakeStore:
    store = FakeStore()
    await apply(store, projections.on_transcript_received, TranscriptReceived(
        insight_id="u1", client_user_id="client-1", created_by="client-1", is_unpaired=True,
        transcript_source="text_input", session_title="Rest & r\u00e9sum\u00e9 / Q3",
        transcript=Transcript(turns=[Turn(speaker="A", role="client", text="I kept it free.")])))
    await apply(store, projections.on_analysis_completed, AnalysisCompleted(insight_id="u1", content=CONTENT))
    return store


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (101, 0), ("x", 0), (20, -1)])
def test_paging_out_of_bounds_is_invalid(limit, offset):
    with pytest.raises(queries.InvalidPage):
        queries.Page.parse(limit, offset)
    assert queries.Page.parse("100", "5") == queries.Page(100, 5)


async def test_shared_coach_sees_sections_but_not_metadata_and_gets_grant_flags(store):
    await apply(store, projections.on_insight_shared, share("coach-v", comment=True))
    view, access = await queries.insight_detail(store, "u1", "coach-v")
    shown = detail(view, access)
    assert shown.celebration and shown.action_items and shown.metadata is None
    assert shown.permissions.comment and not shown.permissions.export
    owner = detail(*await queries.insight_detail(store, "u1", "client-1"))
    assert owner.metadata is not None and owner.permissions is None
    listed, total = await queries.shared_with_me(store, "coach-v", queries.Page())
    item = shared_summary(listed[0])
    assert total == 1 and item.action_item_count == 1 and item.celebration_count == 1
    assert item.permissions.comment and item.key_themes == ["rest", "boundaries"]


async def test_shared_with_me_drops_revoked_and_expired(store):
    await apply(store, projections.on_insight_shared, share("coach-r"))
    await apply(store, projections.on_insight_share_revoked, InsightShareRevoked(
        insight_id="u1", owner_user_id="client-1", coach_user_id="coach-r", occurred_at=NOW + timedelta(seconds=1)))
    await apply(store, projections.on_insight_shared, share("coach-e", expires_at=NOW - timedelta(seconds=1)))
    for coach in ("coach-r", "coach-e", "coach-x"):
        assert (await queries.shared_with_me(store, coach, queries.Page()))[1] == 0


async def test_export_needs_the_export_permission(store):
    await apply(store, projections.on_insight_shared, share("coach-v"))
    await apply(store, projections.on_insight_shared, share("coach-x", export=True))
    with pytest.raises(queries.NotPermitted):
        await queries.exportable(store, "u1", "coach-v")
    with pytest.raises(queries.NotFound):
        await queries.exportable(store, "u1", "coach-nobody")
    view, access = await queries.exportable(store, "u1", "coach-x")
    assert "metadata" not in sections(view, access)


async def test_late_revocation_after_erasure_leaves_no_grant(store):
    await apply(store, projections.on_insight_deleted, InsightDeleted(insight_id="u1", deleted_by="client-1"))
    await apply(store, projections.on_insight_share_revoked, InsightShareRevoked(
        insight_id="u1", owner_user_id="client-1", coach_user_id="coach-r"))
    assert store.grant_changes == {} and await store.get("u1") is None


async def test_every_format_renders_every_section(store):
    view, access = await queries.exportable(store, "u1", "client-1")
    found = sections(view, access)
    md = export.render(view, found, "md", NOW).decode()
    assert "## Celebration" in md and "> \u201cI\u2019ll block Fridays\u201d" in md and "## Action items" in md
    pdf = export.render(view, found, "pdf", NOW)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert b"Block Friday" in export.render(view, found, "json", NOW)
    assert export.filename(view, "pdf") == "rest-resume-q3-u1.pdf"


async def test_markup_in_the_uploaders_words_is_text_in_the_markdown_export():
    store = FakeStore()
    await apply(store, projections.on_transcript_received, TranscriptReceived(
        insight_id="u1", client_user_id="client-1", created_by="client-1", is_unpaired=True,
        transcript_source="text_input", session_title="<img src=x onerror=alert(1)> Q3",
        transcript=Transcript(turns=[Turn(speaker="A", role="client", text="I kept it free.")])))
    content = msgspec.structs.replace(CONTENT, key_themes=["rest\n# Forged heading"], action_items=[ActionItem(
        action="[Log in here](javascript:alert(1))", client_commitment_level="High",
        evidence=["![pixel](https://tracker.example/p.png) I\u2019ll block Fridays"])])
    await apply(store, projections.on_analysis_completed, AnalysisCompleted(insight_id="u1", content=content))
    view, access = await queries.exportable(store, "u1", "client-1")
    html = MarkdownIt().render(export.render(view, sections(view, access), "md", NOW).decode())
    assert "<img" not in html and "<a " not in html and "Forged heading</h" not in html, html
    assert "[Log in here](javascript:alert(1))" in html  # what was said, shown as said
    assert "&lt;img src=x onerror=alert(1)&gt; Q3" in html

"""Trends and search on the Postgres read model, fed by the service's own event handlers:
follow-through matched by meaning across sessions, full text with highlighted snippets, matches
by meaning where the words differ, the filters, and access decided at query time (a revoked or
expired grant finds nothing, a stranger finds nothing, erasure takes the entries with it)."""

from datetime import UTC, datetime, timedelta

import pytest
from chassis.db import make_engine, make_sessions
from chassis.migrate import upgrade_to_head
from contracts.insight import ActionItem, Celebration, EmotionalShift, GoalProgress, ValuesBeliefs
from insights.adapters.embeddings import WordLlamaEmbedder
from insights.adapters.nats.subscribers import HANDLERS
from insights.adapters.postgres.reader import SqlaInsightReader
from insights.adapters.postgres.search import SqlaSearchIndex
from insights.adapters.postgres.tables import SCHEMA, inbox
from insights.adapters.postgres.uow import InsightsUnitOfWork
from insights.app import queries
from insights.domain.search import SearchFilters
from insights.main import MIGRATIONS

from contracts import (
    AnalysisCompleted,
    CoachingRelationshipChanged,
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

from .test_replay import fresh_database, stored_before

T0 = datetime(2026, 3, 2, 10, tzinfo=UTC)
META = SessionMetadata(transcript_word_count=50, ai_provider="embedded", model_version="t",
                       processing_time_seconds=0.1, analysis_confidence=0.7)
TURNS = [Turn(speaker="Maya", role="coach", text="What would you like to focus on? Did you sleep well?"),
         Turn(speaker="Dan", role="client", text="I want to talk about delegating the weekly report to Priya.")]


def received(insight_id: str, days: int, rel: str | None = "rel-1", client: str = "client-dan") -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id=client, created_by=client, is_unpaired=rel is None,
        transcript_source="text_input", coaching_relationship_id=rel, coach_user_id="coach-maya" if rel else None,
        session_date=T0 + timedelta(days=days), transcript=Transcript(turns=TURNS))


FIRST = InsightContent(
    session_summary="Dan wants to stop doing everything himself.", key_themes=["delegation", "workload"],
    overall_session_quality="Average", metadata=META,
    action_items=[ActionItem(action="Hand over the weekly report to Priya by Friday", client_commitment_level="High",
                             evidence=["I'll give the weekly report to Priya this week."]),
                  ActionItem(action="Go for a run three times a week", client_commitment_level="Medium")],
    values_beliefs=[ValuesBeliefs(type="Core Value", description="Fairness", impact_on_goals="x",
                                  exploration_depth="y")],
    emotional_shifts=[EmotionalShift(initial_state="Uneasy", final_state="Positive", shift_description="lighter",
                                     catalyst="naming the fear")])
SECOND = InsightContent(
    session_summary="A calmer session about the team's roadmap.", key_themes=["Delegation", "roadmap"],
    overall_session_quality="Good", metadata=META,
    celebration=Celebration(description="I finally delegated the report to Priya", significance="A first",
                            evidence=["Priya ran the report and it went fine."]),
    goal_progress=[GoalProgress(goal_area="Health", progress_description="No exercise yet",
                                progress_level="Minimal")],
    values_beliefs=[ValuesBeliefs(type="Core Value", description="fairness", impact_on_goals="x",
                                  exploration_depth="y")],
    action_items=[ActionItem(action="Ask the team for feedback on the roadmap", client_commitment_level="High")])
PRIVATE = InsightContent(session_summary="Alone I wondered about handing over the budget spreadsheet.",
                         overall_session_quality="Good", metadata=META,
                         action_items=[ActionItem(action="Write down my budget worries",
                                                  client_commitment_level="Low")])


@pytest.fixture
async def world(postgres_server):
    engine = make_engine(await fresh_database(postgres_server))
    await upgrade_to_head(engine, MIGRATIONS, SCHEMA)
    sessions = make_sessions(engine)
    embedder = WordLlamaEmbedder()

    async def apply(*events) -> None:
        for event in events:
            await HANDLERS[type(event)](event, InsightsUnitOfWork(sessions, inbox=inbox, embedder=embedder))

    await apply(
        CoachingRelationshipChanged(relationship_id="rel-1", coach_user_id="coach-maya", client_user_id="client-dan",
                                    status="active", coach_name="Maya", client_name="Dan"),
        received("s1", 0), received("s2", 14), received("u1", 20, rel=None),
        AnalysisCompleted(insight_id="s1", content=FIRST), AnalysisCompleted(insight_id="s2", content=SECOND),
        AnalysisCompleted(insight_id="u1", content=PRIVATE),
        InsightShared(insight_id="u1", owner_user_id="client-dan", coach_user_id="coach-view",
                      permissions=SharePermissions()),
        InsightShared(insight_id="u1", owner_user_id="client-dan", coach_user_id="coach-gone",
                      permissions=SharePermissions()),
        InsightShared(insight_id="u1", owner_user_id="client-dan", coach_user_id="coach-expired",
                      permissions=SharePermissions(), expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    yield apply, SqlaInsightReader(sessions), SqlaSearchIndex(sessions), embedder
    await engine.dispose()


@pytest.mark.timeout(120)
async def test_trends_follow_commitments_through_later_sessions(world):
    _, reader, _, _ = world
    found = await queries.relationship_trends(reader, "rel-1", "coach-maya")
    t = found.trends
    assert [p.insight_id for p in t.sessions] == ["s1", "s2"]  # oldest first
    first, second = t.sessions
    assert (first.quality, first.quality_score, second.quality_score) == ("Average", 2, 3)
    assert (first.commitments, first.followed_through) == (2, 1)  # the report was delegated, the runs not
    assert first.follow_through[0].commitment.startswith("Hand over the weekly report")
    assert first.follow_through[0].done_in == "s2" and first.follow_through[0].similarity >= 0.45
    assert t.follow_through_rate == 0.5 and t.commitments == 3  # s2's commitment has no later session yet
    assert (first.client_talk_share, first.open_question_ratio) == (0.5, 0.5)  # 11 words each; 1 of 2 open
    assert (first.emotional_start, first.emotional_end, first.emotional_start_level) == ("Uneasy", "Positive", 1)
    assert [(r.label, r.sessions) for r in t.recurring_themes] == [("delegation", 2)]
    assert [(r.label, r.sessions) for r in t.recurring_values] == [("Fairness", 2)]
    assert (await queries.relationship_trends(reader, "rel-1", "client-dan")).trends == t
    for stranger in ("coach-view", "client-other"):
        with pytest.raises(queries.NotFound):
            await queries.relationship_trends(reader, "rel-1", stranger)
    mine = await queries.my_trends(reader, "client-dan")
    assert [p.insight_id for p in mine.sessions] == ["u1"]
    assert (await queries.my_trends(reader, "coach-view")).sessions == []


async def search(world, user: str, q: str, **filters):
    _, _, index, embedder = world
    return await queries.search(index, embedder, user, q, SearchFilters(**filters), 20)


@pytest.mark.timeout(120)
async def test_search_by_words_by_meaning_and_filters(world):
    hits = await search(world, "coach-maya", "weekly report")
    assert hits[0].match == "words" and hits[0].insight_id == "s1" and hits[0].section == "action_items"
    assert ("weekly", True) in hits[0].highlights or ("report", True) in hits[0].highlights
    assert "u1" not in {h.insight_id for h in hits}  # the client's private session is not the coach's
    assert {h.insight_id for h in await search(world, "client-dan", "budget")} == {"u1"}
    # no shared word: "exercise" is not in "Go for a run three times a week"
    meaning = await search(world, "client-dan", "jogging and exercise routine")
    assert any(h.match == "meaning" and "run three times" in h.text for h in meaning)
    only = await search(world, "coach-maya", "", section="action_items", relationship_id="rel-1",
                        since=T0 + timedelta(days=7))
    assert [(h.insight_id, h.text, h.match) for h in only] == [("s2", "Ask the team for feedback on the roadmap", "listed")]
    with pytest.raises(queries.InvalidSearch):
        await search(world, "coach-maya", "   ")


@pytest.mark.timeout(120)
async def test_search_access_is_decided_at_query_time(world):
    apply = world[0]
    assert {h.insight_id for h in await search(world, "coach-view", "budget spreadsheet")} == {"u1"}
    assert {h.insight_id for h in await search(world, "coach-gone", "budget spreadsheet")} == {"u1"}
    await apply(InsightShareRevoked(insight_id="u1", owner_user_id="client-dan", coach_user_id="coach-gone"))
    for nobody in ("coach-gone", "coach-expired", "client-other"):
        assert await search(world, nobody, "budget spreadsheet") == [], nobody
        assert await search(world, nobody, "", section="action_items") == [], nobody
    await apply(InsightDeleted(insight_id="u1", deleted_by="client-dan"))
    assert await search(world, "client-dan", "budget spreadsheet") == []


@pytest.mark.timeout(120)
async def test_migration_0004_back_fills_the_search_entries_of_insights_stored_before_it(postgres_server):
    import asyncpg
    import msgspec

    url = await stored_before(postgres_server, "0003", msgspec.json.encode(FIRST).decode())
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("select section, kind, text, length(embedding) as size from insights.search_entries "
                                "where insight_id = 'old' order by position")
    finally:
        await conn.close()
    assert ("action_items", "claim", "Hand over the weekly report to Priya by Friday") in {
        (r["section"], r["kind"], r["text"]) for r in rows}
    assert {r["size"] for r in rows} == {512}
    engine = make_engine(url)
    try:
        index = SqlaSearchIndex(make_sessions(engine))
        hits = await queries.search(index, WordLlamaEmbedder(), "client-dan", "weekly report", SearchFilters(), 5)
        assert hits and hits[0].insight_id == "old"
    finally:
        await engine.dispose()


@pytest.mark.timeout(120)
async def test_a_search_holding_a_nul_character_is_the_callers_error(world):
    # Postgres text cannot hold NUL: the store's error reached the caller as a 500
    # (the API fuzzer found `q=%00`)
    with pytest.raises(queries.InvalidSearch, match="NUL"):
        await search(world, "client-dan", "budget\x00")
    with pytest.raises(queries.InvalidSearch, match="NUL"):
        queries.search_filters("rel-1\x00", None, None, None)
    assert await search(world, "client-dan", "budget")  # and the store answers the next search

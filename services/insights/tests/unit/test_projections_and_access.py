from datetime import UTC, datetime, timedelta

import pytest
from insights.app import projections, queries
from insights.domain.model import InsightNotYetKnown

from contracts import (
    AnalysisCompleted,
    AnalysisFailed,
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

from ..fakes import FakeHints, FakeStore, FakeUnitOfWork

NOW = datetime.now(UTC)
CONTENT = InsightContent(
    session_summary="A focused session.", overall_session_quality="Good",
    metadata=SessionMetadata(transcript_word_count=5, ai_provider="embedded", model_version="t",
                             processing_time_seconds=0.1, analysis_confidence=0.5))


def received(insight_id: str, client: str = "client-1", coach: str | None = None, rel: str | None = None,
             session_date=None) -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id=client, created_by=client, is_unpaired=rel is None,
        transcript_source="text_input", coach_user_id=coach, coaching_relationship_id=rel, session_date=session_date,
        transcript=Transcript(turns=[Turn(speaker="A", role="client", text="I will rest more.")]))


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


async def apply(store, handler, event) -> None:
    await handler(event, FakeUnitOfWork(store))


async def test_pending_then_completed_and_redelivery_changes_nothing(store):
    uow = FakeUnitOfWork(store)
    event = received("i1")
    await projections.on_transcript_received(event, uow)
    assert store.insights["i1"].status == "processing"
    done = AnalysisCompleted(insight_id="i1", content=CONTENT)
    await projections.on_analysis_completed(done, uow)
    await projections.on_analysis_completed(done, uow)
    await projections.on_transcript_received(event, uow)  # a redelivered old event
    assert store.insights["i1"].status == "completed" and uow.commits == 2


async def test_each_status_change_is_hinted_after_its_commit_and_nothing_else_is(store):
    uow = FakeUnitOfWork(store)
    hints = FakeHints(uow)
    event = received("i1")
    await projections.on_transcript_received(event, uow, hints)
    await projections.on_analysis_completed(AnalysisCompleted(insight_id="i1", content=CONTENT), uow, hints)
    await projections.on_transcript_received(event, uow, hints)  # redelivered: no change, no hint
    await projections.on_insight_shared(InsightShared(insight_id="i1", owner_user_id="client-1",
                                                      coach_user_id="coach-1", permissions=SharePermissions()),
                                       uow)  # not a status change
    await projections.on_insight_deleted(InsightDeleted(insight_id="i1", deleted_by="client-1"), uow, hints)
    assert hints.sent == [("i1", 1), ("i1", 2), ("i1", 4)]  # each after the commit of its change
    with pytest.raises(InsightNotYetKnown):  # not committed: nothing to hint
        await projections.on_analysis_failed(AnalysisFailed(insight_id="i9", reason="x", attempts=5), uow, hints)
    assert len(hints.sent) == 3


async def test_every_change_names_whose_reads_it_changed_after_its_commit(store):
    uow = FakeUnitOfWork(store)
    hints = FakeHints(uow)
    await projections.on_transcript_received(received("p1", coach="coach-1", rel="r1"), uow, hints)
    await projections.on_transcript_received(received("u1"), uow, hints)
    await projections.on_insight_shared(InsightShared(insight_id="u1", owner_user_id="client-1",
                                                      coach_user_id="coach-2", permissions=SharePermissions()),
                                        uow, hints)
    await projections.on_analysis_completed(AnalysisCompleted(insight_id="u1", content=CONTENT), uow, hints)
    await projections.on_insight_share_revoked(InsightShareRevoked(insight_id="u1", owner_user_id="client-1",
                                                                   coach_user_id="coach-2"), uow, hints)
    deleted = InsightDeleted(insight_id="u1", deleted_by="client-1")
    await projections.on_insight_deleted(deleted, uow, hints)
    await projections.on_relationship_changed(CoachingRelationshipChanged(
        relationship_id="r1", coach_user_id="coach-3", client_user_id="client-1", status="active"), uow, hints)
    assert hints.readers == [
        (("client-1", "coach-1"), 1),
        (("client-1",), 2),
        (("client-1", "coach-2"), 3),  # the coach it was shared with, and its client
        (("client-1", "coach-2"), 4),
        (("client-1", "coach-2"), 5),  # a revoked coach's answers are forgotten as well
        (("client-1", "coach-2"), 6),  # named before the erasure forgot who they were
        ((), 7),  # a relationship's change: anyone's
    ]
    await projections.on_insight_deleted(deleted, uow, hints)
    assert len(hints.readers) == 7  # redelivered: nothing changed, nothing said


async def test_a_coachs_shared_list_says_whether_time_alone_will_change_it(store):
    """Only a live grant with an expiry: an expired or revoked one will not change again unannounced."""
    await apply(store, projections.on_transcript_received, received("u5"))
    await apply(store, projections.on_transcript_received, received("u6"))

    def share(insight_id: str, coach: str, expires_at=None):
        return InsightShared(insight_id=insight_id, owner_user_id="client-1", coach_user_id=coach,
                             permissions=SharePermissions(), expires_at=expires_at, occurred_at=NOW)

    await apply(store, projections.on_insight_shared, share("u5", "coach-forever"))
    await apply(store, projections.on_insight_shared, share("u5", "coach-ended", NOW - timedelta(minutes=1)))
    await apply(store, projections.on_insight_shared, share("u6", "coach-until", NOW + timedelta(hours=1)))
    assert not await queries.shares_will_expire(store, "coach-forever")
    assert not await queries.shares_will_expire(store, "coach-ended")
    assert await queries.shares_will_expire(store, "coach-until")
    await apply(store, projections.on_insight_share_revoked, InsightShareRevoked(
        insight_id="u6", owner_user_id="client-1", coach_user_id="coach-until", occurred_at=NOW + timedelta(seconds=1)))
    assert not await queries.shares_will_expire(store, "coach-until")


async def test_a_result_before_its_transcript_is_retried_not_lost(store):
    with pytest.raises(InsightNotYetKnown):
        await apply(store, projections.on_analysis_completed, AnalysisCompleted(insight_id="i2", content=CONTENT))


async def test_failure_shows_a_reason_but_never_overrides_a_completion(store):
    await apply(store, projections.on_transcript_received, received("i3"))
    await apply(store, projections.on_analysis_failed, AnalysisFailed(insight_id="i3", reason="LLM down", attempts=5))
    assert (store.insights["i3"].status, store.insights["i3"].processing_error) == ("failed", "LLM down")
    await apply(store, projections.on_analysis_completed, AnalysisCompleted(insight_id="i3", content=CONTENT))
    await apply(store, projections.on_analysis_failed, AnalysisFailed(insight_id="i3", reason="late", attempts=5))
    assert store.insights["i3"].status == "completed"


async def test_erased_insight_is_not_resurrected_by_late_events(store):
    await apply(store, projections.on_insight_deleted, InsightDeleted(insight_id="i4", deleted_by="client-1"))
    await apply(store, projections.on_transcript_received, received("i4"))
    await apply(store, projections.on_analysis_completed, AnalysisCompleted(insight_id="i4", content=CONTENT))
    assert "i4" not in store.insights


async def test_access_rules_paired_unpaired_shared_revoked_and_expired(store):
    await apply(store, projections.on_transcript_received, received("paired", coach="coach-1", rel="r1"))
    await apply(store, projections.on_transcript_received, received("mine"))
    detail = queries.insight_detail
    assert (await detail(store, "paired", "coach-1"))[0].id == "paired"
    assert (await detail(store, "paired", "client-1"))[0].id == "paired"
    for outsider in ("coach-2", "client-2"):
        with pytest.raises(queries.NotFound):
            await detail(store, "paired", outsider)
    with pytest.raises(queries.NotFound):
        await detail(store, "mine", "coach-1")

    shared = InsightShared(insight_id="mine", owner_user_id="client-1", coach_user_id="coach-2",
                           permissions=SharePermissions(), occurred_at=NOW)
    await apply(store, projections.on_insight_shared, shared)
    assert (await detail(store, "mine", "coach-2"))[0].id == "mine"
    revoked = InsightShareRevoked(insight_id="mine", owner_user_id="client-1", coach_user_id="coach-2",
                                  occurred_at=NOW + timedelta(seconds=1))
    await apply(store, projections.on_insight_share_revoked, revoked)
    # the older share, delivered late, must not restore access
    await apply(store, projections.on_insight_shared, InsightShared(
        insight_id="mine", owner_user_id="client-1", coach_user_id="coach-2", permissions=SharePermissions(),
        occurred_at=NOW - timedelta(seconds=5)))
    with pytest.raises(queries.NotFound):
        await detail(store, "mine", "coach-2")

    await apply(store, projections.on_insight_shared, InsightShared(
        insight_id="mine", owner_user_id="client-1", coach_user_id="coach-3", permissions=SharePermissions(),
        expires_at=NOW - timedelta(minutes=1), occurred_at=NOW))
    with pytest.raises(queries.NotFound):
        await detail(store, "mine", "coach-3")


def grant_change(kind: str, version: int | None, seconds: int, coach: str = "coach-2"):
    at = NOW + timedelta(seconds=seconds)
    if kind == "share":
        return projections.on_insight_shared, InsightShared(
            insight_id="mine", owner_user_id="client-1", coach_user_id=coach, version=version, occurred_at=at,
            permissions=SharePermissions(comment=version == 3))
    return projections.on_insight_share_revoked, InsightShareRevoked(
        insight_id="mine", owner_user_id="client-1", coach_user_id=coach, version=version, occurred_at=at)


async def visible_to(store, coach: str = "coach-2"):
    try:
        return (await queries.insight_detail(store, "mine", coach))[1]
    except queries.NotFound:
        return None


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (3, 2, 1, 0), (1, 3, 0, 2), (2, 0, 3, 1)])
async def test_grant_changes_out_of_order_end_at_the_highest_version_whatever_the_clocks(store, order):
    # sharing's order: share (1), revoke (2), share with comment (3), revoke (4); the replica
    # that sent 3 had a clock behind, the one that sent 2 ahead of everyone
    changes = [grant_change("share", 1, 0), grant_change("revoke", 2, 60), grant_change("share", 3, -30),
               grant_change("revoke", 4, 5)]
    await apply(store, projections.on_transcript_received, received("mine"))
    for i in order:
        await apply(store, *changes[i])
    assert await visible_to(store) is None

    await apply(store, *grant_change("share", 5, -60))  # a later share from a slow clock still counts
    assert await visible_to(store) is not None
    await apply(store, *changes[2])  # an old share delivered late changes nothing
    access = await visible_to(store)
    assert access is not None and access.grant.permissions.comment is False


async def test_grant_changes_without_a_version_fall_back_to_time(store):
    await apply(store, projections.on_transcript_received, received("mine"))
    await apply(store, *grant_change("revoke", None, 10))
    await apply(store, *grant_change("share", None, 5))  # older: ignored
    assert await visible_to(store) is None
    await apply(store, *grant_change("share", None, 20))
    assert await visible_to(store) is not None


async def test_my_insights_newest_session_first_split_by_pairing(store):
    await apply(store, projections.on_transcript_received, received("old", session_date=NOW - timedelta(days=9)))
    await apply(store, projections.on_transcript_received, received("new", session_date=NOW - timedelta(days=1)))
    await apply(store, projections.on_transcript_received, received("p", coach="coach-1", rel="r1"))
    mine = await queries.my_insights(store, "client-1", queries.Page(20, 0))
    assert [i.id for i in mine.unpaired] == ["new", "old"] and [i.id for i in mine.paired] == ["p"]
    assert mine.total_count == 3
    coach = await queries.my_insights(store, "coach-1", queries.Page(20, 0))
    assert [i.id for i in coach.paired] == ["p"] and coach.unpaired == []


async def test_timeline_only_for_the_relationship_members(store):
    await apply(store, projections.on_relationship_changed, CoachingRelationshipChanged(
        relationship_id="r1", coach_user_id="coach-1", client_user_id="client-1", status="active",
        coach_name="Maya", client_name="Daniel"))
    await apply(store, projections.on_transcript_received, received("p", coach="coach-1", rel="r1"))
    timeline = await queries.relationship_timeline(store, "r1", "coach-1", queries.Page(20, 0))
    assert [i.id for i in timeline.insights] == ["p"] and timeline.relationship.client_name == "Daniel"
    with pytest.raises(queries.NotFound):
        await queries.relationship_timeline(store, "r1", "coach-9", queries.Page(20, 0))
    assert [r.relationship_id for r in await queries.my_relationships(store, "client-1")] == ["r1"]
    assert [r.relationship_id for r in await queries.my_relationships(store, "coach-1")] == ["r1"]
    assert await queries.my_relationships(store, "coach-9") == []


async def detail_opens(store, insight_id: str, user_id: str) -> bool:
    try:
        await queries.insight_detail(store, insight_id, user_id)
        return True
    except queries.NotFound:
        return False


async def timeline_ids(store, user_id: str) -> list[str] | None:
    try:
        return [i.id for i in (await queries.relationship_timeline(store, "r1", user_id, queries.Page(20, 0))).insights]
    except queries.NotFound:
        return None


async def test_timeline_lists_exactly_what_detail_opens_when_the_coach_changes_and_after_the_end(store):
    def relationship(coach: str, status: str = "active") -> CoachingRelationshipChanged:
        return CoachingRelationshipChanged(relationship_id="r1", coach_user_id=coach, client_user_id="client-1",
                                           status=status)

    await apply(store, projections.on_relationship_changed, relationship("coach-1"))
    await apply(store, projections.on_transcript_received, received(
        "with-1", coach="coach-1", rel="r1", session_date=NOW - timedelta(days=2)))
    await apply(store, projections.on_relationship_changed, relationship("coach-2"))  # the platform reassigns
    await apply(store, projections.on_transcript_received, received(
        "with-2", coach="coach-2", rel="r1", session_date=NOW - timedelta(days=1)))
    await apply(store, projections.on_relationship_changed, relationship("coach-2", status="ended"))

    expected = {"client-1": ["with-2", "with-1"], "coach-1": ["with-1"], "coach-2": ["with-2"], "coach-9": None}
    for user, listed in expected.items():
        assert await timeline_ids(store, user) == listed, user
        for insight_id in ("with-1", "with-2"):
            assert await detail_opens(store, insight_id, user) == (insight_id in (listed or [])), (user, insight_id)

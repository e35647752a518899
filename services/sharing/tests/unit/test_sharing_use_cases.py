from datetime import timedelta

import pytest
from sharing.app.erase_insight import erase_insight
from sharing.app.list_shares import list_shares
from sharing.app.project_transcript import project_transcript
from sharing.app.revoke_share import revoke_share
from sharing.app.share_insight import ShareInsight, share_insight
from sharing.domain.errors import InvalidCoach, InvalidExpiry, NotFound, NotShareable
from sharing.domain.model import Permissions

from contracts import (
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    SharePermissions,
    Transcript,
    TranscriptReceived,
    Turn,
)

CLIENT, COACH, OTHER = "user_client", "user_coach", "user_other"


def received(insight_id: str = "ins-1", unpaired: bool = True, client: str = CLIENT) -> TranscriptReceived:
    return TranscriptReceived(
        insight_id=insight_id, client_user_id=client, created_by=client, is_unpaired=unpaired,
        transcript_source="text_input",
        transcript=Transcript(turns=[Turn(speaker="Client", role="client", text="I want to grow.")]),
        coaching_relationship_id=None if unpaired else "rel-1", coach_user_id=None if unpaired else COACH,
    )


def share(insight_id: str = "ins-1", by: str = CLIENT, coach: str = COACH, **kw) -> ShareInsight:
    return ShareInsight(insight_id=insight_id, owner_user_id=by, coach_user_id=coach, **kw)


async def test_owner_shares_grant_audit_and_event_in_one_commit(uow, clock):
    await project_transcript(received(), uow)

    grant = await share_insight(share(permissions=Permissions(comment=True)), uow, clock)

    assert uow.committed
    assert grant.permissions == Permissions(view=True, comment=True, export=False)
    assert await uow.grants.get("ins-1", COACH) == grant
    [entry] = uow.audit.entries
    assert (entry.actor_user_id, entry.action, entry.coach_user_id) == (CLIENT, "granted", COACH)
    [event] = uow.emitted
    assert isinstance(event, InsightShared)
    assert (event.insight_id, event.owner_user_id, event.coach_user_id) == ("ins-1", CLIENT, COACH)
    assert event.client_user_id == CLIENT  # named as on every other event
    assert event.permissions == SharePermissions(view=True, comment=True, export=False)


async def test_view_is_always_granted(uow, clock):
    await project_transcript(received(), uow)
    grant = await share_insight(share(permissions=Permissions(view=False, export=True)), uow, clock)
    assert grant.permissions == Permissions(view=True, comment=False, export=True)


async def test_sharing_again_updates_the_permissions(uow, clock):
    await project_transcript(received(), uow)
    first = await share_insight(share(), uow, clock)
    clock.now += timedelta(hours=1)

    second = await share_insight(share(permissions=Permissions(export=True)), uow, clock)

    assert len(uow.grants.rows) == 1
    assert second.permissions.export and second.granted_at == first.granted_at
    assert second.updated_at == clock.now
    assert [e.action for e in uow.audit.entries] == ["granted", "updated"]
    assert [type(e) for e in uow.emitted] == [InsightShared, InsightShared]
    assert uow.emitted[-1].permissions.export


async def test_sharing_again_unchanged_records_nothing(uow, clock):
    await project_transcript(received(), uow)
    await share_insight(share(), uow, clock)
    await share_insight(share(), uow, clock)
    assert len(uow.audit.entries) == 1 and len(uow.emitted) == 1


async def test_someone_elses_insight_is_not_found(uow, clock):
    await project_transcript(received(), uow)
    with pytest.raises(NotFound):
        await share_insight(share(by=OTHER), uow, clock)
    assert not uow.grants.rows and not uow.emitted


async def test_unknown_insight_is_not_found(uow, clock):
    with pytest.raises(NotFound):
        await share_insight(share(insight_id="never-heard-of"), uow, clock)


async def test_paired_insight_is_not_shareable(uow, clock):
    await project_transcript(received(unpaired=False), uow)
    with pytest.raises(NotShareable) as refused:
        await share_insight(share(), uow, clock)
    assert refused.value.status == 409 and refused.value.code == "not_shareable"
    assert not uow.grants.rows and not uow.emitted


async def test_expiry_in_the_past_is_refused(uow, clock):
    await project_transcript(received(), uow)
    with pytest.raises(InvalidExpiry):
        await share_insight(share(expires_at=clock.now - timedelta(minutes=1)), uow, clock)
    assert not uow.grants.rows


async def test_expiry_in_the_future_is_kept(uow, clock):
    await project_transcript(received(), uow)
    until = clock.now + timedelta(days=7)
    grant = await share_insight(share(expires_at=until), uow, clock)
    assert grant.expires_at == until and uow.emitted[-1].expires_at == until


async def test_expired_grants_are_not_listed_and_resharing_is_a_new_grant(uow, clock):
    await project_transcript(received(), uow)
    await share_insight(share(expires_at=clock.now + timedelta(hours=1)), uow, clock)
    clock.now += timedelta(hours=2)
    assert (await list_shares("ins-1", CLIENT, uow, clock)).grants == []

    grant = await share_insight(share(), uow, clock)

    assert grant.granted_at == clock.now and grant.expires_at is None
    assert [e.action for e in uow.audit.entries] == ["granted", "granted"]


async def test_a_client_cannot_share_with_themselves(uow, clock):
    await project_transcript(received(), uow)
    with pytest.raises(InvalidCoach):
        await share_insight(share(coach=CLIENT), uow, clock)


async def test_owner_revokes(uow, clock):
    await project_transcript(received(), uow)
    await share_insight(share(), uow, clock)

    await revoke_share("ins-1", COACH, CLIENT, uow, clock)

    assert uow.committed and not uow.grants.rows
    assert [e.action for e in uow.audit.entries] == ["granted", "revoked"]
    revoked = uow.emitted[-1]
    assert isinstance(revoked, InsightShareRevoked)
    assert (revoked.insight_id, revoked.owner_user_id, revoked.coach_user_id) == ("ins-1", CLIENT, COACH)
    assert revoked.client_user_id == CLIENT


async def test_every_grant_change_carries_the_next_version_of_its_pair(uow, clock):
    await project_transcript(received(), uow)
    await share_insight(share(), uow, clock)
    await share_insight(share(), uow, clock)  # unchanged: no event, no version used
    await share_insight(share(permissions=Permissions(comment=True)), uow, clock)
    await share_insight(share(coach=OTHER), uow, clock)  # another pair counts on its own
    await revoke_share("ins-1", COACH, CLIENT, uow, clock)
    with pytest.raises(NotFound):  # refused: rolled back, no version used
        await revoke_share("ins-1", COACH, CLIENT, uow, clock)
    await share_insight(share(), uow, clock)  # again after the revocation: still counting up

    assert [(type(e).__name__, e.coach_user_id, e.version) for e in uow.emitted] == [
        ("InsightShared", COACH, 1), ("InsightShared", COACH, 2), ("InsightShared", OTHER, 1),
        ("InsightShareRevoked", COACH, 3), ("InsightShared", COACH, 4)]


async def test_revoking_a_grant_that_does_not_exist_is_not_found(uow, clock):
    await project_transcript(received(), uow)
    with pytest.raises(NotFound):
        await revoke_share("ins-1", COACH, CLIENT, uow, clock)
    assert not uow.emitted


async def test_only_the_owner_revokes(uow, clock):
    await project_transcript(received(), uow)
    await share_insight(share(), uow, clock)
    for caller in (COACH, OTHER):
        with pytest.raises(NotFound):
            await revoke_share("ins-1", COACH, caller, uow, clock)
    assert len(uow.grants.rows) == 1


async def test_owner_lists_grants_and_audit_trail(uow, clock):
    await project_transcript(received(), uow)
    await share_insight(share(), uow, clock)
    await share_insight(share(coach=OTHER), uow, clock)
    await revoke_share("ins-1", OTHER, CLIENT, uow, clock)

    shares = await list_shares("ins-1", CLIENT, uow, clock)

    assert [g.coach_user_id for g in shares.grants] == [COACH]
    assert [(e.action, e.coach_user_id) for e in shares.audit] == [
        ("granted", COACH), ("granted", OTHER), ("revoked", OTHER)]
    with pytest.raises(NotFound):
        await list_shares("ins-1", COACH, uow, clock)


async def test_erasure_drops_grants_and_ownership_and_leaves_a_tombstone(uow, clock):
    await project_transcript(received(), uow)
    await share_insight(share(), uow, clock)

    await erase_insight(InsightDeleted(insight_id="ins-1", deleted_by=CLIENT, client_user_id=CLIENT), uow)

    assert not uow.grants.rows and not uow.insights.rows
    assert uow.audit.entries[-1].action == "erased"
    assert uow.audit.entries[-1].permissions is None and uow.audit.entries[-1].coach_user_id is None
    with pytest.raises(NotFound):
        await share_insight(share(), uow, clock)


async def test_a_late_transcript_received_does_not_resurrect_an_erased_insight(uow, clock):
    await erase_insight(InsightDeleted(insight_id="ins-1", deleted_by=CLIENT), uow)
    await project_transcript(received(), uow)
    assert not uow.insights.rows


async def test_replayed_transcript_received_is_a_no_op(uow):
    event = received()
    await project_transcript(event, uow)
    uow.insights.rows.clear()
    await project_transcript(event, uow)
    assert not uow.insights.rows


async def test_erasure_drops_comments_and_audit_but_keeps_one_tombstone(uow, clock):
    from sharing.app.comments import add_comment
    from sharing.app.erase_insight import erase_insight
    from sharing.app.share_insight import ShareInsight, share_insight
    from sharing.domain.model import OwnedInsight, Permissions

    from contracts import InsightDeleted

    await uow.insights.add(OwnedInsight(insight_id="e1", owner_user_id="client", is_unpaired=True))
    await share_insight(ShareInsight(insight_id="e1", owner_user_id="client", coach_user_id="coach",
                                     permissions=Permissions(comment=True)), uow, clock)
    await add_comment("e1", "coach", "a thought", uow, clock, lambda: "c1")
    deleted = InsightDeleted(insight_id="e1", deleted_by="client")
    await erase_insight(deleted, uow)
    await erase_insight(deleted, uow)
    assert uow.comments.rows == [] and uow.grants.rows == {} and uow.forgotten == ["e1"]
    assert [e.action for e in uow.audit.entries] == ["erased"]


async def test_paired_insight_comments_are_for_owner_and_relationship_coach(uow, clock):
    import pytest
    from sharing.app.comments import add_comment
    from sharing.domain.errors import NotFound
    from sharing.domain.model import OwnedInsight

    await uow.insights.add(OwnedInsight(insight_id="p1", owner_user_id="client", is_unpaired=False,
                                        coach_user_id="coach"))
    assert (await add_comment("p1", "coach", "noted", uow, clock, lambda: "c1")).author_user_id == "coach"
    with pytest.raises(NotFound):
        await add_comment("p1", "other-coach", "hi", uow, clock, lambda: "c2")

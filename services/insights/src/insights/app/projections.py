"""Every event the insights service consumes, applied once (inbox) to the read model.
Replaying a stream from the start rebuilds the same state. Once committed, every change hints
whose reads it changed, and those that change an insight's status (processing, completed,
failed, deleted) hint that too (ports.StatusHints)."""

from contracts import (
    AnalysisCompleted,
    AnalysisFailed,
    CoachingRelationshipChanged,
    InsightDeleted,
    InsightShared,
    InsightShareRevoked,
    TranscriptReceived,
    subject_of,
)
from insights.domain.model import InsightNotYetKnown, InsightView
from insights.domain.talk import talk_stats
from insights.ports import StatusHints, UnitOfWork


async def _hint(hints: StatusHints | None, insight_id: str | None, readers: tuple[str, ...] | None) -> None:
    """After the commit: the status of `insight_id` changed (None: no status change), and what
    `readers` read changed (None: nobody's; empty: anyone's)."""
    if hints is None:
        return
    # readers first: a live stream woken by the status looks, and its client then reads the
    # insight through the gateway's cache, which should have heard whose reads changed by then
    if readers is not None:
        await hints.readers_changed(readers)
    if insight_id is not None:
        await hints.status_changed(insight_id)


async def on_transcript_received(event: TranscriptReceived, uow: UnitOfWork,
                                 hints: StatusHints | None = None) -> None:
    readers = None
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        if not await uow.projection.is_erased(event.insight_id):
            readers = tuple(u for u in (event.client_user_id, event.coach_user_id) if u)
            talk = talk_stats(event.transcript)
            await uow.projection.add_pending(InsightView(
                id=event.insight_id,
                client_user_id=event.client_user_id,
                coach_user_id=event.coach_user_id,
                coaching_relationship_id=event.coaching_relationship_id,
                is_unpaired=event.is_unpaired,
                status="processing",
                created_at=event.occurred_at,
                session_date=event.session_date,
                session_title=event.session_title,
                client_talk_share=talk.client_talk_share,
                open_question_ratio=talk.open_question_ratio,
            ))
        await uow.commit()
    await _hint(hints, event.insight_id, readers)


async def on_analysis_completed(event: AnalysisCompleted, uow: UnitOfWork,
                                hints: StatusHints | None = None) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        readers = None
        if await uow.projection.complete(event.insight_id, event.content, event.occurred_at):
            readers = await uow.projection.readers(event.insight_id)
        elif not await uow.projection.is_erased(event.insight_id):
            raise InsightNotYetKnown(event.insight_id)
        await uow.commit()
    await _hint(hints, event.insight_id, readers)


async def on_analysis_failed(event: AnalysisFailed, uow: UnitOfWork, hints: StatusHints | None = None) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        readers = None
        if await uow.projection.fail(event.insight_id, event.reason, event.occurred_at):
            readers = await uow.projection.readers(event.insight_id)
        elif not await uow.projection.is_erased(event.insight_id):
            raise InsightNotYetKnown(event.insight_id)
        await uow.commit()
    await _hint(hints, event.insight_id, readers)


async def on_insight_deleted(event: InsightDeleted, uow: UnitOfWork, hints: StatusHints | None = None) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        readers = await uow.projection.readers(event.insight_id)  # before the erasure forgets them
        await uow.projection.erase(event.insight_id, event.occurred_at)
        await uow.commit()
    await _hint(hints, event.insight_id, readers)


async def on_relationship_changed(event: CoachingRelationshipChanged, uow: UnitOfWork,
                                  hints: StatusHints | None = None) -> None:
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        await uow.projection.upsert_relationship(event, event.occurred_at)
        await uow.commit()
    # its former members' lists and timelines change too, and the platform changes a relationship
    # rarely: anyone's reads, rather than a look for who they were
    await _hint(hints, None, ())


async def on_insight_shared(event: InsightShared, uow: UnitOfWork, hints: StatusHints | None = None) -> None:
    readers = None
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        if not await uow.projection.is_erased(event.insight_id):
            await uow.projection.upsert_grant(event.insight_id, event.coach_user_id, event.permissions,
                                              event.expires_at, event.occurred_at, event.version)
            readers = await uow.projection.readers(event.insight_id)
        await uow.commit()
    await _hint(hints, None, readers)


async def on_insight_share_revoked(event: InsightShareRevoked, uow: UnitOfWork,
                                   hints: StatusHints | None = None) -> None:
    readers = None
    async with uow:
        if not await uow.first_time(event.event_id, subject_of(event)):
            return
        if not await uow.projection.is_erased(event.insight_id):
            await uow.projection.revoke_grant(event.insight_id, event.coach_user_id, event.occurred_at,
                                              event.version)
            readers = await uow.projection.readers(event.insight_id)
        await uow.commit()
    await _hint(hints, None, readers)

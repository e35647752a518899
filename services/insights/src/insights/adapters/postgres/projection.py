from datetime import datetime

import msgspec
from sqlalchemy import and_, case, delete, func, select, union, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts import InsightContent, SharePermissions
from insights.adapters.embeddings import to_bytes
from insights.adapters.postgres.tables import erased, grants, insights, relationships, search_entries
from insights.domain.model import InsightView
from insights.domain.search import search_entries as entries_of
from insights.ports import Embedder, InsightProjection, Relationship


class SqlaInsightProjection(InsightProjection):
    def __init__(self, session: AsyncSession, embedder: Embedder) -> None:
        self._session = session
        self._embedder = embedder

    async def add_pending(self, i: InsightView) -> None:
        stmt = insert(insights).values(
            id=i.id, client_user_id=i.client_user_id, coach_user_id=i.coach_user_id,
            coaching_relationship_id=i.coaching_relationship_id, is_unpaired=i.is_unpaired, status=i.status,
            session_date=i.session_date, session_title=i.session_title, sort_at=i.session_date or i.created_at,
            created_at=i.created_at, updated_at=i.created_at,
            client_talk_share=i.client_talk_share, open_question_ratio=i.open_question_ratio)
        # a replay fills in the talk figures of rows projected before they existed, nothing else
        await self._session.execute(stmt.on_conflict_do_update(
            index_elements=["id"], where=insights.c.client_talk_share.is_(None),
            set_={"client_talk_share": stmt.excluded.client_talk_share,
                  "open_question_ratio": stmt.excluded.open_question_ratio}))

    async def complete(self, insight_id: str, content: InsightContent, at: datetime) -> bool:
        await self._lock(insight_id)  # before the row's lock, as everywhere (see readers)
        result = await self._session.execute(update(insights).where(insights.c.id == insight_id).values(
            status="completed", processing_error=None, content=msgspec.to_builtins(content),
            completed_at=at, updated_at=at,
            celebration_count=int(content.celebration is not None),
            intention_count=int(content.intention is not None),
            discovery_count=len(content.client_discoveries),
            action_item_count=len(content.action_items),
        ))
        if result.rowcount:
            await self.index_for_search(insight_id, content)
        return result.rowcount > 0

    async def index_for_search(self, insight_id: str, content: InsightContent) -> None:
        entries = entries_of(content)
        vectors = self._embedder.embed([e.text for e in entries])
        await self._session.execute(delete(search_entries).where(search_entries.c.insight_id == insight_id))
        if entries:
            await self._session.execute(insert(search_entries), [
                {"insight_id": insight_id, "position": n, "section": e.section, "item": e.item, "kind": e.kind,
                 "text": e.text, "embedding": to_bytes(vectors[n])} for n, e in enumerate(entries)])

    async def fail(self, insight_id: str, reason: str, at: datetime) -> bool:
        await self._lock(insight_id)  # before the row's lock, as everywhere (see readers)
        result = await self._session.execute(
            update(insights).where(insights.c.id == insight_id, insights.c.status != "completed")
            .values(status="failed", processing_error=reason, updated_at=at))
        if result.rowcount:
            return True
        found = await self._session.execute(select(insights.c.id).where(insights.c.id == insight_id))
        return found.first() is not None  # already completed: a late failure changes nothing

    async def erase(self, insight_id: str, at: datetime) -> None:
        await self._lock(insight_id)
        await self._session.execute(delete(insights).where(insights.c.id == insight_id))
        await self._session.execute(delete(grants).where(grants.c.insight_id == insight_id))
        await self._session.execute(delete(search_entries).where(search_entries.c.insight_id == insight_id))
        await self._session.execute(insert(erased).values(insight_id=insight_id, erased_at=at)
                                    .on_conflict_do_nothing(index_elements=["insight_id"]))

    async def _lock(self, insight_id: str) -> None:
        # erasure and the other projections run on separate consumers: serialise them per
        # insight so no write can slip in between an is_erased() check and the erasure
        await self._session.execute(select(func.pg_advisory_xact_lock(func.hashtext(insight_id))))

    async def is_erased(self, insight_id: str) -> bool:
        await self._lock(insight_id)
        found = await self._session.execute(select(erased.c.insight_id).where(erased.c.insight_id == insight_id))
        return found.first() is not None

    async def readers(self, insight_id: str) -> tuple[str, ...]:
        # under the insight's lock, as a share or revocation of it is made: a grant committed
        # meanwhile is seen here, or its own hint names its coach once our change is committed.
        # Every writer takes that lock before any row's (complete, fail, erase, shares), so two
        # of them never hold one each while waiting for the other's
        await self._lock(insight_id)
        people = union(
            select(insights.c.client_user_id.label("user_id")).where(insights.c.id == insight_id),
            select(insights.c.coach_user_id).where(insights.c.id == insight_id, insights.c.coach_user_id.is_not(None)),
            select(grants.c.coach_user_id).where(grants.c.insight_id == insight_id))
        found = await self._session.execute(people)
        return tuple(sorted(found.scalars()))

    async def upsert_relationship(self, r: Relationship, changed_at: datetime) -> None:
        values = {"relationship_id": r.relationship_id, "coach_user_id": r.coach_user_id,
                  "client_user_id": r.client_user_id, "status": getattr(r, "status", "active"),
                  "coach_name": r.coach_name, "client_name": r.client_name, "changed_at": changed_at}
        stmt = insert(relationships).values(**values)
        await self._session.execute(stmt.on_conflict_do_update(
            index_elements=["relationship_id"],
            set_={k: stmt.excluded[k] for k in values if k != "relationship_id"},
            where=relationships.c.changed_at <= stmt.excluded.changed_at,
        ))

    async def upsert_grant(self, insight_id: str, coach_user_id: str, permissions: SharePermissions,
                           expires_at: datetime | None, at: datetime, version: int | None = None) -> None:
        await self._set_grant(insight_id, coach_user_id, at, version, revoked=False, can_view=permissions.view,
                              can_comment=permissions.comment, can_export=permissions.export, expires_at=expires_at)

    async def revoke_grant(self, insight_id: str, coach_user_id: str, at: datetime,
                           version: int | None = None) -> None:
        await self._set_grant(insight_id, coach_user_id, at, version, revoked=True, can_view=False,
                              can_comment=False, can_export=False, expires_at=None)

    async def _set_grant(self, insight_id: str, coach_user_id: str, at: datetime, version: int | None,
                         **values) -> None:
        values["changed_at"] = at
        stmt = insert(grants).values(insight_id=insight_id, coach_user_id=coach_user_id, version=version, **values)
        new, stored = stmt.excluded, grants.c
        # domain.model.supersedes, in one statement (the row lock orders concurrent consumers)
        newer = case((and_(new.version.is_not(None), stored.version.is_not(None)), stored.version < new.version),
                     else_=stored.changed_at <= new.changed_at)
        await self._session.execute(stmt.on_conflict_do_update(
            index_elements=["insight_id", "coach_user_id"],
            set_={**values, "version": func.coalesce(new.version, stored.version)}, where=newer))

"""Plain SQL on the read tables (no domain model round trip beyond InsightView)."""

from datetime import datetime

import msgspec
from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts import InsightContent, SharePermissions
from insights.adapters.postgres.tables import grants, insights, relationships
from insights.domain.model import Grant, InsightView
from insights.ports import InsightReader, Relationship


def to_view(row, with_content: bool = False, insight_grants: list[Grant] | None = None) -> InsightView:
    content = msgspec.convert(row["content"], InsightContent) if with_content and row["content"] else None
    return InsightView(
        id=row["id"], client_user_id=row["client_user_id"], coach_user_id=row["coach_user_id"],
        coaching_relationship_id=row["coaching_relationship_id"], is_unpaired=row["is_unpaired"],
        status=row["status"], created_at=row["created_at"], session_date=row["session_date"],
        session_title=row["session_title"], processing_error=row["processing_error"],
        completed_at=row["completed_at"], content=content, grants=insight_grants or [],
    )


class SqlaInsightReader(InsightReader):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get(self, insight_id: str) -> InsightView | None:
        async with self._sessions() as session:
            row = (await session.execute(select(insights).where(insights.c.id == insight_id))).mappings().first()
            if row is None:
                return None
            grant_rows = (await session.execute(select(grants).where(
                grants.c.insight_id == insight_id, grants.c.revoked.is_(False)))).mappings()
            found = [Grant(coach_user_id=g["coach_user_id"], expires_at=g["expires_at"],
                           permissions=SharePermissions(view=g["can_view"], comment=g["can_comment"],
                                                        export=g["can_export"])) for g in grant_rows]
        return to_view(row, with_content=True, insight_grants=found)

    async def _page(self, query: Select, limit: int, offset: int) -> tuple[list[InsightView], int]:
        async with self._sessions() as session:
            total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
            rows = (await session.execute(
                query.order_by(insights.c.sort_at.desc(), insights.c.created_at.desc()).limit(limit).offset(offset)
            )).mappings().all()
        return [to_view(row, with_content=True) for row in rows], total

    async def for_client(self, user_id: str, unpaired: bool, limit: int, offset: int):
        return await self._page(select(insights).where(
            insights.c.client_user_id == user_id, insights.c.is_unpaired.is_(unpaired)), limit, offset)

    async def for_coach_paired(self, user_id: str, limit: int, offset: int):
        return await self._page(select(insights).where(
            insights.c.coach_user_id == user_id, insights.c.is_unpaired.is_(False),
            insights.c.client_user_id != user_id), limit, offset)

    async def for_relationship(self, relationship_id: str, limit: int, offset: int):
        return await self._page(select(insights).where(
            insights.c.coaching_relationship_id == relationship_id, insights.c.is_unpaired.is_(False)),
            limit, offset)

    async def shared_with(self, coach_user_id: str, now: datetime, limit: int, offset: int):
        query = select(insights).join(grants, grants.c.insight_id == insights.c.id).where(
            grants.c.coach_user_id == coach_user_id, grants.c.can_view.is_(True), grants.c.revoked.is_(False),
            insights.c.is_unpaired.is_(True),
            or_(grants.c.expires_at.is_(None), grants.c.expires_at > now))
        return await self._page(query, limit, offset)

    async def relationship(self, relationship_id: str) -> Relationship | None:
        async with self._sessions() as session:
            row = (await session.execute(select(relationships).where(
                relationships.c.relationship_id == relationship_id))).first()
        return row

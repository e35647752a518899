"""Plain SQL on the read tables. Lists read only the overview columns (summary, themes, quality,
counts), never the content document: that keeps a page cheap."""

from datetime import datetime

import msgspec
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts import InsightContent, SharePermissions
from contracts.insight import CoachFeedback
from insights.adapters.postgres.content import stored_content
from insights.adapters.postgres.pages import DETAIL, MY_INSIGHTS, TIMELINE, ReadPool, RelationshipRow
from insights.adapters.postgres.tables import grants, insights, relationships
from insights.adapters.postgres.trends import session_facts
from insights.domain.model import Grant, InsightView, Overview
from insights.domain.trends import SessionFacts
from insights.ports import InsightReader, Relationship

c = insights.c
HEAD = (c.id, c.client_user_id, c.coach_user_id, c.coaching_relationship_id, c.is_unpaired, c.status,
        c.created_at, c.session_date, c.session_title, c.processing_error, c.completed_at)
OVERVIEW = (c.session_summary, c.key_themes, c.overall_session_quality,
            c.celebration_count, c.intention_count, c.discovery_count, c.action_item_count)


def grant_of(row) -> Grant:
    return Grant(coach_user_id=row["coach_user_id"], expires_at=row["expires_at"], shared_at=row["changed_at"],
                 permissions=SharePermissions(view=row["can_view"], comment=row["can_comment"],
                                              export=row["can_export"]))


def to_view(row, content: InsightContent | None = None, overview: Overview | None = None,
            insight_grants: list[Grant] | None = None) -> InsightView:
    return InsightView(
        id=row["id"], client_user_id=row["client_user_id"], coach_user_id=row["coach_user_id"],
        coaching_relationship_id=row["coaching_relationship_id"], is_unpaired=row["is_unpaired"],
        status=row["status"], created_at=row["created_at"], session_date=row["session_date"],
        session_title=row["session_title"], processing_error=row["processing_error"],
        completed_at=row["completed_at"], content=content, overview=overview, grants=insight_grants or [],
    )


def overview_row(row) -> Overview:
    feedback = row.get("coach_feedback")  # selected by shared_with() only
    return Overview(session_summary=row["session_summary"] or "", key_themes=tuple(row["key_themes"] or ()),
                    overall_session_quality=row["overall_session_quality"] or "",
                    celebration_count=row["celebration_count"], intention_count=row["intention_count"],
                    discovery_count=row["discovery_count"], action_item_count=row["action_item_count"],
                    coach_feedback=msgspec.convert(feedback, CoachFeedback) if feedback else None)


def content_of(text: str) -> InsightContent:
    try:
        return msgspec.json.decode(text, type=InsightContent)
    except msgspec.ValidationError:  # stored before a label became an enum: repaired as it is read
        return stored_content(msgspec.json.decode(text))


def list_view(row) -> InsightView:
    """A list row of pages.py (key_themes still JSON text) as a view with its overview."""
    themes = row["key_themes"]
    return to_view(row, overview=Overview(
        session_summary=row["session_summary"] or "", key_themes=tuple(msgspec.json.decode(themes) if themes else ()),
        overall_session_quality=row["overall_session_quality"] or "", celebration_count=row["celebration_count"],
        intention_count=row["intention_count"], discovery_count=row["discovery_count"],
        action_item_count=row["action_item_count"]))


class SqlaInsightReader(InsightReader):
    """`pool` serves the hot reads (pages.py); without one it is opened on the sessions' database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], pool: ReadPool | None = None) -> None:
        self._sessions = sessions
        self._pool = pool or ReadPool(sessions.kw["bind"].url.render_as_string(hide_password=False))

    async def close(self) -> None:
        await self._pool.close()

    async def get(self, insight_id: str) -> InsightView | None:
        rows = await self._pool.fetch(DETAIL, insight_id)
        if not rows:
            return None
        row = rows[0]
        found = [Grant(coach_user_id=coach, expires_at=expires, shared_at=changed,
                       permissions=SharePermissions(view=view, comment=comment, export=export))
                 for coach, expires, changed, view, comment, export in row["grants"]]
        content = content_of(row["content"]) if row["content"] else None
        return to_view(row, content=content, insight_grants=found)

    async def my_insights_page(self, user_id: str, limit: int, offset: int, paired: bool = True,
                               unpaired: bool = True) -> tuple[list[InsightView], int, list[InsightView], int]:
        found: dict[str, list[InsightView]] = {"paired": [], "unpaired": []}
        totals = {"paired": 0, "unpaired": 0}
        for row in await self._pool.fetch(MY_INSIGHTS, user_id, limit, offset, paired, unpaired):
            totals[row["list"]] = row["total"]
            if row["id"] is not None:
                found[row["list"]].append(list_view(row))
        return found["paired"], totals["paired"], found["unpaired"], totals["unpaired"]

    async def timeline_page(self, relationship_id: str, user_id: str, limit: int,
                            offset: int) -> tuple[Relationship | None, list[InsightView], int]:
        rows = await self._pool.fetch(TIMELINE, relationship_id, user_id, limit, offset)
        if not rows:
            return None, [], 0
        r = rows[0]
        relationship = RelationshipRow(r["r_id"], r["r_coach"], r["r_client"], r["r_coach_name"], r["r_client_name"],
                                       r["r_status"])
        return relationship, [list_view(row) for row in rows if row["id"] is not None], r["total"]

    async def _page(self, where: list, limit: int, offset: int, *, join=None,
                    extra: tuple = ()) -> tuple[list, int]:
        base = select(*HEAD, *OVERVIEW, *extra)
        counted = select(func.count()).select_from(insights)
        if join is not None:
            base, counted = base.join(*join), counted.join(*join)
        async with self._sessions() as session:
            total = (await session.execute(counted.where(*where))).scalar_one()
            rows = (await session.execute(base.where(*where).order_by(c.sort_at.desc(), c.created_at.desc())
                                          .limit(limit).offset(offset))).mappings().all() if total else []
        return rows, total

    async def _views(self, where: list, limit: int, offset: int) -> tuple[list[InsightView], int]:
        rows, total = await self._page(where, limit, offset)
        return [to_view(row, overview=overview_row(row)) for row in rows], total

    async def for_client(self, user_id: str, unpaired: bool, limit: int, offset: int):
        return await self._views([c.client_user_id == user_id, c.is_unpaired.is_(unpaired)], limit, offset)

    async def paired_for(self, user_id: str, limit: int, offset: int):
        return await self._views([or_(c.client_user_id == user_id, c.coach_user_id == user_id),
                                  c.is_unpaired.is_(False)], limit, offset)

    async def for_relationship(self, relationship_id: str, user_id: str, limit: int, offset: int):
        return await self._views([c.coaching_relationship_id == relationship_id, c.is_unpaired.is_(False),
                                  or_(c.client_user_id == user_id, c.coach_user_id == user_id)], limit, offset)

    async def shared_with(self, coach_user_id: str, now: datetime, limit: int, offset: int):
        g = grants.c
        rows, total = await self._page(
            [g.coach_user_id == coach_user_id, g.can_view.is_(True), g.revoked.is_(False), c.is_unpaired.is_(True),
             or_(g.expires_at.is_(None), g.expires_at > now)], limit, offset,
            join=(grants, g.insight_id == c.id),
            extra=(g.coach_user_id.label("grant_coach"), g.can_view, g.can_comment, g.can_export, g.expires_at,
                   g.changed_at, c.content["coach_feedback"].label("coach_feedback")))
        return [to_view(row, overview=overview_row(row), insight_grants=[grant_of(
            {**row, "coach_user_id": row["grant_coach"]})]) for row in rows], total

    async def has_expiring_grant(self, coach_user_id: str, now: datetime) -> bool:
        g = grants.c
        async with self._sessions() as session:
            found = await session.execute(select(g.insight_id).where(
                g.coach_user_id == coach_user_id, g.can_view.is_(True), g.revoked.is_(False),
                g.expires_at > now).limit(1))
        return found.first() is not None

    async def relationships_of(self, user_id: str) -> list[Relationship]:
        async with self._sessions() as session:
            rows = (await session.execute(select(relationships).where(
                (relationships.c.coach_user_id == user_id) | (relationships.c.client_user_id == user_id))
                .order_by(relationships.c.relationship_id))).all()
        return list(rows)

    async def relationship(self, relationship_id: str) -> Relationship | None:
        async with self._sessions() as session:
            row = (await session.execute(select(relationships).where(
                relationships.c.relationship_id == relationship_id))).first()
        return row

    async def relationship_facts(self, relationship_id: str, user_id: str, limit: int) -> list[SessionFacts]:
        async with self._sessions() as session:
            return await session_facts(session, [
                c.coaching_relationship_id == relationship_id, c.is_unpaired.is_(False),
                or_(c.client_user_id == user_id, c.coach_user_id == user_id)], limit)

    async def unpaired_facts(self, user_id: str, limit: int) -> list[SessionFacts]:
        async with self._sessions() as session:
            return await session_facts(session, [c.client_user_id == user_id, c.is_unpaired.is_(True)], limit)

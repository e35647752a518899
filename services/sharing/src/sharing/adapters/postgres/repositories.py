"""Explicit row <-> domain mapping (no ORM objects leave this module)."""

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from sharing.adapters.postgres.tables import audit, comments, grant_versions, grants, insights
from sharing.domain.model import AuditEntry, Comment, Grant, OwnedInsight, Page, Permissions
from sharing.ports import AuditLog, CommentRepository, GrantRepository, OwnershipRepository


class SqlaOwnershipRepository(OwnershipRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, insight_id: str) -> OwnedInsight | None:
        # FOR SHARE: an erasure waits for a share or comment in flight, then deletes what it wrote
        row = (await self._session.execute(select(insights).where(insights.c.insight_id == insight_id)
                                           .with_for_update(read=True))).mappings().first()
        return OwnedInsight(**row) if row else None

    async def add(self, insight: OwnedInsight) -> None:
        # ownership never changes once an insight exists
        await self._session.execute(insert(insights).values(
            insight_id=insight.insight_id, owner_user_id=insight.owner_user_id, is_unpaired=insight.is_unpaired,
            coach_user_id=insight.coach_user_id,
        ).on_conflict_do_nothing(index_elements=["insight_id"]))

    async def delete(self, insight_id: str) -> None:
        await self._session.execute(delete(insights).where(insights.c.insight_id == insight_id))


def _grant(row) -> Grant:
    return Grant(
        insight_id=row["insight_id"], coach_user_id=row["coach_user_id"],
        permissions=Permissions(view=row["can_view"], comment=row["can_comment"], export=row["can_export"]),
        granted_at=row["granted_at"], updated_at=row["updated_at"], expires_at=row["expires_at"],
    )


class SqlaGrantRepository(GrantRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next_version(self, insight_id: str, coach_user_id: str) -> int:
        # an upsert, not SELECT ... FOR UPDATE: it locks the pair's row even on its first share
        stmt = insert(grant_versions).values(insight_id=insight_id, coach_user_id=coach_user_id, version=1)
        return await self._session.scalar(stmt.on_conflict_do_update(
            index_elements=["insight_id", "coach_user_id"],
            set_={"version": grant_versions.c.version + 1},
        ).returning(grant_versions.c.version))

    async def get(self, insight_id: str, coach_user_id: str) -> Grant | None:
        row = (await self._session.execute(select(grants).where(
            grants.c.insight_id == insight_id, grants.c.coach_user_id == coach_user_id))).mappings().first()
        return _grant(row) if row else None

    async def for_insight(self, insight_id: str) -> list[Grant]:
        rows = (await self._session.execute(select(grants).where(grants.c.insight_id == insight_id)
                                            .order_by(grants.c.granted_at, grants.c.coach_user_id))).mappings()
        return [_grant(row) for row in rows]

    async def save(self, g: Grant) -> None:
        values = {"insight_id": g.insight_id, "coach_user_id": g.coach_user_id,
                  "can_view": g.permissions.view, "can_comment": g.permissions.comment,
                  "can_export": g.permissions.export, "expires_at": g.expires_at,
                  "granted_at": g.granted_at, "updated_at": g.updated_at}
        stmt = insert(grants).values(**values)
        await self._session.execute(stmt.on_conflict_do_update(
            index_elements=["insight_id", "coach_user_id"],
            set_={k: stmt.excluded[k] for k in values if k not in ("insight_id", "coach_user_id")},
        ))

    async def delete(self, insight_id: str, coach_user_id: str) -> None:
        await self._session.execute(delete(grants).where(
            grants.c.insight_id == insight_id, grants.c.coach_user_id == coach_user_id))

    async def delete_all(self, insight_id: str) -> None:
        await self._session.execute(delete(grants).where(grants.c.insight_id == insight_id))
        await self._session.execute(delete(grant_versions).where(grant_versions.c.insight_id == insight_id))

    async def for_coach(self, coach_user_id: str) -> list[Grant]:
        rows = (await self._session.execute(select(grants).where(grants.c.coach_user_id == coach_user_id)
                                            .order_by(grants.c.insight_id))).mappings()
        return [_grant(row) for row in rows]


class SqlaCommentRepository(CommentRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, c: Comment) -> None:
        await self._session.execute(comments.insert().values(
            id=c.id, insight_id=c.insight_id, author_user_id=c.author_user_id, body=c.body, created_at=c.created_at))

    async def for_insight(self, insight_id: str, page: Page) -> tuple[list[Comment], int]:
        where = comments.c.insight_id == insight_id
        total = await self._session.scalar(select(func.count()).select_from(comments).where(where))
        rows = (await self._session.execute(select(comments).where(where).order_by(comments.c.created_at, comments.c.id)
                                            .limit(page.limit).offset(page.offset))).mappings()
        return [Comment(**row) for row in rows], total

    async def delete_all(self, insight_id: str) -> None:
        await self._session.execute(delete(comments).where(comments.c.insight_id == insight_id))

    async def delete_by_author(self, author_user_id: str) -> int:
        result = await self._session.execute(delete(comments).where(comments.c.author_user_id == author_user_id))
        return result.rowcount


class SqlaAuditLog(AuditLog):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def append(self, e: AuditEntry) -> None:
        permissions = None
        if e.permissions is not None:
            permissions = {"view": e.permissions.view, "comment": e.permissions.comment,
                           "export": e.permissions.export}
        await self._session.execute(audit.insert().values(
            insight_id=e.insight_id, actor_user_id=e.actor_user_id, action=e.action,
            coach_user_id=e.coach_user_id, permissions=permissions, expires_at=e.expires_at, at=e.at,
        ))

    async def for_insight(self, insight_id: str, page: Page) -> tuple[list[AuditEntry], int]:
        where = audit.c.insight_id == insight_id
        total = await self._session.scalar(select(func.count()).select_from(audit).where(where))
        rows = (await self._session.execute(select(audit).where(where).order_by(audit.c.at, audit.c.id)
                                            .limit(page.limit).offset(page.offset))).mappings()
        return [AuditEntry(
            insight_id=row["insight_id"], actor_user_id=row["actor_user_id"], action=row["action"],
            at=row["at"], coach_user_id=row["coach_user_id"], expires_at=row["expires_at"],
            permissions=Permissions(**row["permissions"]) if row["permissions"] is not None else None,
        ) for row in rows], total

    async def was_erased(self, insight_id: str) -> bool:
        # per-insight lock for the transaction: TranscriptReceived and InsightDeleted run on
        # separate consumers, and the check and the write must not interleave with an erasure
        await self._session.execute(select(func.pg_advisory_xact_lock(func.hashtext(insight_id))))
        return bool(await self._session.scalar(select(exists().where(
            audit.c.insight_id == insight_id, audit.c.action == "erased"))))

    async def keep_tombstone_only(self, insight_id: str) -> None:
        await self._session.execute(delete(audit).where(audit.c.insight_id == insight_id, audit.c.action != "erased"))

    async def forget_user(self, user_id: str, replacement: str) -> None:
        for column in (audit.c.actor_user_id, audit.c.coach_user_id):
            await self._session.execute(update(audit).where(column == user_id).values({column.name: replacement}))

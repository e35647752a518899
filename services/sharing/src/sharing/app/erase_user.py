"""Operator erasure of a user, sharing's part. Insights the user owns as a client are
erased through ingestion (InsightDeleted reaches us like any deletion); here the user as
a coach loses every grant (InsightShareRevoked, so the insights projection drops them too),
their comments go, and the audit trail no longer names them."""

from dataclasses import dataclass

from contracts import InsightShareRevoked
from sharing.ports import Clock, UnitOfWork

ERASED_USER = "erased-user"


@dataclass(frozen=True)
class UserErased:
    grants_revoked: int
    comments_deleted: int


async def erase_user(user_id: str, uow: UnitOfWork, clock: Clock) -> UserErased:
    now = clock()
    async with uow:
        grants = await uow.grants.for_coach(user_id)
        for grant in grants:
            owner = await uow.insights.get(grant.insight_id)
            version = await uow.grants.next_version(grant.insight_id, user_id)
            await uow.grants.delete(grant.insight_id, user_id)
            await uow.emit(InsightShareRevoked(
                insight_id=grant.insight_id, coach_user_id=user_id, occurred_at=now, version=version,
                owner_user_id=owner.owner_user_id if owner else ERASED_USER,
                client_user_id=owner.owner_user_id if owner else None))
        comments = await uow.comments.delete_by_author(user_id)
        await uow.audit.forget_user(user_id, ERASED_USER)
        await uow.commit()
    return UserErased(grants_revoked=len(grants), comments_deleted=comments)

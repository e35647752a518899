"""The owner takes a coach's access away: grant removed, audit entry and
InsightShareRevoked commit together."""

from contracts import InsightShareRevoked
from sharing.domain.errors import NotFound
from sharing.domain.model import AuditEntry
from sharing.domain.rules import owned_by
from sharing.ports import Clock, UnitOfWork


async def revoke_share(insight_id: str, coach_user_id: str, owner_user_id: str, uow: UnitOfWork,
                       clock: Clock) -> None:
    now = clock()
    async with uow:
        owned_by(await uow.insights.get(insight_id), owner_user_id)
        version = await uow.grants.next_version(insight_id, coach_user_id)  # locks the pair first
        grant = await uow.grants.get(insight_id, coach_user_id)
        if grant is None:
            raise NotFound("this insight is not shared with that coach")
        await uow.grants.delete(insight_id, coach_user_id)
        await uow.audit.append(AuditEntry(
            insight_id=insight_id, actor_user_id=owner_user_id, action="revoked", at=now,
            coach_user_id=coach_user_id, permissions=grant.permissions, expires_at=grant.expires_at,
        ))
        await uow.emit(InsightShareRevoked(
            insight_id=insight_id, owner_user_id=owner_user_id, client_user_id=owner_user_id,
            coach_user_id=coach_user_id, occurred_at=now,
            version=version,
        ))
        await uow.commit()

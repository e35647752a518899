"""The owner shares an unpaired insight with a coach (or changes an existing share):
grant, audit entry and InsightShared commit together."""

from dataclasses import dataclass
from datetime import datetime

from contracts import InsightShared, SharePermissions
from sharing.domain.model import AuditEntry, Grant, Permissions
from sharing.domain.rules import check_coach, check_expiry, owned_by, shareable
from sharing.ports import Clock, UnitOfWork


@dataclass(frozen=True)
class ShareInsight:
    insight_id: str
    owner_user_id: str  # the caller
    coach_user_id: str
    permissions: Permissions = Permissions()
    expires_at: datetime | None = None


async def share_insight(cmd: ShareInsight, uow: UnitOfWork, clock: Clock) -> Grant:
    now = clock()
    coach = check_coach(cmd.owner_user_id, cmd.coach_user_id)
    expires_at = check_expiry(cmd.expires_at, now)
    permissions = cmd.permissions.with_view()
    async with uow:
        shareable(owned_by(await uow.insights.get(cmd.insight_id), cmd.owner_user_id))
        version = await uow.grants.next_version(cmd.insight_id, coach)  # locks the pair first
        current = await uow.grants.get(cmd.insight_id, coach)
        if current and not current.active_at(now):
            current = None  # an expired grant is gone: sharing again is a new grant
        if current and (current.permissions, current.expires_at) == (permissions, expires_at):
            return current  # nothing changes: no audit noise, no event
        grant = Grant(
            insight_id=cmd.insight_id, coach_user_id=coach, permissions=permissions,
            granted_at=current.granted_at if current else now, updated_at=now, expires_at=expires_at,
        )
        await uow.grants.save(grant)
        await uow.audit.append(AuditEntry(
            insight_id=cmd.insight_id, actor_user_id=cmd.owner_user_id,
            action="updated" if current else "granted", at=now,
            coach_user_id=coach, permissions=permissions, expires_at=expires_at,
        ))
        await uow.emit(InsightShared(
            insight_id=cmd.insight_id, owner_user_id=cmd.owner_user_id, client_user_id=cmd.owner_user_id,
            coach_user_id=coach, permissions=SharePermissions(view=permissions.view, comment=permissions.comment,
                                         export=permissions.export),
            expires_at=expires_at, occurred_at=now, version=version,
        ))
        await uow.commit()
    return grant

"""The owner's view of an insight's sharing: who can see it now, and who did what when."""

from dataclasses import dataclass

from sharing.domain.model import AuditEntry, Grant, Page
from sharing.domain.rules import owned_by
from sharing.ports import Clock, UnitOfWork


@dataclass(frozen=True)
class Shares:
    insight_id: str
    grants: list[Grant]  # current only: expired grants no longer give access
    audit: list[AuditEntry]  # one page, oldest first
    audit_total_count: int = 0


async def list_shares(insight_id: str, owner_user_id: str, uow: UnitOfWork, clock: Clock,
                      page: Page = Page()) -> Shares:
    """Every current grant (one per coach); the audit trail a page at a time."""
    now = clock()
    async with uow:
        owned_by(await uow.insights.get(insight_id), owner_user_id)
        grants = await uow.grants.for_insight(insight_id)
        audit, total = await uow.audit.for_insight(insight_id, page)
    return Shares(insight_id=insight_id, grants=[g for g in grants if g.active_at(now)], audit=audit,
                  audit_total_count=total)

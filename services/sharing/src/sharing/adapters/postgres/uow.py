from chassis.uow import SqlaUnitOfWork

from sharing.adapters.postgres.repositories import (
    SqlaAuditLog,
    SqlaCommentRepository,
    SqlaGrantRepository,
    SqlaOwnershipRepository,
)
from sharing.ports import UnitOfWork


class SharingUnitOfWork(SqlaUnitOfWork, UnitOfWork):
    async def __aenter__(self) -> "SharingUnitOfWork":
        await super().__aenter__()
        self.insights = SqlaOwnershipRepository(self.session)
        self.grants = SqlaGrantRepository(self.session)
        self.audit = SqlaAuditLog(self.session)
        self.comments = SqlaCommentRepository(self.session)
        return self

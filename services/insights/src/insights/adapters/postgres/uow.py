from chassis.uow import SqlaUnitOfWork

from insights.adapters.postgres.projection import SqlaInsightProjection
from insights.ports import UnitOfWork


class InsightsUnitOfWork(SqlaUnitOfWork, UnitOfWork):
    async def __aenter__(self) -> "InsightsUnitOfWork":
        await super().__aenter__()
        self.projection = SqlaInsightProjection(self.session)
        return self

from dataclasses import asdict

from chassis.uow import SqlaUnitOfWork
from sqlalchemy import delete, select

from analysis.adapters.postgres.tables import analysis_runs, inbox
from analysis.domain.model import AnalysisRun
from analysis.ports import AnalysisRunRepository, UnitOfWork


class SqlaAnalysisRunRepository(AnalysisRunRepository):
    def __init__(self, session) -> None:
        self._session = session

    async def add(self, run: AnalysisRun) -> None:
        await self._session.execute(analysis_runs.insert().values(**asdict(run)))

    async def delete_for(self, insight_id: str) -> None:
        await self._session.execute(delete(analysis_runs).where(analysis_runs.c.insight_id == insight_id))


class AnalysisUnitOfWork(SqlaUnitOfWork, UnitOfWork):
    async def __aenter__(self) -> "AnalysisUnitOfWork":
        await super().__aenter__()
        self.runs = SqlaAnalysisRunRepository(self.session)
        return self

    async def already_handled(self, event_id: str) -> bool:
        found = await self.session.execute(select(inbox.c.event_id).where(inbox.c.event_id == event_id))
        return found.first() is not None

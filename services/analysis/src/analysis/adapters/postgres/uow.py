from dataclasses import asdict
from datetime import UTC, datetime

import msgspec
from chassis.uow import SqlaUnitOfWork
from sqlalchemy import delete, exists, func, select, text
from sqlalchemy.dialects.postgresql import insert

from analysis.adapters.postgres.tables import analysis_runs, erasures, inbox, transcripts
from analysis.domain.model import AnalysisRun
from analysis.ports import AnalysisRunRepository, TranscriptCopies, UnitOfWork
from contracts import TranscriptReceived

_decoder = msgspec.json.Decoder(TranscriptReceived)


class SqlaAnalysisRunRepository(AnalysisRunRepository):
    def __init__(self, session, worker: str | None) -> None:
        self._session = session
        self._worker = worker

    async def add(self, run: AnalysisRun) -> None:
        await self._session.execute(analysis_runs.insert().values(**asdict(run), worker=self._worker))

    async def last_attempt(self, insight_id: str) -> int:
        found = await self._session.execute(
            select(func.coalesce(func.max(analysis_runs.c.attempt), 0)).where(analysis_runs.c.insight_id == insight_id))
        return found.scalar_one()

    async def delete_for(self, insight_id: str) -> None:
        await self._session.execute(delete(analysis_runs).where(analysis_runs.c.insight_id == insight_id))


class SqlaTranscriptCopies(TranscriptCopies):
    def __init__(self, session) -> None:
        self._session = session

    async def keep(self, event: TranscriptReceived) -> bool:
        if await self.is_erased(event.insight_id):
            return False
        await self._session.execute(insert(transcripts).values(
            insight_id=event.insight_id, event_id=event.event_id, payload=msgspec.json.encode(event),
            received_at=datetime.now(UTC)).on_conflict_do_nothing(index_elements=["insight_id"]))
        return True

    async def get(self, insight_id: str) -> TranscriptReceived | None:
        found = await self._session.execute(select(transcripts.c.payload).where(transcripts.c.insight_id == insight_id))
        payload = found.scalar_one_or_none()
        return _decoder.decode(payload) if payload is not None else None

    async def erase(self, insight_id: str) -> None:
        await self._session.execute(delete(transcripts).where(transcripts.c.insight_id == insight_id))
        await self._session.execute(insert(erasures).values(insight_id=insight_id, erased_at=datetime.now(UTC))
                                    .on_conflict_do_nothing(index_elements=["insight_id"]))

    async def is_erased(self, insight_id: str) -> bool:
        found = await self._session.execute(select(exists().where(erasures.c.insight_id == insight_id)))
        return bool(found.scalar())


class AnalysisUnitOfWork(SqlaUnitOfWork, UnitOfWork):
    def __init__(self, *args, worker: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._worker = worker

    async def __aenter__(self) -> "AnalysisUnitOfWork":
        await super().__aenter__()
        self.runs = SqlaAnalysisRunRepository(self.session, self._worker)
        self.transcripts = SqlaTranscriptCopies(self.session)
        return self

    async def already_handled(self, event_id: str) -> bool:
        found = await self.session.execute(select(inbox.c.event_id).where(inbox.c.event_id == event_id))
        return found.first() is not None

    async def lock_insight(self, insight_id: str) -> None:
        # a transaction-scoped advisory lock: released by the commit or rollback
        await self.session.execute(text("select pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                                   {"key": f"analysis.insight:{insight_id}"})

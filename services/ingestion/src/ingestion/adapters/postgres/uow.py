from chassis.uow import SqlaUnitOfWork

from ingestion.adapters.postgres.repositories import (
    SqlaRelationshipRepository,
    SqlaTranscriptRepository,
)
from ingestion.ports import UnitOfWork


class IngestionUnitOfWork(SqlaUnitOfWork, UnitOfWork):
    async def __aenter__(self) -> "IngestionUnitOfWork":
        await super().__aenter__()
        self.transcripts = SqlaTranscriptRepository(self.session)
        self.relationships = SqlaRelationshipRepository(self.session)
        return self

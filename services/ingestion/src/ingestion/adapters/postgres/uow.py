from chassis.uow import SqlaUnitOfWork

from ingestion.adapters.postgres.repositories import (
    SqlaIdempotencyKeys,
    SqlaRelationshipRepository,
    SqlaTranscriptRepository,
)
from ingestion.app.idempotency import IdempotentUnitOfWork


class IngestionUnitOfWork(SqlaUnitOfWork, IdempotentUnitOfWork):
    async def __aenter__(self) -> "IngestionUnitOfWork":
        await super().__aenter__()
        self.transcripts = SqlaTranscriptRepository(self.session)
        self.relationships = SqlaRelationshipRepository(self.session)
        self.idempotency_keys = SqlaIdempotencyKeys(self.session)
        return self

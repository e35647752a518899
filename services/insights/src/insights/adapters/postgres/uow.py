from chassis.uow import SqlaUnitOfWork

from insights.adapters.embeddings import WordLlamaEmbedder
from insights.adapters.postgres.projection import SqlaInsightProjection
from insights.ports import Embedder, UnitOfWork


class InsightsUnitOfWork(SqlaUnitOfWork, UnitOfWork):
    def __init__(self, *args, embedder: Embedder | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._embedder = embedder or WordLlamaEmbedder()

    async def __aenter__(self) -> "InsightsUnitOfWork":
        await super().__aenter__()
        self.projection = SqlaInsightProjection(self.session, self._embedder)
        return self

from ingestion.domain.model import Relationship, StoredTranscript
from ingestion.ports import RelationshipRepository, TranscriptRepository, UnitOfWork


class FakeTranscripts(TranscriptRepository):
    def __init__(self) -> None:
        self.rows: dict[str, StoredTranscript] = {}

    async def add(self, transcript: StoredTranscript) -> None:
        self.rows[transcript.id] = transcript

    async def get(self, transcript_id: str) -> StoredTranscript | None:
        return self.rows.get(transcript_id)

    async def delete(self, transcript_id: str) -> None:
        self.rows.pop(transcript_id, None)


class FakeRelationships(RelationshipRepository):
    def __init__(self, *relationships: Relationship) -> None:
        self.rows = {r.relationship_id: r for r in relationships}

    async def get(self, relationship_id: str) -> Relationship | None:
        return self.rows.get(relationship_id)

    async def upsert(self, relationship: Relationship) -> None:
        self.rows[relationship.relationship_id] = relationship


class FakeUnitOfWork(UnitOfWork):
    """Stages changes and applies them only on commit, like the real one."""

    def __init__(self, *relationships: Relationship) -> None:
        self.transcripts = FakeTranscripts()
        self.relationships = FakeRelationships(*relationships)
        self.handled: set[str] = set()
        self.emitted: list = []
        self._pending: list = []
        self.commits = 0

    async def __aenter__(self) -> "FakeUnitOfWork":
        self._pending = []
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._pending = []

    async def first_time(self, event_id: str, subject: str) -> bool:
        if event_id in self.handled:
            return False
        self.handled.add(event_id)
        return True

    async def emit(self, event) -> None:
        self._pending.append(event)

    async def commit(self) -> None:
        self.emitted.extend(self._pending)
        self._pending = []
        self.commits += 1

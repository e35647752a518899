"""Explicit row <-> domain mapping (no ORM objects leave this module)."""

from datetime import datetime

import msgspec
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts import Transcript
from ingestion.adapters.postgres.tables import idempotency_keys, relationships, transcripts
from ingestion.app.idempotency import IdempotencyClaim, IdempotencyKeys, KeyTaken
from ingestion.domain.model import Relationship, StoredTranscript
from ingestion.ports import RelationshipRepository, TranscriptRepository


class SqlaTranscriptRepository(TranscriptRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, t: StoredTranscript) -> None:
        await self._session.execute(transcripts.insert().values(
            id=t.id, client_user_id=t.client_user_id, coach_user_id=t.coach_user_id,
            coaching_relationship_id=t.coaching_relationship_id, created_by=t.created_by,
            is_unpaired=t.is_unpaired, transcript_source=t.transcript_source,
            source_format=t.transcript.source_format, source_filename=t.source_filename,
            session_date=t.session_date, session_title=t.session_title,
            word_count=t.transcript.word_count, transcript=msgspec.to_builtins(t.transcript),
            created_at=t.created_at,
        ))

    async def get(self, transcript_id: str) -> StoredTranscript | None:
        row = (await self._session.execute(
            select(transcripts).where(transcripts.c.id == transcript_id))).mappings().first()
        if row is None:
            return None
        return StoredTranscript(
            id=row["id"], client_user_id=row["client_user_id"], coach_user_id=row["coach_user_id"],
            coaching_relationship_id=row["coaching_relationship_id"], created_by=row["created_by"],
            is_unpaired=row["is_unpaired"], transcript_source=row["transcript_source"],
            transcript=msgspec.convert(row["transcript"], Transcript), created_at=row["created_at"],
            session_date=row["session_date"], session_title=row["session_title"],
            source_filename=row["source_filename"],
        )

    async def delete(self, transcript_id: str) -> None:
        await self._session.execute(delete(transcripts).where(transcripts.c.id == transcript_id))


class SqlaRelationshipRepository(RelationshipRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, relationship_id: str) -> Relationship | None:
        row = (await self._session.execute(
            select(relationships).where(relationships.c.relationship_id == relationship_id))).mappings().first()
        return Relationship(**row) if row else None

    async def upsert(self, r: Relationship) -> None:
        values = {"relationship_id": r.relationship_id, "coach_user_id": r.coach_user_id,
                  "client_user_id": r.client_user_id, "status": r.status, "coach_name": r.coach_name,
                  "client_name": r.client_name, "changed_at": r.changed_at}
        stmt = insert(relationships).values(**values)
        # events may arrive out of order: an older change never overwrites a newer one
        await self._session.execute(stmt.on_conflict_do_update(
            index_elements=["relationship_id"],
            set_={k: stmt.excluded[k] for k in values if k != "relationship_id"},
            where=relationships.c.changed_at.is_(None) | (relationships.c.changed_at <= stmt.excluded.changed_at),
        ))


class SqlaIdempotencyKeys(IdempotencyKeys):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, user_id: str, key: str, since: datetime) -> tuple[str, str] | None:
        k = idempotency_keys.c
        row = (await self._session.execute(
            select(k.fingerprint, k.transcript_id).where(k.user_id == user_id, k.key == key, k.created_at >= since)
        )).first()
        return (row.fingerprint, row.transcript_id) if row else None

    async def add(self, claim: IdempotencyClaim, transcript_id: str, now: datetime, expired_before: datetime) -> None:
        stmt = insert(idempotency_keys).values(user_id=claim.user_id, key=claim.key, fingerprint=claim.fingerprint,
                                               transcript_id=transcript_id, created_at=now)
        # A concurrent holder of the key makes this wait for its commit, then do nothing:
        # no row back means someone else's result stands. An expired key is simply replaced.
        stmt = stmt.on_conflict_do_update(
            index_elements=["user_id", "key"],
            set_={c: stmt.excluded[c] for c in ("fingerprint", "transcript_id", "created_at")},
            where=idempotency_keys.c.created_at < expired_before,
        ).returning(idempotency_keys.c.key)
        if (await self._session.execute(stmt)).first() is None:
            raise KeyTaken(claim.key)

    async def purge(self, expired_before: datetime) -> int:
        result = await self._session.execute(
            delete(idempotency_keys).where(idempotency_keys.c.created_at < expired_before))
        return result.rowcount or 0

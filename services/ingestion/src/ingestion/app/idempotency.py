"""Idempotency-Key on the create endpoints: a retried POST gets the first result, not a
second insight. Keys are per (user, key), kept for KEEP_FOR (24 h, then the key may be
reused), written in the same transaction as the transcript, and erased with it."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import msgspec

from ingestion.domain.errors import IngestionError
from ingestion.domain.model import StoredTranscript
from ingestion.ports import UnitOfWork

KEEP_FOR = timedelta(hours=24)
MAX_KEY_CHARS = 255


class IdempotencyKeyReused(IngestionError):
    code = "idempotency_key_reused"
    status = 409


class InvalidIdempotencyKey(IngestionError):
    code = "invalid_idempotency_key"
    status = 400


class KeyTaken(Exception):
    """A concurrent request committed the same key first; its result wins."""


@dataclass(frozen=True)
class IdempotencyClaim:
    user_id: str
    key: str
    fingerprint: str  # what was asked for: the same key with another request is refused


class IdempotencyKeys(Protocol):
    async def find(self, user_id: str, key: str, since: datetime) -> tuple[str, str] | None:
        """(fingerprint, transcript_id) of a key used since `since`."""

    async def add(self, claim: IdempotencyClaim, transcript_id: str, now: datetime, expired_before: datetime) -> None:
        """Record the key (replacing an expired one); raises KeyTaken if a live one exists."""

    async def purge(self, expired_before: datetime) -> int: ...


class IdempotentUnitOfWork(UnitOfWork, Protocol):
    idempotency_keys: IdempotencyKeys


def claim_for(user_id: str, key: str | None, *parts: object) -> IdempotencyClaim | None:
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_CHARS or not key.isascii() or not key.isprintable():
        raise InvalidIdempotencyKey(f"Idempotency-Key must be 1-{MAX_KEY_CHARS} printable ASCII characters")
    digest = hashlib.sha256(msgspec.json.encode(parts, order="sorted")).hexdigest()
    return IdempotencyClaim(user_id=user_id, key=key, fingerprint=digest)


async def earlier_result(claim: IdempotencyClaim, uow: IdempotentUnitOfWork) -> StoredTranscript | None:
    """The transcript a live key already made, or None if the key is new."""
    async with uow:
        found = await uow.idempotency_keys.find(claim.user_id, claim.key, datetime.now(UTC) - KEEP_FOR)
        if found is None:
            return None
        fingerprint, transcript_id = found
        if fingerprint != claim.fingerprint:
            raise IdempotencyKeyReused("this Idempotency-Key was already used for a different request")
        return await uow.transcripts.get(transcript_id)


async def remember(claim: IdempotencyClaim | None, transcript_id: str, uow: IdempotentUnitOfWork) -> None:
    if claim is not None:
        now = datetime.now(UTC)
        await uow.idempotency_keys.add(claim, transcript_id, now, now - KEEP_FOR)


async def purge_expired(uow: IdempotentUnitOfWork) -> int:
    async with uow:
        purged = await uow.idempotency_keys.purge(datetime.now(UTC) - KEEP_FOR)
        await uow.commit()
    return purged

"""A retried create with the same Idempotency-Key returns the first transcript."""

from datetime import datetime

import pytest
from ingestion.app.idempotency import IdempotencyClaim, IdempotencyKeyReused, InvalidIdempotencyKey, KeyTaken, claim_for
from ingestion.app.submit_transcript import SubmitTranscript, submit_once
from ingestion.domain.text_transcript import parse_labelled_text

from ..fakes import FakeUnitOfWork

TEXT = "Coach: What would you like to explore?\nClient: I will call my sister by Friday.\n"


class FakeIdempotencyKeys:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], tuple[str, str, datetime]] = {}
        self.taken_by_someone_else: tuple[str, str] | None = None

    async def find(self, user_id: str, key: str, since: datetime) -> tuple[str, str] | None:
        row = self.rows.get((user_id, key))
        return (row[0], row[1]) if row and row[2] >= since else None

    async def add(self, claim: IdempotencyClaim, transcript_id: str, now: datetime, expired_before: datetime) -> None:
        if self.taken_by_someone_else:  # a concurrent request commits first
            self.rows[(claim.user_id, claim.key)] = (*self.taken_by_someone_else, now)
            raise KeyTaken(claim.key)
        row = self.rows.get((claim.user_id, claim.key))
        if row and row[2] >= expired_before:
            raise KeyTaken(claim.key)
        self.rows[(claim.user_id, claim.key)] = (claim.fingerprint, transcript_id, now)

    async def purge(self, expired_before: datetime) -> int:
        return 0


class IdempotentFakeUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.idempotency_keys = FakeIdempotencyKeys()


def ids():
    counter = iter(range(100))
    return lambda: f"id-{next(counter)}"


def command(text: str = TEXT) -> SubmitTranscript:
    return SubmitTranscript(uploader_id="client-1", turns=parse_labelled_text(text), source_format="text",
                            transcript_source="text_input")


async def test_a_retry_returns_the_first_transcript_and_announces_it_once():
    uow, new_id = IdempotentFakeUnitOfWork(), ids()
    claim = claim_for("client-1", "key-1", "/v1/transcripts/unpaired/from-text", {"transcript_text": TEXT})
    first = await submit_once(command(), lambda: uow, new_id, claim)
    again = await submit_once(command(), lambda: uow, new_id, claim)
    assert again == first and list(uow.transcripts.rows) == [first.id] and len(uow.emitted) == 1


async def test_the_same_key_with_another_request_is_refused():
    uow, new_id = IdempotentFakeUnitOfWork(), ids()
    await submit_once(command(), lambda: uow, new_id, claim_for("client-1", "key-1", "a"))
    with pytest.raises(IdempotencyKeyReused):
        await submit_once(command(), lambda: uow, new_id, claim_for("client-1", "key-1", "b"))
    assert len(uow.transcripts.rows) == 1


async def test_keys_are_per_user():
    uow, new_id = IdempotentFakeUnitOfWork(), ids()
    mine = await submit_once(command(), lambda: uow, new_id, claim_for("client-1", "key-1", "a"))
    theirs = await submit_once(command(), lambda: uow, new_id, claim_for("client-2", "key-1", "a"))
    assert mine.id != theirs.id


async def test_a_concurrent_retry_that_commits_first_wins():
    uow, new_id = IdempotentFakeUnitOfWork(), ids()
    first = await submit_once(command(), lambda: uow, new_id, None)
    claim = claim_for("client-1", "key-1", "a")
    uow.idempotency_keys.taken_by_someone_else = (claim.fingerprint, first.id)
    assert await submit_once(command(), lambda: uow, new_id, claim) == first


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve", "tab\there"])
def test_a_malformed_key_is_refused(key):
    with pytest.raises(InvalidIdempotencyKey):
        claim_for("client-1", key, "a")


def test_no_key_no_claim():
    assert claim_for("client-1", None, "a") is None

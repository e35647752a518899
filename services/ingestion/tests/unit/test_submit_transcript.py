import pytest
from ingestion.app.delete_transcript import delete_transcript
from ingestion.app.submit_transcript import SubmitTranscript, submit_transcript
from ingestion.domain.errors import InvalidSessionDate, NotFound, NoWordsFound
from ingestion.domain.model import Relationship
from ingestion.domain.text_transcript import parse_labelled_text

from contracts import InsightDeleted, TranscriptReceived

from ..fakes import FakeUnitOfWork

TEXT = "Coach: What would you like to explore?\nClient: I will call my sister by Friday.\n"
RELATIONSHIP = Relationship(relationship_id="rel-1", coach_user_id="coach-1", client_user_id="client-1",
                            status="active", coach_name="Maya Chen", client_name="Daniel Ortiz")


def command(uploader: str = "client-1", text: str = TEXT, **kwargs) -> SubmitTranscript:
    return SubmitTranscript(uploader_id=uploader, turns=parse_labelled_text(text), source_format="text",
                            transcript_source="text_input", **kwargs)


async def test_unpaired_submission_is_stored_and_announced_in_one_commit():
    uow = FakeUnitOfWork()
    stored = await submit_transcript(command(session_date="2026-03-01"), uow, lambda: "id-1")
    assert stored.is_unpaired and stored.client_user_id == "client-1" and stored.coach_user_id is None
    assert uow.transcripts.rows["id-1"] == stored
    [event] = uow.emitted
    assert isinstance(event, TranscriptReceived) and event.insight_id == "id-1"
    assert [t.role for t in event.transcript.turns] == ["coach", "client"]
    assert event.session_date.isoformat().startswith("2026-03-01")


async def test_paired_submission_takes_client_and_coach_from_the_relationship():
    uow = FakeUnitOfWork(RELATIONSHIP)
    text = "Maya: How did the week go?\nDaniel: Better than I hoped, I finally spoke up in the meeting."
    stored = await submit_transcript(command("coach-1", text, coaching_relationship_id="rel-1"), uow, lambda: "id-2")
    assert (stored.client_user_id, stored.coach_user_id, stored.is_unpaired) == ("client-1", "coach-1", False)
    assert {s.speaker: (s.role, s.decided_by) for s in stored.transcript.speakers} == {
        "Maya": ("coach", "relationship"), "Daniel": ("client", "relationship")}


@pytest.mark.parametrize("uploader,relationship", [
    ("someone-else", RELATIONSHIP),
    ("client-1", Relationship("rel-1", "coach-1", "client-1", "ended")),
])
async def test_paired_submission_needs_an_active_relationship_of_the_uploader(uploader, relationship):
    uow = FakeUnitOfWork(relationship)
    with pytest.raises(NotFound):
        await submit_transcript(command(uploader, coaching_relationship_id="rel-1"), uow, lambda: "id-3")
    assert uow.transcripts.rows == {} and uow.emitted == []


async def test_bad_session_date_stores_nothing():
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidSessionDate):
        await submit_transcript(command(session_date="next tuesday"), uow, lambda: "id-4")
    assert uow.transcripts.rows == {} and uow.emitted == []


async def test_a_transcript_without_words_is_refused():
    with pytest.raises(NoWordsFound):
        await submit_transcript(command(text="Coach: ...\n"), FakeUnitOfWork(), lambda: "id-5")


async def test_delete_by_owner_emits_insight_deleted_and_others_get_not_found():
    uow = FakeUnitOfWork()
    await submit_transcript(command(), uow, lambda: "id-6")
    with pytest.raises(NotFound):
        await delete_transcript("id-6", "intruder", uow)
    await delete_transcript("id-6", "client-1", uow)
    assert "id-6" not in uow.transcripts.rows
    assert isinstance(uow.emitted[-1], InsightDeleted) and uow.emitted[-1].insight_id == "id-6"

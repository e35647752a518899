"""Uploaded files: extracted off the event loop, checked cheaply first, stored like text."""

from pathlib import Path

import pytest
from contracts.limits import MAX_TRANSCRIPT_CHARS
from ingestion.app.filenames import safe_filename
from ingestion.app.submit_upload import SubmitUpload, submit_upload
from ingestion.domain.errors import (
    ContentMismatch,
    CorruptFile,
    EmptyFile,
    InvalidSessionDate,
    TranscriptTooLong,
    UnsupportedFileType,
)
from ingestion.domain.text_transcript import parse_labelled_text
from ingestion.ports import ExtractedTranscript, Upload

from contracts import TranscriptReceived

from ..fakes import FakeUnitOfWork
from ..plain_text_extractor import PlainTextExtractor

TEXT = "Coach: What would you like to explore?\nClient: I will call my sister by Friday.\n"


class FakeExtractor:
    def __init__(self, text: str = TEXT, error: Exception | None = None) -> None:
        self.text, self.error, self.calls = text, error, 0

    def extract(self, upload: Upload) -> ExtractedTranscript:
        self.calls += 1
        if self.error:
            raise self.error
        return ExtractedTranscript(turns=parse_labelled_text(self.text), source_format="txt")


def upload(tmp_path: Path, content: bytes = TEXT.encode(), name: str = "session.txt") -> Upload:
    path = tmp_path / "spooled"
    path.write_bytes(content)
    return Upload(path=path, filename=name, content_type="text/plain", size=len(content))


async def test_a_file_is_stored_as_a_file_upload_with_its_safe_name(tmp_path):
    uow = FakeUnitOfWork()
    stored = await submit_upload(SubmitUpload(uploader_id="client-1", upload=upload(tmp_path), session_title="Week 3"),
                                 FakeExtractor(), lambda: uow, lambda: "id-1")
    assert stored.transcript_source == "file_upload" and stored.source_filename == "session.txt"
    [event] = uow.emitted
    assert isinstance(event, TranscriptReceived) and event.transcript.source_format == "txt"


@pytest.mark.parametrize("error", [UnsupportedFileType("x"), ContentMismatch("x"), CorruptFile("x")])
async def test_what_the_extractor_refuses_stores_nothing(tmp_path, error):
    uow = FakeUnitOfWork()
    with pytest.raises(type(error)):
        await submit_upload(SubmitUpload(uploader_id="client-1", upload=upload(tmp_path)),
                            FakeExtractor(error=error), lambda: uow, lambda: "id-1")
    assert uow.transcripts.rows == {} and uow.emitted == []


async def test_cheap_checks_come_before_extraction(tmp_path):
    extractor = FakeExtractor()
    with pytest.raises(InvalidSessionDate):
        await submit_upload(SubmitUpload(uploader_id="c", upload=upload(tmp_path), session_date="soonish"),
                            extractor, FakeUnitOfWork, lambda: "id-1")
    with pytest.raises(EmptyFile):
        await submit_upload(SubmitUpload(uploader_id="c", upload=upload(tmp_path, b"")),
                            extractor, FakeUnitOfWork, lambda: "id-1")
    assert extractor.calls == 0


async def test_extracted_text_over_the_event_limit_is_refused(tmp_path):
    long_text = "Client: " + "word " * (MAX_TRANSCRIPT_CHARS // 5 + 10)
    uow = FakeUnitOfWork()
    with pytest.raises(TranscriptTooLong):
        await submit_upload(SubmitUpload(uploader_id="c", upload=upload(tmp_path)), FakeExtractor(long_text),
                            lambda: uow, lambda: "id-1")
    assert uow.transcripts.rows == {}


@pytest.mark.parametrize("raw,safe", [
    ("notes.txt", "notes.txt"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\Session 1.docx", "Session 1.docx"),
    ("evil\x00name\r\n.txt", "evilname.txt"),
    ("\u202egnp.txt", "gnp.txt"),  # right-to-left override: would display as "txt.png"
    (".hidden.md", "hidden.md"),
    ("..", None),
    ("", None),
    (None, None),
    ("a" * 500 + ".pdf", "a" * 196 + ".pdf"),
])
def test_filenames_are_reduced_to_a_safe_basename(raw, safe):
    assert safe_filename(raw) == safe


@pytest.mark.parametrize("name,content,error", [
    ("talk.pdf", b"%PDF-1.7", UnsupportedFileType),
    ("talk", b"Coach: hi", UnsupportedFileType),
    ("talk.txt", b"\x89PNG\r\n\x1a\n\x00\x00", ContentMismatch),
    ("talk.txt", b"  \n ", EmptyFile),
])
def test_plain_text_fallback_refuses_what_it_cannot_read(tmp_path, name, content, error):
    with pytest.raises(error):
        PlainTextExtractor().extract(upload(tmp_path, content, name))


def test_plain_text_fallback_reads_utf8_and_windows_1252(tmp_path):
    extracted = PlainTextExtractor().extract(upload(tmp_path, "Coach: Café?\nClient: Oui.".encode("cp1252"), "a.md"))
    assert extracted.source_format == "md" and extracted.turns[0].text == "Café?"

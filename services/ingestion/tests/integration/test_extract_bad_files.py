"""Bad uploads, each built here, each refused with its own error class and a one-line message."""

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from ingestion.adapters.extractors import FileTextExtractor
from ingestion.domain.errors import (
    ArchiveBomb,
    ContentMismatch,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    NoWordsFound,
    TranscriptTooLong,
    UnsupportedFileType,
)
from ingestion.ports import Upload
from PIL import Image
from pypdf import PdfReader, PdfWriter

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.fixture(scope="module", autouse=True)
def _warm():
    FileTextExtractor.warm_up()


@pytest.fixture
def extract(tmp_path):
    def run(filename: str, data: bytes):
        path = tmp_path / "upload.bin"  # the client's name is never used as a path
        path.write_bytes(data)
        return FileTextExtractor().extract(Upload(path=path, filename=filename, content_type=None, size=len(data)))

    return run


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(SAMPLES / "session.pdf"))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _scanned_pdf() -> bytes:
    """A page that is only a picture (what a scanner makes): no text layer."""
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, format="PDF")
    return buffer.getvalue()


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_bytes("Coach: Hi."))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/padding.xml", bytes(60_000_000))  # 60 MB of zeros, ~60 KB packed
    return buffer.getvalue()


BAD_FILES = [
    ("empty.txt", b"", EmptyFile),
    ("blank.vtt", b"  \n\n ", EmptyFile),
    ("empty.pdf", b"", EmptyFile),
    ("photo.pdf", PNG, ContentMismatch),
    ("photo.txt", PNG, ContentMismatch),
    ("setup.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", ContentMismatch),
    ("nul.txt", b"Coach: Hello\x00\x00\x00Client: Hi", ContentMismatch),
    ("not-a-word-file.docx", None, ContentMismatch),  # a zip without word/document.xml
    ("plain.docx", b"Coach: this is text, not a Word file", ContentMismatch),
    ("legacy.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ContentMismatch),
    ("no-header.vtt", b"1\n00:00:01.000 --> 00:00:02.000\nCoach: Hi\n", ContentMismatch),
    ("no-timings.srt", b"Coach: Hi\nClient: Hello\n", ContentMismatch),
    ("setup.exe", b"MZ\x90\x00", UnsupportedFileType),
    ("transcript.rtf", b"{\\rtf1 Coach: Hi}", UnsupportedFileType),
    ("transcript", b"Coach: Hi", UnsupportedFileType),
    ("numbers.txt", b"00:01 00:02\n--- 12 ---\n", NoWordsFound),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", CorruptFile),
    ("cues.vtt", b"WEBVTT\n\nnot a cue at all\n", CorruptFile),
]


@pytest.mark.parametrize(("filename", "data", "error"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_raises_its_error(extract, filename, data, error):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("notes.txt", "Coach: Hi")
        data = buffer.getvalue()
    with pytest.raises(error) as caught:
        extract(filename, data)
    assert "\n" not in caught.value.message and caught.value.message


def test_truncated_docx_is_corrupt(extract):
    data = (SAMPLES / "credentialing-session.docx").read_bytes()
    with pytest.raises(CorruptFile):
        extract("cut.docx", data[: len(data) // 2])


def test_docx_with_a_broken_document_part_is_corrupt(extract):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(CorruptFile):
        extract("broken.docx", buffer.getvalue())


def test_password_protected_docx_is_encrypted(extract):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(EncryptedFile, match="password"):
        extract("secret.docx", ole)


def test_docx_bomb_is_refused_before_unstructured_inflates_it(extract):
    with pytest.raises(ArchiveBomb, match="limit is 50 MB"):
        extract("bomb.docx", _docx_bomb())


def test_pdf_with_a_user_password_is_encrypted(extract):
    with pytest.raises(EncryptedFile, match="password-protected"):
        extract("locked.pdf", _pdf_encrypted(user_password="secret"))


def test_pdf_with_only_an_owner_password_still_reads(extract):
    result = extract("restricted.pdf", _pdf_encrypted(user_password=""))
    assert [turn.speaker for turn in result.turns[:2]] == ["Coach", "Client"]


def test_scanned_pdf_without_a_text_layer_has_no_words(extract):
    with pytest.raises(NoWordsFound, match="scanned"):
        extract("scan.pdf", _scanned_pdf())


def test_docx_without_words(extract):
    with pytest.raises(NoWordsFound):
        extract("blank.docx", _docx_bytes("", "  ", "12:00"))


def test_text_over_the_limit_is_too_long(extract):
    line = "Client: " + "I keep thinking about the restructure and what it means for the team. " * 20 + "\n"
    with pytest.raises(TranscriptTooLong, match="200,000"):
        extract("huge.txt", (line * 200).encode())


def test_utf16_and_cp1252_text_files_read(extract):
    utf16 = extract("teams.txt", "Coach: How was the week?\nClient: Calmer — finally.\n".encode("utf-16"))
    cp1252 = extract("word.txt", "Coach: Où en êtes-vous?\r\nClient: “Better”, thanks.\r\n".encode("cp1252"))
    assert [t.text for t in utf16.turns] == ["How was the week?", "Calmer — finally."]
    assert [t.text for t in cp1252.turns] == ["Où en êtes-vous?", "“Better”, thanks."]


def test_a_path_in_the_filename_is_ignored(tmp_path):
    path = tmp_path / "spooled"
    shutil.copy(SAMPLES / "session.srt", path)
    upload = Upload(path=path, filename="../../../etc/passwd.SRT", content_type="text/plain", size=0)
    assert FileTextExtractor().extract(upload).source_format == "srt"


def test_a_document_too_big_to_fit_is_refused_before_it_is_parsed(tmp_path):
    """unstructured takes minutes on megabytes of docx; the size of word/document.xml says enough."""
    path = tmp_path / "upload.bin"
    path.write_bytes(_docx_bytes(*["Client: " + "I keep coming back to the same worry about the team. " * 5] * 400))
    extractor = FileTextExtractor(max_chars=5_000)
    with pytest.raises(TranscriptTooLong, match="before reading it"):
        extractor.extract(Upload(path=path, filename="long.docx", content_type=None, size=0))

"""Byte sniffing and the docx/pdf guards, without unstructured."""

import codecs
import io
import zipfile

import pytest
from ingestion.adapters.extractors import FileTextExtractor
from ingestion.adapters.extractors.docx_guard import DtdRefusingReader, check_docx_archive
from ingestion.adapters.extractors.file_text_extractor import extension
from ingestion.adapters.extractors.sniff import check_docx, check_pdf, check_text_kind, decode_text
from ingestion.domain.errors import ArchiveBomb, ContentMismatch, CorruptFile, EncryptedFile, EntityExpansion
from ingestion.ports import Upload

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.mark.parametrize(("name", "ext"), [
    ("Session.TXT", "txt"), ("../../etc/passwd.vtt", "vtt"), ("C:\\Users\\me\\notes.docx", "docx"),
    ("archive.tar.gz", "gz"), ("README", ""), ("page.htm", "html"), ("notes.markdown", "md"), ("trailing.pdf.", "pdf"),
])
def test_only_the_extension_of_the_name_is_used(name, ext):
    assert extension(name) == ext


@pytest.mark.parametrize(("data", "expected"), [
    ("Coach: Café ☕".encode(), "Coach: Café ☕"),
    (codecs.BOM_UTF8 + b"Coach: Hi", "Coach: Hi"),
    ("Coach: Hi ☕".encode("utf-16"), "Coach: Hi ☕"),  # Python writes a BOM
    ("Client: naïve – “quoted”".encode("cp1252"), "Client: naïve – “quoted”"),
])
def test_text_decodes_as_utf8_utf16_with_bom_or_cp1252(data, expected):
    assert decode_text("txt", data) == expected


@pytest.mark.parametrize("data", [PNG, b"MZ\x90\x00\x03\x00\x00\x00", b"Coach: hi\x00there", b"PK\x03\x04Coach: hi",
                                  b"%PDF-1.7 Coach: hi", b"x\x01\x02\x03\x04"])
def test_binary_content_named_as_text_is_a_mismatch(data):
    with pytest.raises(ContentMismatch):
        decode_text("txt", data)


def test_mismatch_messages_say_what_the_file_really_is():
    with pytest.raises(ContentMismatch, match="PNG image"):
        check_pdf(PNG)
    with pytest.raises(ContentMismatch, match="WEBVTT"):
        check_text_kind("vtt", "1\n00:00:01,000 --> 00:00:02,000\nHi")
    with pytest.raises(ContentMismatch, match="no HTML"):
        check_text_kind("html", "Coach: just text")


def test_ole_compound_file_named_docx_is_encrypted_or_legacy_doc():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    with pytest.raises(EncryptedFile, match="password"):
        check_docx(ole + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ContentMismatch, match="legacy Word"):
        check_docx(ole + "WordDocument".encode("utf-16-le"))


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


WORD_PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


def test_docx_guard_reads_only_the_zip_directory():
    check_docx_archive(_zip(WORD_PARTS), max_unpacked_bytes=50_000_000, max_ratio=100)
    with pytest.raises(ArchiveBomb, match="compressed"):
        check_docx_archive(_zip(WORD_PARTS | {"word/media/a.bin": bytes(5_000_000)}),
                           max_unpacked_bytes=50_000_000, max_ratio=100)
    with pytest.raises(ContentMismatch, match="word/document.xml"):
        check_docx_archive(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
                           max_unpacked_bytes=50_000_000, max_ratio=100)
    with pytest.raises(CorruptFile):
        check_docx_archive(_zip(WORD_PARTS)[:60], max_unpacked_bytes=50_000_000, max_ratio=100)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_a_dtd_split_across_reads_is_refused_before_the_read_that_completes_it(encoding):
    """The parser may get the start of a marker, never the whole of one."""
    xml = ('<?xml version="1.0"?><!-- ' + "padding " * 5000 + '--><!DOCTYPE w:document [<!ENTITY a "b">]>'
           '<w:document/>').encode(encoding)
    reader = DtdRefusingReader(io.BytesIO(xml), "word/document.xml")
    given = b""
    with pytest.raises(EntityExpansion, match="word/document.xml"):
        while chunk := reader.read(7):  # every marker straddles some read
            given += chunk
    assert "padding -->" in given.decode(encoding, "ignore") and "<!DOCTYPE" not in given.decode(encoding, "ignore")


UTF16_UPLOADS = {
    "txt": "Coach: What would make today useful?\r\nClient: Café first – then “the plan”.\r\n",
    "srt": "1\n00:00:01,000 --> 00:00:04,000\nCoach: What would make today useful?\n\n"
           "2\n00:00:05,000 --> 00:00:09,000\nClient: Café first – then “the plan”.\n",
    "vtt": "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Coach>What would make today useful?\n\n"
           "00:05.000 --> 00:09.000\n<v Client>Café first – then “the plan”.\n",
}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("ext", sorted(UTF16_UPLOADS))
def test_a_utf16_upload_without_a_bom_gives_its_turns(tmp_path, ext, encoding):
    path = tmp_path / f"session.{ext}"
    path.write_bytes(UTF16_UPLOADS[ext].encode(encoding))
    result = FileTextExtractor().extract(Upload(path=path, filename=path.name, content_type=None,
                                                size=path.stat().st_size))
    assert [(t.speaker, t.text) for t in result.turns] == [
        ("Coach", "What would make today useful?"), ("Client", "Café first – then “the plan”.")]


@pytest.mark.parametrize("data", [
    "Coach: Hi".encode("utf-16-le") + b"\x00",  # an odd number of bytes
    "Coach: Hi ".encode("utf-16-le") + b"\x00\xd8",  # an unpaired surrogate at the end
    "Coach: Hi".encode("utf-16-le") + bytes(2) + "there".encode("utf-16-le"),  # a NUL character
    b"\x05\x00\x07\x00\x01\x00\x10\x00" * 64,  # 16-bit numbers: the NULs of UTF-16, but control characters
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",  # NULs in both halves of the pairs
    bytes(range(256)) * 16,
])
def test_binary_data_with_nul_bytes_is_still_no_text(data):
    with pytest.raises(ContentMismatch, match="binary data|executable"):
        decode_text("txt", data)

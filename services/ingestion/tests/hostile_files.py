"""Hostile uploads, each built here in memory (no file of the corpus is stored in the repository),
with the refusal each must get: `HOSTILE` lists (name, filename, bytes, status, code).

Used by tests/integration/test_hostile_uploads.py and by bench/bad_files.py (peak memory)."""

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from contracts.limits import MAX_UPLOAD_BYTES

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
GiB = 2**30


def flate_bomb(inflated_bytes: int, segment: int = 1 << 20) -> bytes:
    """A zlib stream of `inflated_bytes` zeros, about 1000 times smaller, built in well under a
    second: a full flush resets the compressor, so one compressed MiB repeats verbatim."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(bytes(segment)) + raw.flush(zlib.Z_FULL_FLUSH)
    count = inflated_bytes // segment
    adler = 1
    zeros = bytes(segment)
    for _ in range(count):
        adler = zlib.adler32(zeros, adler)
    return b"\x78\xda" + block * count + raw.flush(zlib.Z_FINISH) + struct.pack(">I", adler)


def pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object 1 is the catalog), with a correct xref table."""
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"/Filter /FlateDecode") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def pdf_bomb(inflated_bytes: int = 2 * GiB, streams: int = 1) -> bytes:
    """One page whose content streams (`streams` of them) inflate to `inflated_bytes` in all."""
    contents = [_stream(flate_bomb(inflated_bytes // streams)) for _ in range(streams)]
    refs = b" ".join(b"%d 0 R" % (4 + i) for i in range(streams))
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [%s] >>" % refs,
        *contents,
    ])


def pdf_xobject_bomb(inflated_bytes: int = 2 * GiB) -> bytes:
    """A page that draws a form XObject whose stream inflates to `inflated_bytes`: the page's
    own content is tiny, so only a bound on the reader's memory stops it."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(b"/X0 Do", b""),
        _stream(flate_bomb(inflated_bytes), b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode"),
    ])


def text_pdf(text: str = "Coach: What would make today useful?") -> bytes:
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(content, b""),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def docx(*paragraphs: str) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_with(replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx("Coach: How was the week?", "Client: Calmer."))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item.filename, (replace or {}).get(item.filename, source.read(item)))
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return buffer.getvalue()


def docx_zip_bomb() -> bytes:
    return _docx_with(add={"word/media/padding.xml": bytes(60_000_000)})  # 60 MB of zeros, ~60 KB packed


def docx_billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    document = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY lol0 "lol">{entities}]>\n'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body><w:p><w:r><w:t>Coach: &lol9;</w:t></w:r></w:p></w:body></w:document>')
    return _docx_with(replace={"word/document.xml": document.encode()})


def pdf_that_is_a_zip() -> bytes:
    """A valid PDF with a zip archive appended: PDF readers read it from the top, zip readers
    from the end."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("payload.html", "<script>alert(1)</script>")
    return text_pdf() + archive.getvalue()


def zip_that_starts_like_a_pdf() -> bytes:
    """A zip whose first stored member begins with a PDF header within the first kilobyte."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        out.writestr("a.pdf", text_pdf())
    return archive.getvalue()


def docx_that_is_a_pdf() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(zipfile.ZipInfo("%PDF-1.4"), b"")  # the header in the first member's name
        with zipfile.ZipFile(io.BytesIO(docx("Coach: Hello."))) as source:
            for item in source.infolist():
                out.writestr(item.filename, source.read(item))
    return archive.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(SAMPLES / "session.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_docx() -> bytes:
    """What Word saves with a password: an OLE compound file holding an EncryptedPackage stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500)


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def short_lines_text(size: int = MAX_UPLOAD_BYTES) -> bytes:
    return ("Coach: hi\n" + "ok\n" * (size // 3)).encode()[:size]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + bytes(64)

HOSTILE: list[tuple[str, str, Callable[[], bytes], int, str]] = [
    ("docx zip bomb (60 MB of zeros in 60 KB)", "bomb.docx", docx_zip_bomb, 422, "archive_too_large"),
    ("pdf bomb (2 GiB of zeros in 2 MB, one stream)", "bomb.pdf", pdf_bomb, 422, "decompression_bomb"),
    ("pdf bomb (2 GiB in 16 streams)", "bombs.pdf", lambda: pdf_bomb(streams=16), 422, "decompression_bomb"),
    ("pdf bomb (2 GiB in a form XObject)", "xobject.pdf", pdf_xobject_bomb, 422, "decompression_bomb"),
    ("docx billion laughs (XML entities)", "laughs.docx", docx_billion_laughs, 422, "entity_expansion"),
    ("pdf that is also a zip", "polyglot.pdf", pdf_that_is_a_zip, 415, "polyglot_file"),
    ("zip that passes as a pdf", "zip.pdf", zip_that_starts_like_a_pdf, 415, "polyglot_file"),
    ("docx that is also a pdf", "polyglot.docx", docx_that_is_a_pdf, 415, "polyglot_file"),
    ("truncated pdf", "cut.pdf", lambda: truncated((SAMPLES / "session.pdf").read_bytes()), 422, "corrupt_file"),
    ("truncated docx", "cut.docx", lambda: truncated((SAMPLES / "credentialing-session.docx").read_bytes()), 422,
     "corrupt_file"),
    ("encrypted pdf", "locked.pdf", encrypted_pdf, 422, "encrypted_file"),
    ("encrypted docx", "locked.docx", encrypted_docx, 422, "encrypted_file"),
    ("png named .pdf", "photo.pdf", lambda: PNG, 415, "content_mismatch"),
    ("pdf named .docx", "report.docx", text_pdf, 415, "content_mismatch"),
    ("docx named .txt", "notes.txt", lambda: docx("Coach: Hi."), 415, "content_mismatch"),
    ("executable named .exe", "setup.exe", lambda: b"MZ\x90\x00" + bytes(100), 415, "unsupported_file_type"),
    ("10 MB + 1 byte", "big.txt", lambda: b"Coach: " + b"x" * (MAX_UPLOAD_BYTES + 1 - 7), 413, "file_too_large"),
    ("10 MB of short lines", "flood.txt", short_lines_text, 413, "transcript_too_long"),
]

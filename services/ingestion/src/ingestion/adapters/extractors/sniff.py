"""Check the bytes against the extension before any parser sees them.

The extension says which parser to use; the bytes must agree, so a PNG renamed .pdf or an
.exe renamed .txt is refused with a clear reason instead of reaching a parser that would
return garbage or nothing."""

import codecs
import io
import zipfile

from ingestion.domain.errors import ContentMismatch, EncryptedFile, PolyglotFile

OLE_COMPOUND = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
# What a file really is, for the message when it is not what its extension says.
SIGNATURES = {
    b"%PDF-": "a PDF document",
    ZIP: "a zip archive (or an Office document)",
    OLE_COMPOUND: "a legacy Office document (.doc/.xls) or an encrypted Office file",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"MZ": "a Windows executable",
    b"\x7fELF": "a Linux executable",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}
TEXT_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<p", "<div", "<table", "<h1", "<span", "<br")
# UTF-16 without a BOM (some Windows tools write it) is told by its NUL bytes: in mostly-ASCII
# text every other byte is NUL, the high byte of each character (LE: the odd bytes, BE: the
# even ones), while the other byte of a pair is NUL only for rare characters (U+0100, U+2000).
# Binary data has NULs in both. Looked for in the first few KB; then the whole must decode.
UTF16_SAMPLE_BYTES = 4096
UTF16_MIN_HIGH_NULS = 0.5  # share of the sample's characters with a NUL high byte
UTF16_MAX_LOW_NULS = 0.01
# Whitespace controls are normal in text; others in more than 1 % of characters mean binary.
# (Counted with str.count, one C loop per character: a Python loop over 10 MB took a second.)
TEXT_CONTROLS = [chr(code) for code in range(32) if chr(code) not in "\t\n\r\f\v"]


def what_it_is(data: bytes) -> str | None:
    return next((name for magic, name in SIGNATURES.items() if data.startswith(magic)), None)


def _mismatch(ext: str, data: bytes, expected: str) -> ContentMismatch:
    actual = what_it_is(data) or ("binary data" if b"\x00" in data[:65536] else "plain text")
    return ContentMismatch(f"the file is named .{ext} but its content is {actual}, not {expected}")


def check_pdf(data: bytes) -> None:
    # The spec lets the header start anywhere in the first 1024 bytes.
    if b"%PDF-" not in data[:1024]:
        raise _mismatch("pdf", data, "a PDF document")
    if _is_zip(data):
        raise PolyglotFile("the file is a PDF and a zip archive at once; upload a plain PDF")


def _is_zip(data: bytes) -> bool:
    """A zip is read from its end (the central directory), so one can hide behind any header."""
    if data.startswith(ZIP):
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return False


def check_docx(data: bytes) -> None:
    if data.startswith(OLE_COMPOUND):
        # A password-protected .docx is an OLE compound file holding an "EncryptedPackage" stream.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise EncryptedFile("the .docx file is password-protected; save it without a password and upload again")
        raise ContentMismatch("the file is named .docx but is a legacy Word .doc (or other Office) file; "
                              "save it as .docx")
    if not data.startswith(ZIP):
        raise _mismatch("docx", data, "a Word .docx document")
    if b"%PDF-" in data[:1024]:  # PDF readers look for their header anywhere in the first 1 KB
        raise PolyglotFile("the file is a Word document and a PDF at once; upload a plain .docx")


def decode_text(ext: str, data: bytes) -> str:
    """UTF-8 or UTF-16 with a BOM, else UTF-16 without one (mostly-ASCII text), else UTF-8, else
    Windows-1252 (what Word and Notepad on Windows save); NUL bytes (NUL characters in UTF-16) or
    many control characters mean it is not text at all."""
    for bom, encoding in TEXT_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ContentMismatch(f"the .{ext} file starts with a {encoding} marker but is not valid "
                                      f"{encoding} text") from None
    # Signatures of four bytes or more never start real text (two-byte ones like "MZ" might).
    if any(data.startswith(magic) for magic in SIGNATURES if len(magic) >= 4):
        raise _mismatch(ext, data, "text")
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None or "\x00" in text:
            raise _mismatch(ext, data, "text")
    else:
        for encoding in ("utf-8", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise _mismatch(ext, data, "text (UTF-8, UTF-16 or Windows-1252)")
    controls = sum(text.count(ch) for ch in TEXT_CONTROLS)
    if controls > len(text) // 100:
        raise _mismatch(ext, data, "text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) % 2:
        return None
    sample = data[:UTF16_SAMPLE_BYTES]
    chars = len(sample) // 2
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    for encoding, high, low in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if high >= UTF16_MIN_HIGH_NULS * chars and low <= UTF16_MAX_LOW_NULS * chars:
            try:
                return data.decode(encoding)  # strict: an unpaired surrogate is no text
            except UnicodeDecodeError:
                return None
    return None


def check_text_kind(ext: str, text: str) -> None:
    """A .vtt must say WEBVTT, an .srt must have cue timings, an .html must have tags."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if ext == "vtt" and not head.startswith("WEBVTT"):
        raise ContentMismatch("the file is named .vtt but does not start with the WEBVTT header")
    if ext == "srt" and "-->" not in head:
        raise ContentMismatch("the file is named .srt but has no subtitle timings (00:00:01,000 --> ...)")
    if ext == "html" and not any(marker in head.lower() for marker in HTML_MARKERS):
        raise ContentMismatch("the file is named .html but contains no HTML")

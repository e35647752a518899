"""Refuse a .docx that is not a Word zip, or a zip bomb, reading only the zip's directory,
before python-docx (inside unstructured) inflates any part of it.

The directory's sizes could lie, but Python's zipfile never returns more than a member's
declared size (and fails its CRC check), so capping the declared sizes caps what is read.

Office documents never declare a DTD, so an XML part that does (`<!DOCTYPE`, `<!ENTITY`: the
"billion laughs" entity expansion) is refused, read a chunk at a time within those caps. The
worker checks word/document.xml itself, each chunk before its parser gets it (DtdRefusingReader):
inflating its tens of MB once more here took 0.4 s of a 10 MB upload."""

import io
import zipfile

from ingestion.domain.errors import ArchiveBomb, ContentMismatch, CorruptFile, EntityExpansion

REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")
DTD_MARKERS = [marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
               for encoding in ("utf-8", "utf-16-le", "utf-16-be")]
CHUNK = 1 << 20
OVERLAP = max(len(marker) for marker in DTD_MARKERS)


def check_docx_archive(data: bytes, *, max_unpacked_bytes: int, max_ratio: int, max_parts: int = 5000) -> int:
    """Returns the unpacked size of word/document.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorruptFile(f"the .docx file is damaged and cannot be opened ({exc})") from None
    names = {member.filename for member in members}
    if missing := [part for part in REQUIRED_PARTS if part not in names]:
        raise ContentMismatch(f"the file is named .docx but is not a Word document (no {', '.join(missing)})")
    if len(members) > max_parts:
        raise ArchiveBomb(f"the .docx file has {len(members):,} parts; the limit is {max_parts:,}")
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if unpacked > max_unpacked_bytes:
        raise ArchiveBomb(f"the .docx file unpacks to {unpacked / 1e6:,.0f} MB; "
                          f"the limit is {max_unpacked_bytes / 1e6:,.0f} MB")
    if unpacked > 1_000_000 and unpacked > max_ratio * max(packed, 1):
        raise ArchiveBomb(f"the .docx file is compressed {unpacked // max(packed, 1):,}:1; "
                          f"the limit is {max_ratio}:1")
    return next(member.file_size for member in members if member.filename == "word/document.xml")


def refuse_xml_with_a_dtd(data: bytes, *, skip: tuple[str, ...] = ()) -> None:
    """Call after check_docx_archive (which caps what reading the parts can inflate); the parts
    in `skip` are left to be checked as they are read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                if not member.filename.lower().endswith((".xml", ".rels")) or member.filename in skip:
                    continue
                with archive.open(member) as part:
                    reader = DtdRefusingReader(part, member.filename)
                    while reader.read(CHUNK):
                        pass
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise CorruptFile(f"the .docx file is damaged and cannot be opened ({type(exc).__name__})") from None


class DtdRefusingReader:
    """An XML part's bytes, read as from a file; a chunk that declares a DTD (alone or with the
    end of the chunk before) is refused before anyone gets it."""

    def __init__(self, part, name: str) -> None:
        self._part, self._name, self._tail = part, name, b""

    def read(self, size: int = -1) -> bytes:
        chunk = self._part.read(size)
        window = self._tail + chunk
        if any(marker in window for marker in DTD_MARKERS):
            raise EntityExpansion(f"the .docx part {self._name} declares XML entities "
                                  "(a DTD), which Word documents never do; it is refused as unsafe")
        self._tail = window[-OVERLAP:]
        return chunk

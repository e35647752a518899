"""docx, pdf, html and markdown -> lines of text, through unstructured.

html and markdown go through unstructured's partitioners. docx is streamed (docx_stream.py):
plain paragraphs are read directly and every other block by unstructured's docx partitioner, a
block at a time. PDFs are read by PDFium and typed by unstructured's rules (pdf_text.py). Each
module says why: partition_docx and partition_pdf read at 0.05 MB/s and hold the whole document.

unstructured is imported on first use (or by `warm_up()` at start-up): it takes seconds to
import and hundreds of MB, which a cheap constructor must not pay. Everything runs offline (the
spaCy model is installed as the `en-core-web-sm` package), so nothing is downloaded.
"""

import io
import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import lxml.html

from ingestion.adapters.extractors.docx_stream import docx_texts
from ingestion.adapters.extractors.pdf_text import pdf_texts
from ingestion.domain.errors import CorruptFile, IngestionError
from ingestion.domain.table_rows import row_line
from ingestion.domain.turns import too_long

# unstructured phones home on import unless told not to, and prints a banner.
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("SCARF_NO_ANALYTICS", "true")
os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")

NOT_SPEECH = {"PageBreak", "Header", "Footer", "PageNumber", "Image", "Formula"}
PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
# Lines carry speaker labels and timestamps that turns do not: a generous bound on their ratio.
MAX_LINE_CHARS_PER_CHAR = 2
_partitioners: dict[str, Callable[..., list[Any]]] = {}


def _partitioner(ext: str) -> Callable[..., list[Any]]:
    if ext not in _partitioners:
        if ext == "html":
            from unstructured.partition.html import partition_html as partition
        else:
            from unstructured.partition.md import partition_md as partition
        _partitioners[ext] = partition
    return _partitioners[ext]


def _options() -> dict[str, Any]:
    # Saying the language skips detection (and its log line) on every call.
    return {"languages": ["eng"]}


def _elements(ext: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(element type, text) pairs, read as they are needed."""
    if ext == "docx":
        return docx_texts(data)
    if ext == "pdf":
        return pdf_texts(data)
    return (pair for element in _partitioner(ext)(file=io.BytesIO(data), **_options()) for pair in _texts(element))


def _texts(element: Any) -> Iterator[tuple[str, str]]:
    """An element's (type, text); a table's a row at a time (a transcript table holds a turn a row,
    and a table's text is every cell's run together)."""
    kind = type(element).__name__
    table = getattr(element.metadata, "text_as_html", None) if kind == "Table" else None
    if not table:
        yield kind, element.text
        return
    for row in lxml.html.fromstring(table).iter("tr"):
        if (line := row_line([cell.text_content() for cell in row if cell.tag in ("td", "th")])) is not None:
            yield "TableRow", line


def document_lines(ext: str, data: bytes, max_chars: int | None = None) -> list[str]:
    """The lines of the document's speech elements. Past `max_chars` × MAX_LINE_CHARS_PER_CHAR
    characters of lines, reading stops (the transcript cannot fit; the service measures it exactly)."""
    return [line for lines in iter_document_lines(ext, data, max_chars) for line in lines]


def iter_document_lines(ext: str, data: bytes, max_chars: int | None = None) -> Iterator[list[str]]:
    """document_lines, an element's lines at a time, as they are read."""
    budget = None if max_chars is None else max_chars * MAX_LINE_CHARS_PER_CHAR
    chars = 0
    try:
        for kind, text in _elements(ext, data):
            if kind in NOT_SPEECH:
                continue
            lines = []
            for line in text.splitlines():
                first = line.lstrip()[:1]
                # only a line starting with "p" or a digit can be a page number (saves a regex a line)
                if first and not ((first in "pP" or first.isdigit()) and PAGE_NUMBER.match(line)):
                    lines.append(line)
                    chars += len(line)
            if budget is not None and chars > budget:
                raise too_long(max_chars)
            yield lines
    except (IngestionError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - every parser failure of a bad file means the same to the user
        raise CorruptFile(f"the .{ext} file is damaged and cannot be read ({type(exc).__name__})") from None


def markdown_as_paragraphs(text: str) -> str:
    """Markdown joins consecutive lines into one paragraph, but in a transcript each line is a
    turn; making each line its own paragraph keeps them apart while unstructured still strips
    the markup (`**Coach:**`, headings, list bullets)."""
    return "\n\n".join(line for line in text.splitlines() if line.strip())


def warm_up() -> None:
    """Import every partitioner and run each once on a tiny input, so the first upload does not
    pay for imports and the spaCy model load."""
    from ingestion.adapters.extractors.warm_up_inputs import tiny_inputs

    for ext, data in tiny_inputs().items():
        document_lines(ext, data)

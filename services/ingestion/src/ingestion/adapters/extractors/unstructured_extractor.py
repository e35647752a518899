"""docx, pdf, html and markdown -> lines of text, through unstructured.

unstructured's partitioners are imported on first use (or by `warm_up()` at start-up): they
take seconds to import and hundreds of MB, which a cheap constructor must not pay. Everything
runs offline: strategy "fast" for PDFs (the text layer, no OCR or layout models) and the spaCy
model installed as the `en-core-web-sm` package, so nothing is downloaded.
"""

import io
import os
import re
from collections.abc import Callable
from typing import Any

from ingestion.domain.errors import CorruptFile

# unstructured phones home on import unless told not to, and prints a banner.
os.environ.setdefault("DO_NOT_TRACK", "true")
os.environ.setdefault("SCARF_NO_ANALYTICS", "true")
os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")

NOT_SPEECH = {"PageBreak", "Header", "Footer", "PageNumber", "Image", "Formula"}
PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_partitioners: dict[str, Callable[..., list[Any]]] = {}


def _partitioner(ext: str) -> Callable[..., list[Any]]:
    if ext not in _partitioners:
        if ext == "docx":
            from unstructured.partition.docx import partition_docx as partition
        elif ext == "pdf":
            from unstructured.partition.pdf import partition_pdf as partition
        elif ext == "html":
            from unstructured.partition.html import partition_html as partition
        else:
            from unstructured.partition.md import partition_md as partition
        _partitioners[ext] = partition
    return _partitioners[ext]


def _options(ext: str) -> dict[str, Any]:
    # Saying the language skips detection (and its log line) on every call.
    options: dict[str, Any] = {"languages": ["eng"]}
    if ext == "pdf":
        options |= {"strategy": "fast", "infer_table_structure": False, "extract_images_in_pdf": False}
    return options


def document_lines(ext: str, data: bytes) -> list[str]:
    try:
        elements = _partitioner(ext)(file=io.BytesIO(data), **_options(ext))
    except Exception as exc:  # noqa: BLE001 - every parser failure of a bad file means the same to the user
        raise CorruptFile(f"the .{ext} file is damaged and cannot be read ({type(exc).__name__})") from None
    lines: list[str] = []
    for element in elements:
        if type(element).__name__ in NOT_SPEECH:
            continue
        lines += [line for line in element.text.splitlines() if line.strip() and not PAGE_NUMBER.match(line)]
    return lines


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

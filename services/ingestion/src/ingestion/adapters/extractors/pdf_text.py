"""A text PDF -> the texts of its blocks, page by page, typed by unstructured's rules.

Why not unstructured's partition_pdf (strategy "fast"): it reads the text layer with pdfminer,
which builds a Python object for every character and groups them in Python; profiled on a
transcript PDF, pdfminer was 87 % of the time (0.04 MB/s; LAParams cannot remove that per-
character cost), and every page's elements were held to the end. PDFium (pypdfium2, the reader
unstructured itself renders pages with) reads the text layer in C, one page at a time, and the
page is closed before the next is read.

From each page's text, lines are grouped into blocks as pdfminer groups them (a gap of more than
half a line's height, or a jump up the page, starts a new block), and each block is typed with
unstructured's own rules, less its narrative-or-title classifier (spaCy; it never decides
whether text is speech): in the top or bottom 7 % of the page it is a header or footer, a
bulleted one a list item with its bullet cleaned off, and whitespace is cleaned as unstructured
cleans it. A block's lines stay lines (pdfminer would join them with spaces), so a speaker label
at the start of any line still starts a turn.

Page count, encryption and what the content inflates to are checked before (pdf_guard); PDFium
inflates in C, so beyond those checks its memory is bounded only by the worker's cap. A long
PDF's later pages are read in a forked copy of the worker, on the other core (two_cores.py).
"""

import ctypes
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingestion.adapters.extractors.two_cores import read_pages

BLOCK_GAP = 0.5  # pdfminer's default line_margin: lines further apart than this (x height) are separate blocks


def pdf_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """(element type, text) for each block of each page, in order."""
    document = pdfium.PdfDocument(data)
    try:
        yield from read_pages(len(document), lambda pages: _page_texts(document, pages))
    finally:
        document.close()


def _page_texts(document: pdfium.PdfDocument, pages: range) -> Iterator[tuple[str, str]]:
    from unstructured.cleaners.core import clean_bullets
    from unstructured.documents.coordinates import PixelSpace
    from unstructured.partition.text import _is_in_footer_position, _is_in_header_position
    from unstructured.partition.text_type import is_bulleted_text

    for index in pages:
        page = document[index]
        try:
            width, height = page.get_size()
            space = PixelSpace(width=width, height=height)
            textpage = page.get_textpage()
            try:
                blocks = list(_blocks(textpage))
            finally:
                textpage.close()
        finally:
            page.close()
        for lines, top, bottom in blocks:
            if top is not None:
                y1, y2 = height - top, height - bottom  # pixel space: down from the top
                points = ((0, y1), (0, y2), (width, y2), (width, y1))
                if _is_in_header_position(points, space):
                    yield "Header", "\n".join(lines)
                    continue
                if _is_in_footer_position(points, space):
                    yield "Footer", "\n".join(lines)
                    continue
            if is_bulleted_text(lines[0]):
                yield "ListItem", "\n".join([clean_bullets(lines[0]), *lines[1:]])
            else:
                yield "Text", "\n".join(lines)


def _blocks(textpage: pdfium.PdfTextPage) -> Iterator[tuple[list[str], float | None, float | None]]:
    """(cleaned lines, top, bottom) of each block; top and bottom in PDF units (up from the
    page's foot), None when PDFium cannot place the block's lines."""
    text = textpage.get_text_range()
    if not text.strip():
        return
    # then PDFium's (UTF-16) offsets differ from str offsets; counting the UTF-16 units is ~10x cheaper than max(text)
    wide = not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
    page_text = text.replace("\r\n", "\n")
    raw_lines = page_text.split("\n")
    lines: list[str] = []
    top = bottom = None
    previous: tuple[float, float] | None = None
    box = _LineBoxes(textpage)
    at = units = 0  # where the line starts in `text`, and in PDFium's UTF-16 text indices
    for line, cleaned in zip(raw_lines, _cleaned_lines(page_text), strict=True):
        start = units if wide else at
        separator = 2 if text.startswith("\r\n", at + len(line)) else 1
        at += len(line) + separator
        if wide:
            units += len(line.encode("utf-16-le")) // 2 + separator
        content = line.lstrip()
        if not content:
            continue
        line_box = box(start + len(line) - len(content))
        if line_box is None:
            lines.append(cleaned)
            continue
        # max() and min() written out, deciding as they decide: two builtin calls a line were 4 % of the time
        line_top, line_bottom = line_box
        if previous is not None and lines:
            previous_height, height = previous[0] - previous[1], line_top - line_bottom
            gap = previous[1] - line_top
            if gap > BLOCK_GAP * (height if height > previous_height else previous_height) or line_top > previous[0]:
                yield lines, top, bottom
                lines, top, bottom = [], None, None
        lines.append(cleaned)
        top = line_top if top is None or line_top > top else top
        bottom = line_bottom if bottom is None or line_bottom < bottom else bottom
        previous = line_box
    if lines:
        yield lines, top, bottom


class _LineBoxes:
    """(top, bottom) of the font box of the character at a text index: two calls into PDFium
    per line, on the raw handle and one reused rectangle (wrapping them anew a line was two
    thirds of what the boxes cost)."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._handle = textpage.raw
        self._rect = pdfium_c.FS_RECTF()
        self._rect_ref = ctypes.byref(self._rect)

    def __call__(self, text_index: int) -> tuple[float, float] | None:
        char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(self._handle, text_index)
        if char_index < 0 or not pdfium_c.FPDFText_GetLooseCharBox(self._handle, char_index, self._rect_ref):
            return None
        return self._rect.top, self._rect.bottom


def _cleaned_lines(page_text: str) -> list[str]:
    """Each line as unstructured's clean_extra_whitespace cleans it. The cleaner's two regexes
    (no-break spaces and newlines to spaces, runs of spaces to one) cost 4 us a line and change
    nothing on most pages, where a line is only stripped; when they would change something,
    they run once on the page, its lines kept apart by a character it lacks, which they leave
    alone (a call a line was an eighth of the reading time)."""
    from unstructured.cleaners.core import clean_extra_whitespace

    if "\xa0" not in page_text and "  " not in page_text:
        return [line.strip() for line in page_text.split("\n")]
    separator = next((chr(code) for code in range(0xE000, 0xF900) if chr(code) not in page_text), None)
    if separator is None:  # a page holding every private-use character: a call a line
        return [clean_extra_whitespace(line) for line in page_text.split("\n")]
    cleaned = clean_extra_whitespace(page_text.replace("\n", separator))
    return [line.strip() for line in cleaned.split(separator)]

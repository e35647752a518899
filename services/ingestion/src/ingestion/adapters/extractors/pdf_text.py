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
inflates in C, so beyond those checks its memory is bounded only by the worker's cap.
"""

import ctypes
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

BLOCK_GAP = 0.5  # pdfminer's default line_margin: lines further apart than this (x height) are separate blocks


def pdf_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """(element type, text) for each block of each page, in order."""
    from unstructured.cleaners.core import clean_bullets, clean_extra_whitespace
    from unstructured.documents.coordinates import PixelSpace
    from unstructured.partition.text import _is_in_footer_position, _is_in_header_position
    from unstructured.partition.text_type import is_bulleted_text

    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
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
                lines = [clean_extra_whitespace(line) for line in lines]
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
    finally:
        document.close()


def _blocks(textpage: pdfium.PdfTextPage) -> Iterator[tuple[list[str], float | None, float | None]]:
    """(lines, top, bottom) of each block; top and bottom in PDF units (up from the page's
    foot), None when PDFium cannot place the block's lines."""
    text = textpage.get_text_range()
    if not text.strip():
        return
    wide = not text.isascii() and max(text) > "\uffff"  # then UTF-16 offsets differ from str offsets
    lines: list[str] = []
    top = bottom = None
    previous: tuple[float, float] | None = None
    offset = 0
    for line in text.replace("\r\n", "\n").split("\n"):
        box = _line_box(textpage, line, _utf16_length(text[:offset]) if wide else offset) if line.strip() else None
        offset += len(line) + 2 if text.startswith("\r\n", offset + len(line)) else len(line) + 1
        if not line.strip():
            continue
        if box is not None and previous is not None and lines:
            line_top, line_bottom = box
            gap = previous[1] - line_top
            if gap > BLOCK_GAP * max(previous[0] - previous[1], line_top - line_bottom) or line_top > previous[0]:
                yield lines, top, bottom
                lines, top, bottom = [], None, None
        lines.append(line)
        if box is not None:
            top = box[0] if top is None else max(top, box[0])
            bottom = box[1] if bottom is None else min(bottom, box[1])
            previous = box
    if lines:
        yield lines, top, bottom


def _line_box(textpage: pdfium.PdfTextPage, line: str, text_index: int) -> tuple[float, float] | None:
    """(top, bottom) of the line's first visible character's font box."""
    text_index += len(line) - len(line.lstrip())
    char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
    if char_index < 0:
        return None
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFText_GetLooseCharBox(textpage, char_index, ctypes.byref(rect)):
        return None
    return rect.top, rect.bottom


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2

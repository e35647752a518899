"""A .docx -> the texts of its body's elements, in document order, as unstructured's
partition_docx gives them, streamed.

Why not partition_docx on the whole file: python-docx (under it) builds the whole XML tree, and
unstructured then spends ~3 ms on every paragraph (two thirds of it classifying the text with
spaCy: narrative or title, which a transcript does not need; the rest in python-docx's XPath
calls and per-element metadata), and holds every element at once: 0.05 MB/s, and a 10 MB
transcript never finished. Here word/document.xml is read from the zip with lxml's iterparse, one
body-level paragraph or table at a time, and each is let go once read, so memory holds one block.

A plain paragraph (no numbering anywhere in it or its style, no list style, no rendered page
break, no inline drawing, no bullet character) is read here the way python-docx reads its text:
its own runs and its hyperlinks' runs; `w:t` text, tab and `w:ptab` as a tab, a text-wrapping
`w:br` and `w:cr` as a newline, `w:noBreakHyphen` as "-". Every other block (lists and their
auto-numbered labels, paragraphs split by a page break, inline drawings) goes to
unstructured's own docx partitioner, one block at a time, over a skeleton of the document (its
styles, numbering, settings and hyperlink targets, an empty body); its text classifier is turned
off (the element type of a paragraph never decides whether it is speech). A table is read row
by row through python-docx (a transcript table holds a turn a row; unstructured gives a table's
cells as one text) and each row made a line (domain/table_rows.py).

Headers, footers and pictures are not in the body's text, so they are never read (unstructured
reads them and the caller dropped them). The caller has checked the zip (docx_guard) first, and
every part but word/document.xml for a DTD; that one is checked here as it is read.
"""

import io
import zipfile
from collections.abc import Iterator

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.parser import parse_xml
from docx.styles.styles import Styles
from lxml import etree

from ingestion.adapters.extractors.docx_guard import DtdRefusingReader
from ingestion.domain.table_rows import row_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY, P, TBL, R, HYPERLINK, PPR = W + "body", W + "p", W + "tbl", W + "r", W + "hyperlink", W + "pPr"
T, TAB, PTAB, BR, CR, HYPHEN = W + "t", W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen"
NUMPR, PSTYLE, VAL, TYPE = W + "numPr", W + "pStyle", W + "val", W + "type"
# Inside a run, these make a paragraph unstructured's to read (page fragments, drawings' text).
NOT_PLAIN_IN_RUN = {W + "lastRenderedPageBreak", W + "drawing"}
RUN_TEXT = {TAB: "\t", PTAB: "\t", CR: "\n", HYPHEN: "-"}
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
REL_TYPES_KEPT = ("/styles", "/numbering", "/settings")  # what the skeleton's document part needs


def docx_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """(element type, text) for each element of the body, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = _StyleRules(archive)
        fallback = _Unstructured(archive)
        with archive.open(DOCUMENT) as xml:
            parser = etree.iterparse(DtdRefusingReader(xml, DOCUMENT), events=("end",), tag=(P, TBL), resolve_entities=False,
                                     no_network=True, load_dtd=False, remove_comments=True, remove_pis=True)
            for _, block in parser:
                body = block.getparent()
                if body is None or body.tag != BODY:
                    continue  # a paragraph in a table cell or a content control: read with its table, or not at all
                text = _plain_text(block, styles) if block.tag == P else None
                if text is None:
                    yield from fallback.texts(block)
                elif text.strip():
                    yield "Text", text
                block.clear()
                while block.getprevious() is not None:
                    del body[0]


def _plain_text(p: etree._Element, styles: "_StyleRules") -> str | None:
    """The paragraph's text, or None when it is not plain (see the module's docstring)."""
    if next(p.iter(NUMPR), None) is not None:
        return None  # unstructured looks for "<w:numPr>" anywhere in the paragraph's XML
    style = None
    pieces: list[str] = []
    for child in p:
        tag = child.tag
        if tag == R:
            if not _add_run_text(child, pieces):
                return None
        elif tag == HYPERLINK:
            for run in child:
                if run.tag == R and not _add_run_text(run, pieces):
                    return None
        elif tag == PPR:
            style_element = child.find(PSTYLE)
            style = style_element.get(VAL) if style_element is not None else None
    if not styles.plain(style):
        return None
    text = "".join(pieces)
    first = text.lstrip()[:1]
    if first and not (first.isascii() and first.isalnum()) and _is_bulleted(text):  # bullets are never ASCII letters or digits
        return None
    return text


def _add_run_text(run: etree._Element, pieces: list[str]) -> bool:
    for item in run:
        tag = item.tag
        if tag == T:
            pieces.append(item.text or "")
        elif tag in RUN_TEXT:
            pieces.append(RUN_TEXT[tag])
        elif tag == BR:
            if item.get(TYPE) in (None, "textWrapping"):
                pieces.append("\n")
        elif tag in NOT_PLAIN_IN_RUN:
            return False
    return True


def _is_bulleted(text: str) -> bool:
    from unstructured.partition.text_type import is_bulleted_text

    return is_bulleted_text(text)


class _StyleRules:
    """Which paragraph styles leave a paragraph plain: not mapped to a list item by unstructured
    and not numbered through the style or the styles it is based on."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        from unstructured.documents.elements import ListItem
        from unstructured.partition.docx import STYLE_TO_ELEMENT_MAPPING

        self._plain: dict[str | None, bool] = {}
        self._by_id: dict[str, object] = {}
        self._default = None
        try:
            styles = Styles(parse_xml(archive.read("word/styles.xml")))
            self._by_id = {style.style_id: style for style in styles if style.type == WD_STYLE_TYPE.PARAGRAPH}
            self._default = next((style for style in self._by_id.values()
                                  if style.element.get(W + "default") in ("1", "true", "on")), None)
        except KeyError:
            pass  # no styles part: every paragraph is in the default style
        self._list_item, self._mapping = ListItem, STYLE_TO_ELEMENT_MAPPING

    def plain(self, style_id: str | None) -> bool:
        if style_id not in self._plain:
            style = self._by_id.get(style_id) if style_id is not None else None
            style = style or self._default
            name = (style and style.name) or "Normal"
            numbered, seen = False, set()
            while style is not None and style.style_id not in seen and not numbered:
                seen.add(style.style_id)
                numbered = next(style.element.iter(NUMPR), None) is not None
                style = style.base_style
            self._plain[style_id] = not numbered and self._mapping.get(name) is not self._list_item
        return self._plain[style_id]


class _Unstructured:
    """unstructured's docx partitioner for the blocks that are not plain paragraphs, built on
    first use over a skeleton of the document: its styles, numbering and settings and the
    relationships to them and to external hyperlinks, with an empty body. List counters live
    in the partitioner, so numbered paragraphs are counted across the document as unstructured
    counts them."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._partitioner = None
        self._body = None

    def texts(self, block: etree._Element) -> Iterator[tuple[str, str]]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        partitioner, body = self._ready()
        element = parse_xml(etree.tostring(block))
        if element.tag == TBL:  # a row a turn: read row by row, not as one run of every cell's text
            for row in Table(element, body).rows:
                if (line := row_line([cell.text for cell in row.cells])) is not None:
                    yield "TableRow", line
            return
        body._body.append(element)  # some lookups walk up to the document part
        try:
            elements = list(partitioner._iter_paragraph_elements(Paragraph(element, body)))
        finally:
            body._body.remove(element)
        for item in elements:
            yield type(item).__name__, item.text

    def _ready(self):
        if self._partitioner is None:
            from unstructured.partition.docx import DocxPartitionerOptions, _DocxPartitioner

            class Untyped(_DocxPartitioner):
                def _parse_paragraph_text_for_element_type(self, paragraph):  # noqa: ARG002
                    return None  # the spaCy classifier: 2/3 of the time, and never decides what is speech

            options = DocxPartitionerOptions.load(file=io.BytesIO(self._skeleton()), file_path=None,
                                                  include_page_breaks=True, infer_table_structure=False,
                                                  strategy="fast")
            self._partitioner = Untyped(options)
            self._body = options.document._body
        return self._partitioner, self._body

    def _skeleton(self) -> bytes:
        names = set(self._archive.namelist())
        document = etree.fromstring(self._head_of_document())
        rels = etree.fromstring(self._archive.read(RELS)) if RELS in names else None
        if rels is not None:
            for rel in list(rels):
                kept = rel.get("TargetMode") == "External" or rel.get("Type", "").endswith(REL_TYPES_KEPT)
                if not kept or (rel.get("TargetMode") != "External" and _part_name(rel) not in names):
                    rels.remove(rel)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as skeleton:
            skeleton.writestr("[Content_Types].xml", self._archive.read("[Content_Types].xml"))
            skeleton.writestr("_rels/.rels", _PACKAGE_RELS)
            skeleton.writestr(DOCUMENT, etree.tostring(document))
            if rels is not None:
                skeleton.writestr(RELS, etree.tostring(rels))
                for rel in rels:
                    if rel.get("TargetMode") != "External":
                        skeleton.writestr(_part_name(rel), self._archive.read(_part_name(rel)))
        return buffer.getvalue()

    def _head_of_document(self) -> bytes:
        """The document's root element with its namespace declarations and an empty body."""
        with self._archive.open(DOCUMENT) as xml:
            for _, root in etree.iterparse(xml, events=("start",), resolve_entities=False, no_network=True,
                                           load_dtd=False):
                empty = etree.Element(root.tag, nsmap=root.nsmap)
                etree.SubElement(empty, BODY)
                return etree.tostring(empty)
        raise ValueError("word/document.xml is empty")


def _part_name(rel: etree._Element) -> str:
    target = rel.get("Target", "")
    return target.lstrip("/") if target.startswith("/") else "word/" + target


_PACKAGE_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')

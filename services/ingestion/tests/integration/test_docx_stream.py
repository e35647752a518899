"""The streamed docx reader gives the texts unstructured's partition_docx gives (its oracle here;
a table's rows aside), for the samples and for a document with every construct the fast path hands back to unstructured:
auto-numbered and bulleted lists, tables, rendered page breaks, hyperlinks, breaks and tabs,
headings, headers and footers, content controls, tracked insertions, pictures."""

import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml.parser import parse_xml
from ingestion.adapters.extractors import unstructured_extractor
from ingestion.adapters.extractors.docx_stream import docx_texts
from ingestion.domain.errors import TranscriptTooLong
from PIL import Image

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def unstructured_texts(data: bytes) -> list[str]:
    """What the extractor read before: partition_docx, minus what is not speech."""
    from unstructured.partition.docx import partition_docx

    return [element.text for element in partition_docx(file=io.BytesIO(data), languages=["eng"])
            if type(element).__name__ not in unstructured_extractor.NOT_SPEECH]


def streamed_texts(data: bytes) -> list[str]:
    return [text for kind, text in docx_texts(data) if kind not in unstructured_extractor.NOT_SPEECH]


def _raw_paragraph(document, xml: str) -> None:
    document.element.body[-1].addprevious(parse_xml(xml))  # before the body's closing section properties


def torture_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Acme Coaching - confidential"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_heading("Session transcript", level=1)
    document.add_paragraph("Recorded 4 March 2025", style="Subtitle")
    document.add_paragraph("Coach: Welcome back.\tHow was\u00a0the week?")
    run = document.add_paragraph("Client: Busy.").add_run(" Second line")
    run.add_break()
    run.add_text("after a line break.")
    document.add_paragraph("Coach: Agenda items:")
    for item in ("Sleep", "Delegation", "The board"):
        document.add_paragraph(item, style="List Number")
    for item in ("first bullet", "second bullet"):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("• Client: a bullet typed by hand")
    document.add_paragraph("")
    document.add_paragraph("   ")
    table = document.add_table(rows=2, cols=2)
    for row, (who, text) in zip(table.rows, [("Coach", "In a table."), ("Client", "Also in it.")], strict=True):
        row.cells[0].text, row.cells[1].text = who, text
    document.add_paragraph("Client: before the page break.").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Coach: after it.")
    _raw_paragraph(document, f'<w:p {W_NS}><w:r><w:t>Client: split by a rendered</w:t></w:r>'
                             '<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"> page break.</w:t></w:r></w:p>')
    _raw_paragraph(document, f'<w:p {W_NS}><w:r><w:t xml:space="preserve">Coach: </w:t></w:r>'
                             '<w:ins w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:t>inserted</w:t></w:r>'
                             '</w:ins><w:r><w:t xml:space="preserve"> text</w:t><w:noBreakHyphen/><w:t>ok</w:t>'
                             '<w:cr/><w:t>after cr</w:t><w:ptab w:relativeTo="margin" w:alignment="left" '
                             'w:leader="none"/><w:t>end</w:t></w:r></w:p>')
    _raw_paragraph(document, f'<w:p {W_NS} {R_NS}><w:r><w:t xml:space="preserve">Client: see </w:t></w:r>'
                             '<w:hyperlink w:anchor="x"><w:r><w:t>the notes</w:t></w:r></w:hyperlink>'
                             '<w:r><w:t xml:space="preserve"> please.</w:t></w:r></w:p>')
    _raw_paragraph(document, f'<w:sdt {W_NS}><w:sdtContent><w:p><w:r><w:t>In a content control.</w:t></w:r>'
                             '</w:p></w:sdtContent></w:sdt>')
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(picture, format="PNG")
    document.add_paragraph("Coach: a picture follows.").add_run().add_picture(io.BytesIO(picture.getvalue()))
    document.add_section()
    document.add_paragraph("Client: in the second section.", style="Quote")
    document.add_paragraph("Coach: 1. a numbered thought typed by hand.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["credentialing-session.docx", "teams-export.docx"])
def test_the_samples_read_as_unstructured_reads_them(name):
    data = (SAMPLES / name).read_bytes()
    assert streamed_texts(data) == unstructured_texts(data)


def test_lists_tables_breaks_links_and_sections_read_as_unstructured_reads_them():
    data = torture_docx()
    texts = streamed_texts(data)
    # a table is read a row a turn (unstructured runs all its cells together); the rest as unstructured reads it
    table = texts.index("Coach: In a table.")
    assert texts[table + 1] == "Client: Also in it."
    assert texts[:table] + ["Coach In a table. Client Also in it."] + texts[table + 2:] == unstructured_texts(data)
    assert "1. Sleep" in texts  # list labels kept
    assert not any("confidential" in text or text == "Page 1" for text in texts)  # header and footer are not speech


def test_reading_stops_once_the_lines_cannot_fit():
    document = docx.Document()
    for turn in range(200):
        document.add_paragraph(f"Coach: question number {turn} about the week ahead?")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(TranscriptTooLong):
        unstructured_extractor.document_lines("docx", buffer.getvalue(), max_chars=1_000)
    assert len(unstructured_extractor.document_lines("docx", buffer.getvalue(), max_chars=100_000)) == 200

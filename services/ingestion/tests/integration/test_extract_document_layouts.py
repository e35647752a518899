"""Transcripts as people lay them out in Word, on web pages and in PDFs: a table with a row a turn,
the names in bold on lines of their own, an Otter header whose gap a web page collapsed."""

import docx
import pytest
from ingestion.adapters.extractors import FileTextExtractor
from ingestion.ports import Upload

TURNS = [("00:03", "Maya Chen", "What would you like to focus on today?"), ("00:09", "Tom Park", "Delegating more."),
         ("00:15", "Maya Chen", "What makes that important now?"), ("00:20", "Tom Park", "I work sixty hours a week.")]


@pytest.fixture(scope="module")
def extract():
    FileTextExtractor.warm_up()
    extractor = FileTextExtractor()

    def run(path):
        return extractor.extract(Upload(path=path, filename=path.name, content_type=None, size=path.stat().st_size))

    return run


def said(result) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in result.turns]


def word_document(path, body) -> None:
    document = docx.Document()
    document.add_heading("Coaching session", 1)
    document.add_paragraph("Recorded 3 March 2026")
    body(document)
    document.save(path)


@pytest.mark.parametrize("columns", [("speaker", "text"), ("time", "speaker", "text")])
def test_a_word_table_with_a_row_a_turn(extract, tmp_path, columns):
    def table(document):
        rows = document.add_table(rows=1, cols=len(columns))
        for cell, heading in zip(rows.rows[0].cells, columns, strict=True):
            cell.text = heading.title()
        for time, name, text in TURNS:
            for cell, value in zip(rows.add_row().cells, [{"time": time, "speaker": name, "text": text}[c] for c in columns],
                                   strict=True):
                cell.text = value

    word_document(tmp_path / "table.docx", table)
    assert said(extract(tmp_path / "table.docx")) == [(name, text) for _, name, text in TURNS]


def test_word_names_in_bold_on_lines_of_their_own(extract, tmp_path):
    def names_above(document):
        for _, name, text in TURNS:
            document.add_paragraph().add_run(name).bold = True
            document.add_paragraph(text)

    word_document(tmp_path / "names.docx", names_above)
    assert said(extract(tmp_path / "names.docx")) == [(name, text) for _, name, text in TURNS]


def test_a_web_page_table_and_a_web_page_of_otter_blocks(extract, tmp_path):
    table = "".join(f"<tr><td>{time}</td><td>{name}</td><td>{text}</td></tr>" for time, name, text in TURNS)
    (tmp_path / "table.html").write_text(
        f"<html><body><h1>Session</h1><table><tr><th>Time</th><th>Speaker</th><th>Text</th></tr>{table}</table></body></html>")
    blocks = "".join(f"<div><span>{name}</span>  <span>{time}</span><p>{text}</p></div>" for time, name, text in TURNS)
    (tmp_path / "blocks.html").write_text(f"<html><body>{blocks}</body></html>")
    for page in ("table.html", "blocks.html"):
        assert said(extract(tmp_path / page)) == [(name, text) for _, name, text in TURNS], page


def test_a_pdf_table_whose_borders_are_gone_from_its_text(extract, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 8, "Coaching session - transcript", new_x="LMARGIN", new_y="NEXT")
    for time, name, text in TURNS:
        pdf.cell(20, 6, time)
        pdf.cell(35, 6, name)
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "table.pdf"))
    assert said(extract(tmp_path / "table.pdf")) == [(name, text) for _, name, text in TURNS]

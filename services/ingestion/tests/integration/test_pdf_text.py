"""PDFs read by PDFium and typed by unstructured's rules: the page's header and footer bands are
not speech, a turn wrapped over lines (and over a page) stays one turn, each labelled line
starts a turn even when no gap separates it from the one before; a long transcript read
through the worker, its lines parsed as they come, gives the turns its lines give at once."""

import pytest
from fpdf import FPDF
from ingestion.adapters.extractors import FileTextExtractor
from ingestion.adapters.extractors.pdf_text import _cleaned_lines
from ingestion.adapters.extractors.unstructured_extractor import document_lines
from ingestion.domain.transcript_lines import parse_transcript_lines
from ingestion.ports import Upload
from unstructured.cleaners.core import clean_extra_whitespace

WRAPPED = ("Coach: Last time you said the board presentation kept you awake. What has changed since then, "
           "and what would you like to leave with today?")
TIGHT = ["Client: Less than I hoped.", "Coach: Say more.", "Client: I rehearsed, but the fear is the same."]


def _pdf() -> bytes:
    document = FPDF(format="A4")  # 297 mm tall: the bands are the top and bottom 7 % (about 21 mm)
    document.set_auto_page_break(False)
    document.set_font("helvetica", size=11)
    for page, turns in enumerate([[WRAPPED], TIGHT]):
        document.add_page()
        document.set_xy(15, 8)
        document.cell(text="Acme Coaching - confidential")
        document.set_xy(15, 40)
        for turn in turns:
            document.multi_cell(90, 5, turn, new_x="LMARGIN", new_y="NEXT")  # no gap between turns
        document.set_xy(15, 284)
        document.cell(text=f"Session notes, sheet {page + 1}")
    return bytes(document.output())


def test_bands_are_not_speech_and_lines_make_turns():
    lines = document_lines("pdf", _pdf())
    assert not any("confidential" in line or "Session notes" in line for line in lines)
    turns = [(turn.speaker, turn.text) for turn in parse_transcript_lines(lines, drop_preamble=True)]
    assert turns == [("Coach", WRAPPED.removeprefix("Coach: ")), ("Client", "Less than I hoped."),
                     ("Coach", "Say more."), ("Client", "I rehearsed, but the fear is the same.")]
    assert len(lines) > 4  # the wrapped turn came as several lines and was joined


@pytest.mark.parametrize("page", [
    "Coach: plain\r\nClient:  two  spaces \n  Coach: led and trailed  \n\n",
    "\xa0Client:\xa0no-break\xa0\xa0spaces \xa0\nCoach: \t tab  \u2003 em space",
    "\ue000 private use  \ue001\nline\u00a0 \u00a0two\n \n",
])
def test_a_page_is_cleaned_as_unstructured_cleans_each_line(page):
    assert _cleaned_lines(page) == [clean_extra_whitespace(line) for line in page.split("\n")]


def test_a_long_transcript_read_through_the_worker_gives_the_turns_of_its_lines(tmp_path):
    document = FPDF(format="A4")
    document.set_font("helvetica", size=10)
    document.add_page()
    for turn in range(2500):  # ~200,000 characters: several frames from the worker
        document.multi_cell(180, 5, f"{'Coach' if turn % 2 else 'Client'}: turn {turn}, " + "and so on " * 6,
                            new_x="LMARGIN", new_y="NEXT")
    data = bytes(document.output())
    path = tmp_path / "long.pdf"
    path.write_bytes(data)
    FileTextExtractor.warm_up()
    result = FileTextExtractor().extract(Upload(path=path, filename="long.pdf", content_type=None, size=len(data)))
    assert result.turns == parse_transcript_lines(document_lines("pdf", data), drop_preamble=True)
    assert len(result.turns) == 2500

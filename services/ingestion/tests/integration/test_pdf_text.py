"""PDFs read by PDFium and typed by unstructured's rules: the page's header and footer bands are
not speech, a turn wrapped over lines (and over a page) stays one turn, each labelled line
starts a turn even when no gap separates it from the one before."""

from fpdf import FPDF
from ingestion.adapters.extractors.unstructured_extractor import document_lines
from ingestion.domain.transcript_lines import parse_transcript_lines

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

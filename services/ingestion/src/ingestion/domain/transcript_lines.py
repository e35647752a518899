"""Lines of text from any format without timed cues (txt, md, docx, pdf, html) -> turns.

Picks the layout: Otter/Teams "header then body" blocks, else `Name: text` lines
(text_transcript). Documents (docx, pdf, html) open with a title, a date, a recording note:
that preamble before the first speaker line is not speech and is dropped; plain text keeps it
as an "Unknown" turn, as pasted text always has."""

from contracts import Turn
from ingestion.domain.otter import looks_headed, parse_headed_lines
from ingestion.domain.text_transcript import LABELLED_LINE, parse_labelled_text


def _is_labelled(line: str) -> bool:
    match = LABELLED_LINE.match(line)
    return bool(match) and len(match["speaker"].split()) <= 4


def parse_transcript_lines(lines: list[str], *, drop_preamble: bool = False) -> list[Turn]:
    labelled = sum(1 for line in lines if _is_labelled(line))
    if looks_headed(lines, labelled):
        return parse_headed_lines(lines)
    if drop_preamble and labelled:
        first = next(i for i, line in enumerate(lines) if _is_labelled(line))
        lines = lines[first:]
    return parse_labelled_text("\n".join(lines))

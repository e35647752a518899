"""Lines of text from any format without timed cues (txt, md, docx, pdf, html) -> turns.

Picks the layout: Otter/Teams "header then body" blocks, else `Name: text` lines
(text_transcript). Documents (docx, pdf, html) open with a title, a date, a recording note:
that preamble before the first speaker line is not speech and is dropped; plain text keeps it
as an "Unknown" turn, as pasted text always has.

`lines` is read twice (once to pick the layout, once to parse), so it may be a list or any
re-iterable such as `TextLines`; a file of millions of short lines is never held as a list.
The first read already counts the speech each layout would give (every non-blank line gives at
least one character) and refuses the text once both are past the limit."""

from collections.abc import Iterable, Iterator
from itertools import dropwhile

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.domain.otter import header, looks_headed, parse_headed_lines
from ingestion.domain.text_transcript import labelled, lines_of, parse_labelled_lines
from ingestion.domain.turns import too_long

# Teams puts a title, a date and a duration before the first header; a text whose first header
# comes later than this is read as `Name: text` lines (and need not be read to its end to know).
HEADED_PREAMBLE_LINES = 100


class TextLines:
    """The lines of a text, re-iterable without splitting it into a list."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __iter__(self) -> Iterator[str]:
        return lines_of(self.text)


def parse_transcript_lines(lines: Iterable[str], *, drop_preamble: bool = False,
                           max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    if _headed(lines, drop_preamble, max_chars):
        return parse_headed_lines(lines, max_chars)
    if drop_preamble:
        lines = dropwhile(lambda line: not labelled(line), lines)
    return parse_labelled_lines(lines, max_chars)


def _headed(lines: Iterable[str], drop_preamble: bool, max_chars: int) -> bool:
    labelled_count = headers = seen = 0
    speech_if_labelled = speech_if_headed = 0  # least characters each layout would give
    for line in lines:
        is_labelled = ":" in line and labelled(line) is not None  # both layouts need a colon
        if not is_labelled and ":" in line and header(line):
            headers += 1
        elif line.strip():
            labelled_count += is_labelled
            speech_if_labelled += bool(labelled_count) or not drop_preamble
            speech_if_headed += headers > 0
        else:
            continue
        seen += 1
        if not headers and seen > HEADED_PREAMBLE_LINES:
            return False
        if min(speech_if_labelled, speech_if_headed) > max_chars:
            raise too_long(max_chars)
    return looks_headed(headers, labelled_count)

"""Lines of text from any format without timed cues (txt, md, docx, pdf, html) -> turns.

Picks the layout: "header then body" blocks (headed.py: Otter, Teams, Rev, Fireflies, a
script), else `Name: text` lines (text_transcript), with `Name > text` ones read as such where
they recur (arrow_labels). Documents (docx, pdf, html, md) open with a title, a date, a recording note:
that preamble before the first speaker line is not speech and is dropped; plain text keeps it
as an "Unknown" turn, as pasted text always has.

`lines` is read twice (once to pick the layout, once to parse), so it may be a list or any
re-iterable such as `TextLines`; a file of millions of short lines is never held as a list.
The first read already counts the speech each layout would give (every non-blank line gives at
least one character) and refuses the text once both are past the limit."""

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import dropwhile

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.domain.arrow_labels import ArrowLayout, ArrowLines, WatchedLines
from ingestion.domain.leading_names import named_lines
from ingestion.domain.headed import NamesAboveTimes, bare_name, header, looks_headed, parse_headed_lines
from ingestion.domain.text_transcript import labelled, lines_of, parse_labelled_lines
from ingestion.domain.turns import UNKNOWN_SPEAKER, too_long

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
    headed = NamesAboveTimes(lines)
    bare_names = _heading_names(headed, drop_preamble, max_chars)
    if bare_names is not None:
        return parse_headed_lines(headed, max_chars, bare_names)
    try:
        turns = _labelled_turns(WatchedLines(lines), drop_preamble, max_chars)
    except ArrowLayout:
        return _labelled_turns(ArrowLines(lines), drop_preamble, max_chars)
    if all(turn.speaker == UNKNOWN_SPEAKER for turn in turns) and (named := named_lines(lines)) is not None:
        # a PDF's table, its borders gone
        return parse_labelled_lines(dropwhile(lambda line: not labelled(line), named) if drop_preamble else named,
                                    max_chars)
    return turns  # no line names a speaker: all of it is kept, so the refusal says that


def _labelled_turns(lines: Iterable[str], drop_preamble: bool, max_chars: int) -> list[Turn]:
    if drop_preamble:
        turns = parse_labelled_lines(dropwhile(lambda line: not labelled(line), lines), max_chars)
        if turns:
            return turns
    return parse_labelled_lines(lines, max_chars)


def _heading_names(lines: Iterable[str], drop_preamble: bool, max_chars: int) -> frozenset[str] | None:
    """None if the lines are `Name: text` ones; else the names alone on a line that head blocks
    (none where headers of another form do)."""
    labelled_count = headers = seen = 0
    bare: Counter[str] = Counter()  # a name alone on a line heads blocks if it heads two or more
    recurs = False  # some name alone on a line has been seen twice
    speech_if_labelled = speech_if_headed = 0  # least characters each layout would give
    for line in lines:
        is_labelled = ":" in line and labelled(line) is not None  # every header but a bare name has one too
        if not is_labelled and ":" in line and header(line):
            headers += 1
        elif (name := bare_name(line)) and not is_labelled:
            bare[name["speaker"]] += 1
            recurs = recurs or bare[name["speaker"]] >= 2
        elif line.strip():
            labelled_count += is_labelled
            speech_if_labelled += bool(labelled_count) or not drop_preamble
            speech_if_headed += headers > 0
        else:
            continue
        seen += 1
        if not headers and seen > HEADED_PREAMBLE_LINES and not recurs:
            return None
        if min(speech_if_labelled, speech_if_headed) > max_chars:
            raise too_long(max_chars)
    if looks_headed(headers, labelled_count):
        return frozenset()
    names = frozenset(name for name, n in bare.items() if n >= 2)
    return names if looks_headed(sum(bare[n] for n in names), labelled_count) else None

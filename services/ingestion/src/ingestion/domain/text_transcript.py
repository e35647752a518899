"""Pasted or plain-text transcripts -> speaker turns.

Accepted line shapes: `Name: text`, `[00:15] Name: text`, `00:01:15 Name: text`,
`[10:03 AM] Name: text`, `Name: (00:15) text`, `**Name:** text`, and continuation lines (appended to the current
speaker). A line that is only a time or a time range (Google Meet's periodic stamps, a pasted
subtitle's `00:01 --> 00:04`) is no speech and is dropped. Consecutive lines of one speaker
merge into one turn.

The patterns use possessive quantifiers (`*+`) where two whitespace runs meet: without them a
line of a few thousand spaces made the regex engine backtrack for minutes.
"""

import re
from collections.abc import Iterable, Iterator

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.domain.turns import UNKNOWN_SPEAKER, TurnBuilder

# an offset into the recording (00:15, 1:02:03.5) or a clock time (10:03 AM), which is no offset
CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s?[AaPp]\.?[Mm]\.?)?"
_TIME = rf"\[?\(?(?P<ts>{CLOCK})\]?\)?"
SPEAKER = r"(?P<speaker>[^\W\d_][\w .'\-()/]{0,40}?)"  # any script's letters; "Maya (she/her)"
_BOLD = r"(?:\*\*|__)?"  # Markdown's bold around a label pasted as text: "**Maya:** Hello"
# a time the speech starts with ("Speaker 1: (00:03) Hello") belongs to the label, not the speech
_SPOKEN_AT = rf"(?:[\[(](?P<spoken_at>{CLOCK})[\])]\s*+(?:[-–]\s*+)?)?"
LABELLED_LINE = re.compile(
    rf"^\s*+(?:{_TIME}\s*+(?:[-–]\s*+)?)?{_BOLD}{SPEAKER}\s*+{_BOLD}:{_BOLD}\s++{_SPOKEN_AT}(?P<text>\S.*)$")
TIME_ONLY = re.compile(rf"^\s*+[\[(]?{CLOCK}[\])]?(?:\s*+(?:-->|,|[-–])\s*+[\[(]?{CLOCK}[\])]?)?\s*+$")
MAX_LABEL_WORDS = 4


def seconds(timestamp: str | None) -> float | None:
    if not timestamp:
        return None
    if timestamp[-1] in "mM.":
        return None  # a clock time says when it was said, not how far into the recording
    parts = [float(p.replace(",", ".")) for p in timestamp.split(":")]
    total = 0.0
    for part in parts:
        total = total * 60 + part
    return total


_CAN_START_A_TIME = frozenset("[(0123456789")


def time_only(stripped: str) -> bool:
    """TIME_ONLY.match of a stripped line, asked only of one that can start with a time (most lines
    of a long document are speech: the regex a line was a sixth of parsing a 10 MB PDF's lines)."""
    return stripped[:1] in _CAN_START_A_TIME and TIME_ONLY.match(stripped) is not None


def labelled(line: str) -> re.Match[str] | None:
    match = LABELLED_LINE.match(line)
    if match is None or len(match["speaker"].split()) > MAX_LABEL_WORDS or time_only(match["text"]):
        return None  # "Speaker 1: (00:03)" heads the lines below it (headed.py)
    return match


def lines_of(text: str, chunk_chars: int = 64 * 1024) -> Iterator[str]:
    """`text.splitlines()` a chunk at a time (each chunk ends after a newline, so no line is cut):
    a 10 MB file of short lines is millions of lines, too many string objects to hold at once."""
    start, size = 0, len(text)
    while start < size:
        cut = text.find("\n", start + chunk_chars)
        end = size if cut < 0 else cut + 1
        yield from text[start:end].splitlines()
        start = end


def parse_labelled_text(text: str, max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    return parse_labelled_lines(lines_of(text), max_chars)


def parse_labelled_lines(lines: Iterable[str], max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    builder = TurnBuilder(max_chars)
    speaker = None
    for raw in lines:
        line = raw.strip()
        if not line or time_only(line):
            continue
        if match := labelled(line):
            speaker = match["speaker"].strip()
            builder.add(speaker, match["text"].strip(), seconds(match["ts"] or match["spoken_at"]))
        else:
            builder.add(speaker or UNKNOWN_SPEAKER, line)
            speaker = speaker or UNKNOWN_SPEAKER
    return builder.turns()

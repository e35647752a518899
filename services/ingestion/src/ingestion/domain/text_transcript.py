"""Pasted or plain-text transcripts -> speaker turns.

Accepted line shapes: `Name: text`, `[00:15] Name: text`, `00:01:15 Name: text`, and
continuation lines (appended to the current speaker). Consecutive lines of one speaker
merge into one turn.

The patterns use possessive quantifiers (`*+`) where two whitespace runs meet: without them a
line of a few thousand spaces made the regex engine backtrack for minutes.
"""

import re
from collections.abc import Iterable, Iterator

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.domain.turns import UNKNOWN_SPEAKER, TurnBuilder

_TIME = r"\[?\(?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]?\)?"
_SPEAKER = r"(?P<speaker>[A-Za-z][\w .'\-()]{0,40}?)"
LABELLED_LINE = re.compile(rf"^\s*+(?:{_TIME}\s*+(?:[-–]\s*+)?)?{_SPEAKER}\s*+:\s++(?P<text>\S.*)$")
MAX_LABEL_WORDS = 4


def seconds(timestamp: str | None) -> float | None:
    if not timestamp:
        return None
    parts = [float(p.replace(",", ".")) for p in timestamp.split(":")]
    total = 0.0
    for part in parts:
        total = total * 60 + part
    return total


def labelled(line: str) -> re.Match[str] | None:
    match = LABELLED_LINE.match(line)
    return match if match and len(match["speaker"].split()) <= MAX_LABEL_WORDS else None


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
        if not line:
            continue
        if match := labelled(line):
            speaker = match["speaker"].strip()
            builder.add(speaker, match["text"].strip(), seconds(match["ts"]))
        else:
            builder.add(speaker or UNKNOWN_SPEAKER, line)
            speaker = speaker or UNKNOWN_SPEAKER
    return builder.turns()

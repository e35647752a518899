"""The "header line, then body" layout of Otter.ai text exports and Microsoft Teams docx
transcripts:

    Maya Chen  0:03
    Thanks for making time today. What would you like to focus on?

    Daniel Okafor  0:00:09
    The offsite, mostly.

Hand-written because no library reads it: it is a text layout, not a file format. A header is
a short name, at least two spaces (or a tab), then `m:ss` or `h:mm:ss` and nothing else; the
wide gap is what tells it from a sentence that ends in a time ("See you at 5:30"). The gap is
matched possessively (`\\s{2,}+`): backtracking into it made a long line of spaces cost minutes.
"""

import re
from collections.abc import Iterable

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.domain.text_transcript import seconds
from ingestion.domain.turns import Cue, merge_cues

HEADER = re.compile(
    r"^\s*+(?P<speaker>[^\W\d_][\w .'\-()]{0,60}?)(?:\s{2,}+|\t)"
    r"(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)\s*+$")
MAX_NAME_WORDS = 4


def header(line: str) -> re.Match[str] | None:
    match = HEADER.match(line)
    return match if match and len(match["speaker"].split()) <= MAX_NAME_WORDS else None


def looks_headed(headers: int, labelled_count: int) -> bool:
    """At least two headers, and more of them than `Name: text` lines."""
    return headers >= 2 and headers > labelled_count


def _cues(lines: Iterable[str]) -> Iterable[Cue]:
    speaker: str | None = None
    start: float | None = None
    body: list[str] = []
    for line in lines:
        if match := header(line):
            if speaker is not None:
                yield Cue(speaker=speaker, text=" ".join(body), start_seconds=start)
            speaker, start, body = match["speaker"].strip(), seconds(match["ts"]), []
        elif speaker is not None and line.strip():
            body.append(line.strip())
    if speaker is not None:
        yield Cue(speaker=speaker, text=" ".join(body), start_seconds=start)


def parse_headed_lines(lines: Iterable[str], max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    """Lines before the first header (Teams puts the meeting title, date and duration there)
    are not speech and are dropped."""
    return merge_cues(_cues(lines), max_chars)

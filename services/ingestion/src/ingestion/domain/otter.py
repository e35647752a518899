"""The "header line, then body" layout of Otter.ai text exports and Microsoft Teams docx
transcripts:

    Maya Chen  0:03
    Thanks for making time today. What would you like to focus on?

    Daniel Okafor  0:00:09
    The offsite, mostly.

Hand-written because no library reads it: it is a text layout, not a file format. A header is
a short name, at least two spaces (or a tab), then `m:ss` or `h:mm:ss` and nothing else; the
wide gap is what tells it from a sentence that ends in a time ("See you at 5:30").
"""

import re

from contracts import Turn
from ingestion.domain.text_transcript import seconds
from ingestion.domain.turns import Cue, merge_cues

HEADER = re.compile(
    r"^\s*(?P<speaker>[^\W\d_][\w .'\-()]{0,60}?)(?:\s{2,}|\t)\s*"
    r"(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)\s*$")
MAX_NAME_WORDS = 4


def header(line: str) -> re.Match[str] | None:
    match = HEADER.match(line)
    return match if match and len(match["speaker"].split()) <= MAX_NAME_WORDS else None


def looks_headed(lines: list[str], labelled_count: int) -> bool:
    """At least two headers, and more of them than `Name: text` lines."""
    headers = sum(1 for line in lines if header(line))
    return headers >= 2 and headers > labelled_count


def parse_headed_lines(lines: list[str]) -> list[Turn]:
    """Lines before the first header (Teams puts the meeting title, date and duration there)
    are not speech and are dropped."""
    cues: list[Cue] = []
    speaker: str | None = None
    start: float | None = None
    body: list[str] = []
    for line in [*lines, None]:
        match = header(line) if line is not None else None
        if line is None or match:
            if speaker is not None:
                cues.append(Cue(speaker=speaker, text=" ".join(body), start_seconds=start))
            if match:
                speaker, start, body = match["speaker"].strip(), seconds(match["ts"]), []
        elif speaker is not None and line.strip():
            body.append(line.strip())
    return merge_cues(cues)

"""The "header line, then body" layouts: a line that only names the speaker (and mostly says
when), then what they said on the lines below. How the common exporters write the header:

    Maya Chen  0:03                 Otter.ai, Microsoft Teams docx
    Maya Chen (00:00:03):           Rev, Descript
    Maya Chen - 00:03               Fireflies, tl;dv ("|" too)
    [Maya Chen] 10:01:23            Zoom's saved closed captions
    00:03 Maya Chen                 the time first
    Maya Chen:                      a name on a line of its own, in a Word document
    Maya Chen                       Teams or Zoom copied from the screen: the name, then
    10:03 AM                        a line with only the time
    MAYA / Maya Chen                a name alone on its line (a script, a Word document with
                                    the names in bold): only a name that heads two blocks or
                                    more, and only where no header of the forms above is found

Hand-written because no library reads them: they are text layouts, not file formats. Each form
has something that tells it from a sentence: the wide gap before the time ("See you at 5:30"
is speech), the brackets or the dash before it, the colon that ends the line, the time on the
next line, a name's capitals. Gaps are matched possessively (`\\s{2,}+`): backtracking into a long
line of spaces cost minutes.
"""

import re
from collections.abc import Iterable, Iterator

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.domain.text_transcript import CLOCK, TIME_ONLY, seconds
from ingestion.domain.turns import Cue, merge_cues

_NAME = r"^\s*+(?P<speaker>[^\W\d_][\w .'\-()/]{0,60}?)"
_TS = rf"(?P<ts>{CLOCK})"
HEADERS = (*(re.compile(rf"{_NAME}{form}\s*+$") for form in (
    rf"(?:\s{{2,}}+|\t)\s*+{_TS}",  # Otter, Teams
    rf"\s*+[\[(]{_TS}[\])]\s*+:?",  # Rev, Descript
)), re.compile(rf"^\s*+\[(?P<speaker>[^\W\d_][\w .'\-()/]{{0,60}}?)\]\s*+{_TS}\s*+:?\s*+$"))  # Zoom captions
# forms a sentence could take ("Here's the thing:", "Lunch - 12:30"): only with a name's capitals
NAMED_HEADERS = tuple(re.compile(rf"{_NAME}{form}\s*+$") for form in (
    rf"\s++[-–|]\s++{_TS}",  # Fireflies, tl;dv
    rf"\s++{_TS}",  # Otter's gap collapsed to one space, as a web page shows it
    rf"\s*+:(?:\s*+[\[(]?{_TS}[\])]?)?",  # a name and a colon, maybe a time, no speech
))
TIME_FIRST = re.compile(rf"^\s*+[\[(]?{_TS}[\])]?\s*+(?:[-–|]\s*+)?(?P<speaker>[^\W\d_][\w .'\-]{{0,60}}?)\s*+$")
BARE_NAME = re.compile(r"^\s*+(?P<speaker>[^\W\d_][\w.'\-]*+(?: [^\W_][\w.'\-]*+){0,3})\s*+$")
NAME_ALONE = re.compile(r"^\s*+[^\W\d_][\w .'\-]{0,60}$")
MAX_NAME_WORDS = 4
_BOLD = re.compile(r"\*\*|__")
MAX_HEADER_CHARS = 100  # past this, a line of more than eight words is speech, not a name and a time


def header(line: str, bare_names: frozenset[str] = frozenset()) -> re.Match[str] | None:
    """The header in `line`, if it is one; `bare_names` are the names alone on a line that head blocks."""
    if len(line) > MAX_HEADER_CHARS and len(line.split(None, 8)) > 8:
        return None  # speech: most lines of a transcript, and the forms' lazy names cost on them
    if "**" in line or "__" in line:  # Markdown's bold around the name: "**Maya Chen** 00:03", "**Maya Chen:**"
        line = _BOLD.sub("", line)
    match = None
    if ":" in line:  # every form but a bare name has a time or a colon
        match = next((m for form in HEADERS if (m := form.match(line))), None) or next(
            (m for form in (*NAMED_HEADERS, TIME_FIRST) if (m := form.match(line)) and _capitalised(m["speaker"])),
            None)
    if match is None and bare_names and (m := bare_name(line)) and m["speaker"] in bare_names:
        match = m
    return match if match and len(match["speaker"].split()) <= MAX_NAME_WORDS else None


def bare_name(line: str) -> re.Match[str] | None:
    """A line that could be a name alone: capitalised words, no sentence's full stop."""
    match = BARE_NAME.match(line) if len(line) <= MAX_HEADER_CHARS else None
    return match if match and _capitalised(match["speaker"]) and not match["speaker"].endswith(".") else None


def _capitalised(name: str) -> bool:
    return all(word[0].isupper() or word[0].isdigit() for word in name.split())


def timestamp(match: re.Match[str]) -> str | None:
    return match.groupdict().get("ts")


class NamesAboveTimes:
    """The lines with each "name, then a line with only a time" pair made one `Name  time`
    header (how Teams and Zoom transcripts read when copied from the screen). Re-iterable, like
    the lines it reads."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines

    def __iter__(self) -> Iterator[str]:
        held: str | None = None
        for line in self.lines:
            if held is not None:
                if TIME_ONLY.match(line) and "-->" not in line and "," not in line:
                    yield f"{held.strip()}  {line.strip().strip('[]()')}"
                    held = None
                    continue
                yield held
                held = None
            if len(line) <= MAX_HEADER_CHARS and NAME_ALONE.match(line) and len(line.split()) <= MAX_NAME_WORDS \
                    and _capitalised(line) \
                    and not line.rstrip().endswith(".") and header(line) is None:
                held = line
            else:
                yield line
        if held is not None:
            yield held


def looks_headed(headers: int, labelled_count: int) -> bool:
    """At least two headers, and more of them than `Name: text` lines."""
    return headers >= 2 and headers > labelled_count


def _cues(lines: Iterable[str], bare_names: frozenset[str]) -> Iterable[Cue]:
    speaker: str | None = None
    start: float | None = None
    body: list[str] = []
    for line in lines:
        if match := header(line, bare_names):
            if speaker is not None:
                yield Cue(speaker=speaker, text=" ".join(body), start_seconds=start)
            speaker, start, body = match["speaker"].strip(), seconds(timestamp(match)), []
        elif speaker is not None and line.strip() and not TIME_ONLY.match(line):
            body.append(line.strip())
    if speaker is not None:
        yield Cue(speaker=speaker, text=" ".join(body), start_seconds=start)


def parse_headed_lines(lines: Iterable[str], max_chars: int = MAX_TRANSCRIPT_CHARS,
                       bare_names: frozenset[str] = frozenset()) -> list[Turn]:
    """Lines before the first header (Teams puts the meeting title, date and duration there)
    are not speech and are dropped."""
    return merge_cues(_cues(lines, bare_names), max_chars)

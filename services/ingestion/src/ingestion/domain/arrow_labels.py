"""`Name > text` and `[Name] text` lines, as some chat and meeting exports write them ("Maya Chen >
How are you?", "[Maya Chen] How are you?"), read as `Name: text`.

A ">" is prose too ("growth > comfort for me"), so it is held to the discipline of a `Name:`
label and more: the line must start with the name, the name must be one a label may hold
(text_transcript: a letter first, at most four words, then speech that is more than a time),
and the layout must recur: it takes two names that each open two lines or more. Where it does,
a name that opens one line only is a speaker too if it is written as names are, each word
capitalised ("Tom Park > Fine."; not "growth > comfort"). Not "->" nor ">>".

The layout is watched for while the lines are parsed as `Name: text` ones (a pass of its own
would wait for a document's last page before its first could be parsed); once it shows, that
parse is moot and stops, before it has built the turn the lines were running into."""

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from ingestion.domain.text_transcript import MAX_LABEL_WORDS, SPEAKER, TIME_ONLY

ARROW_LINE = re.compile(rf"^\s*+{SPEAKER}\s*+(?<!-)>(?!>)\s++(?P<text>\S.*)$")
# "[Maya Chen] How are you?", as some chat logs and captions write it; held to the same discipline,
# and a transcriber's note in brackets ("[Laughter] Okay.") is never a name
BRACKET_LINE = re.compile(rf"^\s*+\[{SPEAKER}\]\s++(?P<text>\S.*)$")
_NOTES = frozenset("""laughs laughter laughing inaudible crosstalk pause pauses silence music applause coughs sighs
unintelligible overlapping overtalk indistinct background noise noises long pause break chuckles chuckling giggles
gasps groans sniffles sobs sobbing crying whispers whispering mumbles mumbling murmurs exhales inhales scoffs cheering
clapping chatter static foreign language unclear""".split())
MIN_LINES_A_NAME = 2
MIN_NAMES = 2


class ArrowLayout(Exception):
    """The lines are `Name > text` ones."""


def _arrow(line: str) -> tuple[str, str] | None:
    if "]" in line and line.lstrip().startswith("["):
        return bracketed(line)
    if ">" in line:
        return _named(ARROW_LINE.match(line))
    return None  # most lines: no regex for them


def bracketed(line: str) -> tuple[str, str] | None:
    """(name, speech) of a `[Name] speech` line; None where the brackets hold a transcriber's note."""
    match = BRACKET_LINE.match(line)
    if match is not None and _NOTES.issuperset(match["speaker"].lower().split()):
        return None
    return _named(match)


def _named(match: re.Match[str] | None) -> tuple[str, str] | None:
    if match is None or len(match["speaker"].split()) > MAX_LABEL_WORDS or TIME_ONLY.match(match["text"]):
        return None
    return match["speaker"].strip(), match["text"]


class WatchedLines:
    """The lines, re-iterable; a pass raises ArrowLayout once two names have each opened two."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines

    def __iter__(self) -> Iterator[str]:
        counts: Counter[str] = Counter()
        recurring = 0
        for line in self.lines:
            if arrow := _arrow(line):
                counts[arrow[0]] += 1
                recurring += counts[arrow[0]] == MIN_LINES_A_NAME
                if recurring >= MIN_NAMES:
                    raise ArrowLayout
            yield line


class ArrowLines:
    """The lines, re-iterable, those opened by one of the layout's names given as `Name: text`."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines
        counts = Counter(arrow[0] for line in lines if (arrow := _arrow(line)))
        self.names = frozenset(name for name, n in counts.items() if n >= MIN_LINES_A_NAME or capitalised(name))

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            arrow = _arrow(line)
            yield f"{arrow[0]}: {arrow[1]}" if arrow and arrow[0] in self.names else line


def capitalised(name: str) -> bool:
    return all(word[0].isupper() for word in name.split())

"""Timed pieces of speech (subtitle cues, Otter/Teams blocks) -> speaker turns.

A speaker talking across several cues is one turn: it keeps the first cue's start and the
last cue's end. Cues with no speaker label belong to "Unknown", except stage directions
such as "[Recording started]" or "(laughter)", which are not speech and are dropped. A cue
marked `new_speaker` (a subtitle's dialogue dash) starts a turn even when its speaker, unknown,
is the same as the one before: two people said them, whoever they were.

Turns are built in linear time and within the character limit: a speaker's pieces are kept in a
list and joined once (re-joining the growing text for every line made a file of short lines
quadratic), and the limit is checked as each piece arrives, so an oversized file is refused as
soon as it has shown more speech than fits, not after all of it has been parsed."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.domain.errors import TranscriptTooLong

# NUL and the other C0 controls (tab and line breaks aside) are never speech, and Postgres text
# cannot hold NUL: they are dropped from speakers and speech whatever the format they came in.
_CONTROLS = {c: None for c in range(32) if chr(c) not in "\t\n\r"} | {0x7F: None}
# translate() looks every character up in a dict (4 us a line: half of parsing a 10 MB PDF's lines);
# a line rarely holds a control, and a regex finds that out in C
_ANY_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS) + "]")
STAGE_DIRECTION = re.compile(r"^(?:\[[^\]]*\]|\([^)]*\))$")
UNKNOWN_SPEAKER = "Unknown"


@dataclass(frozen=True)
class Cue:
    speaker: str | None
    text: str
    start_seconds: float | None = None
    end_seconds: float | None = None
    new_speaker: bool = False


def too_long(max_chars: int) -> TranscriptTooLong:
    return TranscriptTooLong(f"the transcript is longer than the limit of {max_chars:,} characters")


class TurnBuilder:
    """Appends speech to turns; consecutive pieces of one speaker become one turn, joined by spaces.
    `chars` is the length the turns' texts will have; past `max_chars` `add` raises TranscriptTooLong."""

    def __init__(self, max_chars: int = MAX_TRANSCRIPT_CHARS) -> None:
        self.max_chars = max_chars
        self.chars = 0
        self._turns: list[Turn] = []
        self._speaker: str | None = None
        self._pieces: list[str] = []
        self._start: float | None = None
        self._end: float | None = None

    def add(self, speaker: str, text: str, start: float | None = None, end: float | None = None,
            new_turn: bool = False) -> None:
        speaker, text = (_without_controls(speaker) or UNKNOWN_SPEAKER), _without_controls(text)
        if not text:
            return
        joins = bool(self._pieces) and speaker == self._speaker and not new_turn
        self.chars += len(text) + joins
        if self.chars > self.max_chars:
            raise too_long(self.max_chars)
        if joins:
            self._pieces.append(text)
            self._end = end if end is not None else self._end
            return
        self._close()
        self._speaker, self._pieces, self._start, self._end = speaker, [text], start, end

    def turns(self) -> list[Turn]:
        self._close()
        return self._turns

    def _close(self) -> None:
        if self._pieces:
            self._turns.append(Turn(speaker=self._speaker, role="unknown", text=" ".join(self._pieces),
                                    start_seconds=self._start, end_seconds=self._end))
            self._pieces = []


def _without_controls(text: str) -> str:
    return (text.translate(_CONTROLS) if _ANY_CONTROL.search(text) else text).strip()


def merge_cues(cues: Iterable[Cue], max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    builder = TurnBuilder(max_chars)
    for cue in cues:
        text = " ".join(cue.text.split())
        if not text or (cue.speaker is None and STAGE_DIRECTION.match(text)):
            continue
        builder.add(cue.speaker or UNKNOWN_SPEAKER, text, cue.start_seconds, cue.end_seconds, cue.new_speaker)
    return builder.turns()

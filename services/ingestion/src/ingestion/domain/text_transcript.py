"""Pasted or plain-text transcripts -> speaker turns.

Accepted line shapes: `Name: text`, `[00:15] Name: text`, `00:01:15 Name: text`, and
continuation lines (appended to the current speaker). Consecutive lines of one speaker
merge into one turn.
"""

import re

from contracts import Turn

_TIME = r"\[?\(?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]?\)?"
_SPEAKER = r"(?P<speaker>[A-Za-z][\w .'\-()]{0,40}?)"
LABELLED_LINE = re.compile(rf"^\s*(?:{_TIME}\s*[-–]?\s*)?{_SPEAKER}\s*:\s+(?P<text>\S.*)$")
UNKNOWN_SPEAKER = "Unknown"


def seconds(timestamp: str | None) -> float | None:
    if not timestamp:
        return None
    parts = [float(p.replace(",", ".")) for p in timestamp.split(":")]
    total = 0.0
    for part in parts:
        total = total * 60 + part
    return total


def parse_labelled_text(text: str) -> list[Turn]:
    turns: list[Turn] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = LABELLED_LINE.match(line)
        if match and len(match["speaker"].split()) <= 4:
            add_turn(turns, match["speaker"].strip(), match["text"].strip(), seconds(match["ts"]))
        elif turns:
            add_turn(turns, turns[-1].speaker, line, None)
        else:
            add_turn(turns, UNKNOWN_SPEAKER, line, None)
    return turns


def add_turn(turns: list[Turn], speaker: str, text: str, start: float | None) -> None:
    if turns and turns[-1].speaker == speaker:
        last = turns[-1]
        turns[-1] = Turn(speaker=speaker, role=last.role, text=f"{last.text} {text}",
                         start_seconds=last.start_seconds, end_seconds=last.end_seconds)
    else:
        turns.append(Turn(speaker=speaker, role="unknown", text=text, start_seconds=start))

"""Timed pieces of speech (subtitle cues, Otter/Teams blocks) -> speaker turns.

A speaker talking across several cues is one turn: it keeps the first cue's start and the
last cue's end. Cues with no speaker label belong to "Unknown", except stage directions
such as "[Recording started]" or "(laughter)", which are not speech and are dropped."""

import re
from dataclasses import dataclass

from contracts import Turn
from ingestion.domain.text_transcript import UNKNOWN_SPEAKER

STAGE_DIRECTION = re.compile(r"^(?:\[[^\]]*\]|\([^)]*\))$")


@dataclass(frozen=True)
class Cue:
    speaker: str | None
    text: str
    start_seconds: float | None = None
    end_seconds: float | None = None


def merge_cues(cues: list[Cue]) -> list[Turn]:
    turns: list[Turn] = []
    for cue in cues:
        text = " ".join(cue.text.split())
        if not text or (cue.speaker is None and STAGE_DIRECTION.match(text)):
            continue
        speaker = cue.speaker or UNKNOWN_SPEAKER
        if turns and turns[-1].speaker == speaker:
            last = turns[-1]
            end = cue.end_seconds if cue.end_seconds is not None else last.end_seconds
            turns[-1] = Turn(speaker=speaker, role="unknown", text=f"{last.text} {text}",
                             start_seconds=last.start_seconds, end_seconds=end)
        else:
            turns.append(Turn(speaker=speaker, role="unknown", text=text,
                              start_seconds=cue.start_seconds, end_seconds=cue.end_seconds))
    return turns

"""The normalised transcript every format is turned into."""

from typing import Literal

import msgspec

Role = Literal["coach", "client", "unknown"]
# How a speaker's role was decided, strongest first.
RoleSource = Literal["label", "relationship", "coach_speaker", "heuristic", "default"]


class Turn(msgspec.Struct, frozen=True, kw_only=True):
    speaker: str
    role: Role
    text: str
    start_seconds: float | None = None
    end_seconds: float | None = None


class SpeakerRole(msgspec.Struct, frozen=True, kw_only=True):
    speaker: str
    role: Role
    decided_by: RoleSource


class Transcript(msgspec.Struct, frozen=True, kw_only=True):
    turns: list[Turn]
    speakers: list[SpeakerRole] = []
    source_format: str = "text"

    @property
    def word_count(self) -> int:
        return sum(len(turn.text.split()) for turn in self.turns)

    @property
    def full_text(self) -> str:
        return "\n".join(turn.text for turn in self.turns)

"""The transcript as the analyzer sees it: turns with a resolved role and sentences.

Built once per analysis and shared by every detector, so sentence splitting and
word counting happen once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from contracts.transcript import Transcript

from . import sentences
from .sentences import Span

_WORD = re.compile(r"\w")


@dataclass(slots=True)
class TurnView:
    index: int
    speaker: str
    role: str  # "coach" | "client" | "unknown"
    text: str
    spans: tuple[Span, ...]
    word_count: int
    start_seconds: float | None = None
    end_seconds: float | None = None

    @property
    def is_coach(self) -> bool:
        return self.role == "coach"

    @property
    def is_client(self) -> bool:
        return self.role == "client"


@dataclass(slots=True)
class Session:
    turns: list[TurnView]
    word_count: int
    coach_words: int = 0
    client_words: int = 0
    _next_client: dict[int, int] = field(default_factory=dict)

    @property
    def client_turns(self) -> list[TurnView]:
        return [t for t in self.turns if t.is_client]

    @property
    def coach_turns(self) -> list[TurnView]:
        return [t for t in self.turns if t.is_coach]

    def next_turn(self, turn: TurnView) -> TurnView | None:
        i = turn.index + 1
        return self.turns[i] if i < len(self.turns) else None

    def previous_turn(self, turn: TurnView) -> TurnView | None:
        return self.turns[turn.index - 1] if turn.index > 0 else None

    def previous_of(self, turn: TurnView, role: str) -> TurnView | None:
        for i in range(turn.index - 1, -1, -1):
            if self.turns[i].role == role:
                return self.turns[i]
        return None


def build(transcript: Transcript) -> Session:
    roles = resolve_roles(transcript)
    views = []
    for turn, role in zip(transcript.turns, roles, strict=True):
        text = turn.text or ""
        if not _WORD.search(text):
            continue  # an empty or wordless turn ("", "...", "--") says nothing, and answers no question
        views.append(
            TurnView(
                index=len(views),
                speaker=turn.speaker,
                role=role,
                text=text,
                spans=sentences.split(text),
                word_count=len(text.split()),
                start_seconds=turn.start_seconds,
                end_seconds=turn.end_seconds,
            )
        )
    session = Session(turns=views, word_count=sum(v.word_count for v in views))
    session.coach_words = sum(v.word_count for v in views if v.is_coach)
    session.client_words = sum(v.word_count for v in views if v.is_client)
    return session


def resolve_roles(transcript: Transcript) -> list[str]:
    """One role per turn. Labels are trusted; unknown speakers are inferred.

    A speaker whose role is known on some turn keeps it everywhere. If only one
    side is known, the remaining speakers are the other side. If nothing is
    known, the speaker who asks the most questions is the coach (coaching is
    mostly asking), everyone else the client.
    """
    turns = transcript.turns
    known: dict[str, str] = {}
    for sr in transcript.speakers:
        if sr.role != "unknown":
            known.setdefault(sr.speaker, sr.role)
    for t in turns:
        if t.role != "unknown":
            known.setdefault(t.speaker, t.role)
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    unknown = [s for s in speakers if s not in known]
    if unknown:
        sides = set(known.values())
        if sides == {"coach"}:
            known.update({s: "client" for s in unknown})
        elif sides == {"client"}:
            known.update({s: "coach" for s in unknown})
        elif not sides:
            known.update(_infer(turns, speakers))
    return [t.role if t.role != "unknown" else known.get(t.speaker, "unknown") for t in turns]


def _infer(turns, speakers: list[str]) -> dict[str, str]:
    if len(speakers) < 2:
        # A monologue: whoever speaks is the one being coached.
        return {s: "client" for s in speakers}
    questions = Counter({s: 0 for s in speakers})
    for t in turns:
        questions[t.speaker] += (t.text or "").count("?")
    # Ties go to the speaker who spoke first (coaches usually open the session).
    coach = max(speakers, key=lambda s: (questions[s], -speakers.index(s)))
    return {s: ("coach" if s == coach else "client") for s in speakers}

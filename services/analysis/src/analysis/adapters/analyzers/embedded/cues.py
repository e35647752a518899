"""Finding client sentences that match a cue pattern (shared by the detectors)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .caseless import Cue
from .evidence import quote
from .sentences import Span
from .session import Session, TurnView


@dataclass(frozen=True, slots=True)
class Hit:
    turn: TurnView
    span: Span
    match: re.Match

    @property
    def text(self) -> str:
        return quote(self.turn, self.span, self.span.start + self.match.start())


def client_hits(
    session: Session, pattern: Cue, exclude: Cue | None = None, questions: bool = False
) -> list[Hit]:
    """Client sentences matching `pattern` (not `exclude`); questions skipped unless asked for."""
    hits = []
    for turn in session.client_turns:
        for span in turn.spans:
            sentence = span.text.replace("\u2019", "'")
            if not questions and sentence.rstrip("\"' )").endswith("?"):
                continue
            m = pattern.search(sentence)
            if m and not (exclude and exclude.search(sentence)):
                hits.append(Hit(turn, span, m))
    return hits

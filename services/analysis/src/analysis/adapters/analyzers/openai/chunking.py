"""Transcript -> numbered lines -> parts that fit the model's context window.

Tokens are estimated as characters / 4 (close enough for English with any BPE
tokenizer, and needs no tokenizer download)."""

import math
import re
from dataclasses import dataclass

from contracts import Transcript

# A turn's text may not open or close the data block, nor forge a new numbered turn.
_DELIMITER = re.compile(r"<(/?)(transcript)", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based turn number, shared by the pieces of an over-long turn
    text: str


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def render_lines(transcript: Transcript) -> list[Line]:
    return [Line(n, f"[{n}] {_clean(turn.speaker)} ({turn.role}): {_clean(turn.text)}")
            for n, turn in enumerate(transcript.turns, 1)]


def _clean(text: str) -> str:
    return _DELIMITER.sub(lambda m: f"\u2039{m[1]}{m[2]}", " ".join(text.split()))


def split(lines: list[Line], budget_tokens: int) -> list[list[Line]]:
    """Whole turns, in order, greedily packed into parts of at most `budget_tokens`."""
    parts: list[list[Line]] = []
    current: list[Line] = []
    used = 0
    for piece in (piece for line in lines for piece in _pieces(line, budget_tokens)):
        cost = estimate_tokens(piece.text) + 1
        if current and used + cost > budget_tokens:
            parts.append(current)
            current, used = [], 0
        current.append(piece)
        used += cost
    if current:
        parts.append(current)
    return parts


def _pieces(line: Line, budget_tokens: int) -> list[Line]:
    """A single turn longer than a part is cut at word boundaries, each piece keeping its header."""
    if estimate_tokens(line.text) < budget_tokens:
        return [line]
    header, _, body = line.text.partition(": ")
    limit = max(budget_tokens * 4 - len(header) - 16, 40)
    pieces, words = [], []
    for word in body.split(" "):
        if words and len(" ".join([*words, word])) > limit:
            pieces.append(" ".join(words))
            words = []
        words.append(word)
    pieces.append(" ".join(words))
    return [Line(line.number, f"{header} (part {i}/{len(pieces)}): {text}") for i, text in enumerate(pieces, 1)]

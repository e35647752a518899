"""Transcript -> numbered lines -> parts that fit the model's context window.

Tokens are estimated as characters / 4 (close enough for English with any BPE
tokenizer, and needs no tokenizer download)."""

import math
import re
from dataclasses import dataclass

from contracts import Transcript

# A turn's text may not open or close a data block, nor forge a new numbered turn (it is on one line).
_DELIMITER = re.compile(r"<(/?)(transcript|passages|findings)", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based turn number, shared by the pieces of an over-long turn
    text: str


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def render_lines(transcript: Transcript) -> list[Line]:
    return [Line(n, f"[{n}] {clean(turn.speaker)} ({turn.role}): {clean(turn.text)}")
            for n, turn in enumerate(transcript.turns, 1)]


def clean(text: str) -> str:
    return _DELIMITER.sub(lambda m: f"\u2039{m[1]}{m[2]}", " ".join(text.split()))


def split(lines: list[Line], budget_tokens: int, overlap: int = 0) -> list[list[Line]]:
    """Whole turns, in order, packed into parts of at most `budget_tokens`. Each part after
    the first repeats the previous part's last `overlap` lines (at most half a budget of
    them), so a coach question at the end of one part meets the client's answer in the next."""
    pieces = [piece for line in lines for piece in _pieces(line, budget_tokens)]
    parts: list[list[Line]] = []
    start = 0
    while start < len(pieces):
        end, used = start, 0
        while end < len(pieces) and (end == start or used + _cost(pieces[end]) <= budget_tokens):
            used += _cost(pieces[end])
            end += 1
        parts.append(pieces[start:end])
        if end == len(pieces):
            break
        start = max(end - _overlap(pieces[start:end], overlap, budget_tokens // 2), start + 1)
    return parts


def halve(lines: list[Line], overlap: int) -> list[list[Line]]:
    """Two smaller parts for a part whose answer was cut off; each strictly smaller than
    `lines`, sharing up to `overlap` lines. A single line is cut in two at a word boundary."""
    if len(lines) == 1:
        [line] = lines
        return [[piece] for piece in _pieces(line, estimate_tokens(line.text) // 2 + 8)]
    middle = len(lines) // 2
    # One shared line already keeps a question with its answer; more would barely shrink the halves.
    shared = min(overlap, middle - 1, (len(lines) - middle) // 2)
    return [lines[:middle], lines[middle - max(shared, 0):]]


def _cost(line: Line) -> int:
    return estimate_tokens(line.text) + 1


def _overlap(part: list[Line], wanted: int, budget_tokens: int) -> int:
    count, used = 0, 0
    for line in reversed(part[-wanted:] if wanted > 0 else []):
        used += _cost(line)
        if used > budget_tokens:
            break
        count += 1
    return count


def _pieces(line: Line, budget_tokens: int) -> list[Line]:
    """A single turn longer than a part is cut at word boundaries, each piece keeping its header."""
    if estimate_tokens(line.text) < budget_tokens or " " not in line.text.partition(": ")[2]:
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

"""Verbatim quotes: sentence-level slices of a turn's text, never paraphrased.

A quote is always `turn.text[a:b]`, so it is an exact substring by construction.
Long run-on sentences (common in speech-to-text) are cut to the clause around
the cue that triggered the claim, so quotes stay readable.
"""

from __future__ import annotations

import re

from .sentences import Span
from .session import TurnView

MAX_QUOTE_WORDS = 40
# Spoken fillers at the start of a sentence carry no meaning in a quote. A word that can also carry
# meaning counts only with its comma, or before a clause's subject ("No, I did" but not "No one
# did"; "So I think" and "So, I" but not "So much lighter"). No "^": it would match only at the
# turn's start, never at a later sentence's.
_LEADING_FILLER = re.compile(
    r"(?:(?:um+|uh+|uhm|hmm+|mm-?hmm)\b[,.!]?\s+|"
    r"(?:yeah|yes|yep|no|oh|ok(?:ay)?|well|so|right|like|you know|i mean)[,.!]\s+|"
    r"(?:yeah|yes|oh|ok(?:ay)?|well|so|right)\s+(?=(?:i|it|we|you|they|he|she|that|this|the|my|there)\b)|"
    r"(?:and|but)\s+)+",
    re.I,
)
# A transcriber's note ("[laughs]", "[long pause]", "(sighs)") is not the speaker's words: a quote never opens on one.
_STAGE_DIRECTION = re.compile(r"(?:\[[^\]\n]{1,40}\]|\((?:laugh|laughs|laughing|laughter|pause|pauses|long pause|sigh|"
                              r"sighs|silence|crying|cries|inaudible|crosstalk|exhales|inhales)\))[.,]?\s+", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]\s+")
_CONNECTIVE = re.compile(r"(?:and|but|so|then|because)\s+", re.I)


def span_at(turn: TurnView, pos: int) -> Span | None:
    """The sentence of `turn` that contains character offset `pos`."""
    for span in turn.spans:
        if span.start <= pos < span.end:
            return span
    return None


def quote(turn: TurnView, span: Span, focus: int | None = None) -> str:
    """The sentence `span`, fillers dropped, cut to a clause if too long."""
    start, end = span.start, span.end
    if len(turn.text[start:end].split()) > MAX_QUOTE_WORDS:
        start, end = _clause_window(turn.text, start, end, span.start if focus is None else focus)
    start = _skip_filler(turn.text, start, end)
    return turn.text[start:end]


def clause_quote(turn: TurnView, span: Span, focus: int) -> str:
    """Like `quote`, but starting at the clause that holds `focus` when the
    sentence strings several together ("I want to rest, and I will call her")."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(turn.text, span.start, focus)]
    if breaks and len(turn.text[breaks[-1] : span.end].split()) >= 4:
        start = breaks[-1]
        m = _CONNECTIVE.match(turn.text, start, span.end)
        if m and len(turn.text[m.end() : span.end].split()) >= 4:
            start = m.end()
        return quote(turn, Span(start, span.end, turn.text[start : span.end]), focus)
    return quote(turn, span, focus)


def sentence_quote(turn: TurnView, pos: int) -> str | None:
    span = span_at(turn, pos)
    return quote(turn, span, pos) if span else None


def _skip_filler(text: str, start: int, end: int) -> int:
    while (d := _STAGE_DIRECTION.match(text, start, end)) and text[d.end() : end].strip():
        start = d.end()
    m = _LEADING_FILLER.match(text, start, end)
    if m and len(text[m.end() : end].split()) >= 3:
        return m.end()
    return start


def _clause_window(text: str, start: int, end: int, focus: int) -> tuple[int, int]:
    """Clause boundaries around `focus`, at most MAX_QUOTE_WORDS words."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, end)]
    left = max([b for b in breaks if b <= focus], default=start)
    # Keep whole clauses to the right while they fit.
    right = end
    for m in _CLAUSE_BREAK.finditer(text, focus, end):
        if len(text[left : m.start()].split()) >= 8:
            right = m.start()
            break
    if len(text[left:right].split()) > MAX_QUOTE_WORDS:
        right = _word_cut(text, left, MAX_QUOTE_WORDS)
    return left, right


def _word_cut(text: str, start: int, n_words: int) -> int:
    """Offset just after the n-th word from `start`."""
    count = 0
    for m in re.finditer(r"\S+", text[start:]):
        count += 1
        if count == n_words:
            return start + m.end()
    return len(text)


def dedupe(quotes: list[str], limit: int = 3) -> list[str]:
    seen: list[str] = []
    for q in quotes:
        if q and q not in seen:
            seen.append(q)
        if len(seen) == limit:
            break
    return seen

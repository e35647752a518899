"""Sentence spans of a turn, as exact character offsets into the turn's text.

Every quote the analyzer emits is cut from these spans, so evidence is always a
verbatim substring of a turn. A regex splitter is used for speed (pysbd costs
~0.3 ms per turn, too slow for 9,000-word transcripts); pysbd is only called for
the few turns whose periods may be abbreviations, and its result is cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ? ! (or runs of them, or an ellipsis), optionally followed
# by a closing quote or bracket; dashes ("--", " - ") also end a spoken clause.
_END = re.compile(r"[.?!\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)|\s--+\s|\s[\u2014\u2013-]\s")
# Periods that probably do not end a sentence: Mr. Dr. e.g. 3.5 U.S.
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|etc|approx|e\.g|i\.e|a\.m|p\.m|[A-Z])\.\s|\d\.\d")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def split(text: str) -> tuple[Span, ...]:
    """Sentence spans of `text` (stripped, non-empty)."""
    if _ABBREVIATION.search(text):
        return _pysbd_split(text)
    return _regex_split(text)


def _regex_split(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    pos = 0
    for m in _END.finditer(text):
        _add(spans, text, pos, m.end())
        pos = m.end()
    _add(spans, text, pos, len(text))
    return tuple(spans)


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    # Trim whitespace and dangling dashes so the span starts/ends on words.
    while start < end and (text[start].isspace() or text[start] in "-\u2014\u2013"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "-\u2014\u2013"):
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        spans.append(Span(start, end, text[start:end]))


@lru_cache(maxsize=4096)
def _pysbd_split(text: str) -> tuple[Span, ...]:
    segmenter = _segmenter()
    spans: list[Span] = []
    pos = 0
    for seg in segmenter.segment(text):
        piece = seg.strip()
        if not piece:
            continue
        start = text.find(piece, pos)
        if start < 0:  # pysbd altered the text: fall back to the regex splitter
            return _regex_split(text)
        _add(spans, text, start, start + len(piece))
        pos = start + len(piece)
    return tuple(spans)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd  # imported lazily: only turns with abbreviations need it

    return pysbd.Segmenter(language="en", clean=False)


def words(text: str) -> list[str]:
    """Lower-case word tokens (apostrophes kept: "don't", "I'm")."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

"""A quote is evidence only if it is a verbatim span of one turn.

Matching forgives what models routinely change (runs of whitespace, curly vs straight
quotes, wrapping quotation marks or ellipses), but what is kept is always the span cut
from the turn itself, so a stored quote is verbatim by construction."""

import re

_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})
# Quotation marks and ellipses a model wraps around a quote (a sentence's own full stop stays).
_MARKS = "\\s\"'\u2018\u2019\u201c\u201d"
_WRAPPED = re.compile(rf"^[{_MARKS}]*(?:\.\.\.|\u2026)?\s*(.*?)\s*(?:\.\.\.|\u2026)?[{_MARKS}]*$", re.S)
MIN_QUOTE_CHARS = 3


def _normalise(text: str) -> tuple[str, list[int]]:
    """Normalised text plus, for each of its characters, the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch.translate(_STRAIGHT))
        origin.append(i)
    return "".join(chars), origin


class TranscriptText:
    def __init__(self, turns: list[str]) -> None:
        self._turns = [(text, *_normalise(text)) for text in turns]

    def verbatim(self, quote: str) -> str | None:
        """The turn's own text for `quote`, or None if no turn contains it."""
        # As given first: the quotation marks may belong to what was said.
        for candidate in dict.fromkeys((quote.strip(), _WRAPPED.match(quote)[1])):
            needle = _normalise(candidate)[0]
            if len(needle) >= MIN_QUOTE_CHARS and (span := self._find(needle)):
                return span
        return None

    def _find(self, needle: str) -> str | None:
        for original, normalised, origin in self._turns:
            at = normalised.find(needle)
            if at >= 0:
                return original[origin[at]:origin[at + len(needle) - 1] + 1]
        return None

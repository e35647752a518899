"""Sentence spans of a turn, as exact character offsets into the turn's text.

Every quote the analyzer emits is cut from these spans, so evidence is always a
verbatim substring of a turn. A regex splitter with an abbreviation guard is
used rather than pysbd: pysbd costs ~0.3 ms per turn (over 300 ms for a
9,000-word session), and conversational text has few abbreviations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ? ! (or runs of them, or an ellipsis), optionally followed
# by a closing quote or bracket; dashes ("--", " - ") also end a spoken clause.
_END = re.compile(r"[.?!\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)|\s--+\s|\s[\u2014\u2013-]\s")
# Words whose trailing period does not end a sentence: "Dr. Lee", "e.g. this", "J. Smith"; an initial is
# a capital standing alone, never the "t" of "I don't." (an apostrophe is a word boundary).
_ABBREVIATION = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|st|jr|sr|vs|etc|approx|e\.g|i\.e|a\.m|p\.m|u\.s|u\.k)|(?<![\w'\u2019])(?-i:[A-Z]))\.$", re.I
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@lru_cache(maxsize=8192)
def split(text: str) -> tuple[Span, ...]:
    """Sentence spans of `text` (stripped, non-empty). Cached: turns repeat across calls."""
    spans: list[Span] = []
    pos = 0
    for m in _END.finditer(text):
        if m.group(0) == "." and _ABBREVIATION.search(text, max(0, m.start() - 6), m.end()):
            continue
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


def words(text: str) -> list[str]:
    """Lower-case word tokens (apostrophes kept: "don't", "I'm")."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def echo_words(reply: str) -> set[str]:
    """The words a coach's reply echoes from the client ("Two years on the list.", "Whose rule is that?"),
    without the small words every reply has."""
    return set(words(reply)) - _ECHO_STOP


_ECHO_STOP = {"a", "about", "an", "and", "be", "but", "come", "congratulations", "did", "do", "does", "done",
              "for", "from", "great", "how", "i", "in", "is", "it", "it's", "just", "more", "of", "on", "really",
              "said", "say", "so", "that", "that's", "the", "this", "to", "true", "voice", "was", "well", "what",
              "where", "who", "whose", "with", "wow", "you", "your"}


# "That's the rule.", "That's what my old boss always modelled.": a sentence that points at what was
# said before it rather than saying it.
_POINTER = re.compile(r"^\W*(?:and |but )?(?:that|this|it)(?:'s| is| was| has been|'s been) (?:\w+ ){0,4}"
                      r"(?:motto|deal|rule|line|saying|thing|story|voice|way|how it works|what)\b"
                      # "When you put it like that.": a reaction to the coach's words, no content of its own
                      # "It feels true.": the answer to "Is that true?", its content said before
                      r"|^\W*(?:(?:um|well|i mean|yeah|honestly),? )*(?:it|that|this) (?:feels|seems|sounds|is|'s|was)"
                      r" (?:really |very |pretty |so |completely |totally )?(?:true|real|accurate)\W*$"
                      r"|^\W*(?:well,? )?(?:when|if|now that|the way) you (?:put|say|said|phrase) it"
                      r"(?: like that| that way)?\W*$|^\W*(?:put|said) like that\W*$", re.I)


def points_back(text: str, most_words: int = 12) -> bool:
    """A short sentence that only points at what came before it."""
    text = text.replace("\u2019", "'")
    # "That's the same thing my first tech lead did to me.": a likeness the client names, content of its own
    return bool(_POINTER.match(text)) and len(text.split()) <= most_words and not _LIKENESS.search(text)


_LIKENESS = re.compile(r"\b(?:the )?same (?:thing|way|story|pattern)\b,? (?:as |with |that |(?:my|his|her|our|your) |\w+ (?:did|does|do)\b)",
                       re.I)

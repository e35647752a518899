"""Transcripts written in capitals (some caption files are): read in lower case, quoted as written; and
transcripts written without any (speech-to-text often is): read with "I" and each sentence's first letter
in capitals, quoted as written (tuning half lower-cased, the shipped scorer: discoveries F1 0.663 -> 0.720,
values 0.645 -> 0.678, limiting beliefs 0.730 -> 0.784, action items 0.738 -> 0.750; as written: 0.721,
0.681, 0.797, 0.749).

spaCy takes a word in capitals for a name, so a session in capitals loses most of what its parse
finds (tuning half: action items F1 0.76 -> 0.35, limiting beliefs 0.82 -> 0.54); the same words in
lower case lose little (0.75 and 0.76). Lower-casing keeps every character where it was, so a quote
cut from the lower-cased turn is the same slice of the turn as written: the evidence is put back in
the transcript's own capitals, verbatim.
"""

from __future__ import annotations

import re

import msgspec

from contracts.insight import InsightContent
from contracts.transcript import Transcript

from . import requote

SHOUTED = 0.8  # share of the cased letters in capitals from which a transcript is read in lower case
MIN_LETTERS = 200


def shouted(transcript: Transcript) -> bool:
    text = "".join(turn.text for turn in transcript.turns)
    upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))
    return upper + lower >= MIN_LETTERS and upper >= SHOUTED * (upper + lower)


def uncased(transcript: Transcript) -> bool:
    """Written all in lower case (automatic captions often are): "i think i want to..."."""
    text = "".join(turn.text for turn in transcript.turns)
    upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))
    return upper + lower >= MIN_LETTERS and upper <= UNCASED * (upper + lower)


UNCASED = 0.005  # share of the cased letters in capitals under which a transcript has no casing to read
_I = re.compile(r"\bi\b(?=['\u2019]|\s|[.,;:?!]|$)")
_STARTS = re.compile(r"(?:^|[.?!]\s+)([a-z])")


def truecased(transcript: Transcript) -> Transcript:
    """The transcript with "I" and each sentence's first letter in capitals, as the parser and the scorers
    learnt English (lower case, "what was happening for you?" lost its questions' weight and "i" its
    person); one letter for one letter, so every quote is the same slice of the turn as written."""
    def cased(text: str) -> str:
        text = _I.sub("I", text)
        return _STARTS.sub(lambda m: m[0][:-1] + m[1].upper(), text)

    return msgspec.structs.replace(transcript, turns=[msgspec.structs.replace(t, text=cased(t.text))
                                                      for t in transcript.turns])


def lowered(transcript: Transcript) -> Transcript:
    """The transcript in lower case, each turn only where that keeps its length (it does but for
    a few letters such as the dotted capital I)."""
    turns = [msgspec.structs.replace(t, text=low) if len(low := t.text.lower()) == len(t.text) else t
             for t in transcript.turns]
    return msgspec.structs.replace(transcript, turns=turns)


def with_original_quotes(content: InsightContent, read: Transcript, written: Transcript) -> InsightContent:
    """`content`, found in `read` (the lower- or true-cased copy of `written`), with every quote given back
    as `written` has it."""
    pairs = [(r.text, w.text) for r, w in zip(read.turns, written.turns, strict=True) if r.text != w.text]

    def restore(quote: str) -> str:
        for low, original in pairs:
            at = low.find(quote)
            if at >= 0:
                return original[at:at + len(quote)]
        return quote

    return requote.requoted(content, restore)

"""Transcripts written in capitals (some caption files are): read in lower case, quoted as written.

spaCy takes a word in capitals for a name, so a session in capitals loses most of what its parse
finds (tuning half: action items F1 0.76 -> 0.35, limiting beliefs 0.82 -> 0.54); the same words in
lower case lose little (0.75 and 0.76). Lower-casing keeps every character where it was, so a quote
cut from the lower-cased turn is the same slice of the turn as written: the evidence is put back in
the transcript's own capitals, verbatim.
"""

from __future__ import annotations

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


def lowered(transcript: Transcript) -> Transcript:
    """The transcript in lower case, each turn only where that keeps its length (it does but for
    a few letters such as the dotted capital I)."""
    turns = [msgspec.structs.replace(t, text=low) if len(low := t.text.lower()) == len(t.text) else t
             for t in transcript.turns]
    return msgspec.structs.replace(transcript, turns=turns)


def with_original_quotes(content: InsightContent, read: Transcript, written: Transcript) -> InsightContent:
    """`content`, found in `read` (the lower-cased copy of `written`), with every quote given back
    as `written` has it."""
    pairs = [(r.text, w.text) for r, w in zip(read.turns, written.turns, strict=True) if r.text != w.text]

    def restore(quote: str) -> str:
        for low, original in pairs:
            at = low.find(quote)
            if at >= 0:
                return original[at:at + len(quote)]
        return quote

    return requote.requoted(content, restore)

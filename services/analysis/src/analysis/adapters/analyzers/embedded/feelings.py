"""The client's own state in a sentence: feeling words, self-description, hedging and certainty.

Topic words carry no state ("the offsite was a disaster" says nothing of how the client
feels now), so a sentence counts only when it is about the client: a feeling word, or
first-person hedging/certainty. Negation flips a feeling ("I don't feel stuck anymore").
"""

from __future__ import annotations

import math
import re

from .language import Sentence

_LEXICON: dict[str, float] = {}
for _value, _words in {
    -1.0: "anxious scared afraid terrified panicked panicky overwhelmed hopeless desperate miserable devastated "
    "ashamed humiliated worthless trapped exhausted drained burnt burned depressed dread dreading awful terrible "
    "horrible sick",
    -0.7: "worried stressed stuck lost confused frustrated angry annoyed upset sad lonely guilty nervous tense "
    "tired stretched pretending fraud impostor imposter scattered heavy sinking doubt doubting torn resentful "
    "irritated embarrassed defeated disappointed uneasy uncomfortable unsettled helpless powerless",
    -0.4: "unsure uncertain hesitant wobbly mixed messy foggy unclear restless bored flat meh",
    0.4: "okay fine better calmer settled curious interested open hopeful lighter",
    0.7: "good happy glad relieved calm clear clearer confident proud grateful motivated ready energised "
    "energized focused free freer capable strong steady grounded encouraged optimistic",
    1.0: "excited thrilled great amazing brilliant fantastic wonderful elated empowered unstoppable",
}.items():
    for _w in _words.split():
        _LEXICON[_w] = _value

_HEDGE = re.compile(r"\b(?:i don't know|i'm not sure|not sure|i guess|maybe|kind of|sort of|i suppose|no idea|"
                    r"i have no clue|whatever)\b", re.I)
_CERTAIN = re.compile(r"\b(?:i will|i'll|i know|definitely|absolutely|for sure|i'm ready|i can do|"
                      r"i've decided|i'm going to|let's do it|makes sense)\b", re.I)
_NEGATORS = {"not", "n't", "never", "no", "nothing", "hardly", "less"}
_SELF = {"i", "i'm", "me", "my", "myself", "i've", "i'll", "i'd"}


def state(s: Sentence) -> float | None:
    """The client's state in `s` on -1..1, or None when the sentence says nothing of it."""
    words = [t.lower_ for t in s.doc]
    if not _SELF & set(words) and not any(t.lower_ in _LEXICON and t.i < 3 for t in s.doc):
        return None
    total, hits = 0.0, 0
    for t in s.doc:
        value = _LEXICON.get(t.lower_)
        if value is None:
            continue
        window = words[max(0, t.i - 3) : t.i]
        if any(w in _NEGATORS for w in window):
            value = -0.6 * value
        total += value
        hits += 1
    text = s.text.replace("\u2019", "'")
    hedges, certain = len(_HEDGE.findall(text)), len(_CERTAIN.findall(text))
    if not hits and not hedges and not certain:
        return None
    raw = total + 0.5 * certain - 0.35 * hedges
    return math.tanh(raw)


def label(score: float) -> str:
    if score <= -0.55:
        return "Distressed"
    if score <= -0.2:
        return "Uneasy"
    if score < 0.2:
        return "Neutral"
    if score < 0.55:
        return "Positive"
    return "Optimistic"


def feeling_words(s: Sentence) -> list[str]:
    return [t.text for t in s.doc if t.lower_ in _LEXICON]


def strong_feeling(s: Sentence) -> bool:
    """A negative feeling the client names about themselves, which a coach should acknowledge."""
    return any(_LEXICON.get(t.lower_, 0) <= -0.7 for t in s.doc) and any(t.lower_ in _SELF for t in s.doc)

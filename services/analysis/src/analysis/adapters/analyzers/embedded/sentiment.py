"""VADER's compound valence of a text: a coarse tone, used only where the client's own state
is not at stake (the mood of a discovery, the warmth of a win). Lexicon-based, offline."""

from __future__ import annotations

import re
from functools import lru_cache

# "Funny, you know, I walked in here with my shoulders up round my ears.": "funny" that opens a
# sentence means odd, not amusing (VADER scores it +0.44)
_ODD = re.compile(r"^\W*(?:(?:it's|it is|that's|the) )?(?:funny|funnily enough)(?: thing(?: is)?)?\s*[,.:\u2014-]+\s*", re.I)


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=16384)
def compound(text: str) -> float:
    return _analyzer().polarity_scores(_ODD.sub("", text))["compound"]


def label(score: float) -> str:
    if score <= -0.5:
        return "Distressed"
    if score <= -0.15:
        return "Uneasy"
    if score < 0.15:
        return "Neutral"
    if score < 0.5:
        return "Positive"
    return "Optimistic"

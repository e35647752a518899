"""VADER's compound valence of a text: a coarse tone, used only where the client's own state
is not at stake (the mood of a discovery, the warmth of a win). Lexicon-based, offline."""

from __future__ import annotations

import re
from functools import lru_cache

# "Funny, you know, I walked in here with my shoulders up round my ears.": "funny" that opens a
# sentence means odd, not amusing (VADER scores it +0.44)
_ODD = re.compile(r"^\W*(?:(?:it's|it is|that's|the) )?(?:funny|funnily enough)(?: thing(?: is)?)?\s*[,.:\u2014-]+\s*", re.I)


# "when you say it like that", "It was like a kettle", "I feel like a fraud": "like" that compares or fills is
# no liking (VADER scores every "like" +2); "I like him", "I'd like", "don't like" keep it
_AS_LIKE = re.compile(r"(?<!\bi )(?<!\bwe )(?<!\byou )(?<!\bthey )(?<!\bhe )(?<!\bshe )(?<!'d )(?<!would )"
                      r"(?<!really )(?<!do )(?<!don't )(?<!didn't )(?<!not )(?<!\bto )\blike\b", re.I)


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=16384)
def compound(text: str) -> float:
    return _analyzer().polarity_scores(_AS_LIKE.sub("as", _ODD.sub("", text)))["compound"]


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

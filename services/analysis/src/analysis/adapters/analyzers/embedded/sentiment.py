"""VADER's compound valence of a text: a coarse tone, used only where the client's own state
is not at stake (the mood of a discovery, the warmth of a win). Lexicon-based, offline."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=16384)
def compound(text: str) -> float:
    return _analyzer().polarity_scores(text)["compound"]


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

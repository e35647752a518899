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
    -0.7: "rough failing failure mess struggling struggle sinking worried stressed stuck lost confused frustrated angry annoyed upset sad lonely guilty nervous tense "
    "tired stretched pretending fraud impostor imposter scattered heavy sinking doubt doubting torn resentful "
    "irritated embarrassed defeated disappointed uneasy uncomfortable unsettled helpless powerless",
    -0.4: "unsure uncertain hesitant wobbly mixed messy foggy unclear restless bored flat meh hard difficult",
    0.2: "fine alright",
    0.4: "okay better calmer settled curious interested open hopeful lighter possible manageable",
    0.7: "good happy glad relieved relief doable calm forward clear clearer confident proud grateful motivated ready energised "
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
    if not _SELF & set(words) and _about_someone_else(s):
        return None
    total, hits = 0.0, 0
    for t in s.doc:
        value = _LEXICON.get(t.lower_)
        if value is None:
            continue
        window = words[max(0, t.i - 3) : t.i]
        if any(w in _NEGATORS for w in window):
            value = -0.6 * value
        total += value * (1.5 if _said_of_self(t) else 0.6)
        hits += 1
    text = s.text.replace("\u2019", "'")
    hedges, certain = len(_HEDGE.findall(text)), len(_CERTAIN.findall(text))
    if not hits and not hedges and not certain:
        return None
    raw = total + 0.3 * certain - 0.2 * hedges
    return math.tanh(raw)


def _said_of_self(t) -> bool:
    """"I feel lighter", "I'm exhausted": the feeling word describes the client, directly."""
    head = t.head
    if t.dep_ in ("acomp", "attr", "oprd", "xcomp", "dobj", "ccomp") or t.dep_ == "ROOT":
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lower_ in ("i", "we")
    return False


def _about_someone_else(s: Sentence) -> bool:
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    return subj is not None and (subj.lower_ in ("he", "she", "they", "you") or subj.ent_type_ == "PERSON")


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

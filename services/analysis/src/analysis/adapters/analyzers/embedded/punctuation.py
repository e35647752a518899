"""Transcripts without punctuation (some caption files and speech-to-text exports have none): read with
sentence ends and question marks put back, quoted as written.

Every rule of the analyzer reads sentences, and a coach's question is one that ends in "?": a turn
with no punctuation is one long sentence and asks nothing (the labelled set's report half with its
punctuation and capitals stripped: powerful questions F1 0.68 -> 0.01; 0.66 with the marks put back).
Where a transcript has almost no sentence ends, a small linear model trained on the labelled set's
punctuated turns (`just train-punctuation`) decides, after each word, whether a sentence ends there,
and whether a sentence is a question. The analyzer reads the turns with those marks inserted after
the words; a quote cut from them is given back as the transcript has it, without the inserted marks,
so evidence stays verbatim. Commas are not put back: on the tuning half stripped, they cost action
items (F1 0.702 -> 0.663) and the intention (0.462 -> 0.392) more than they gave values (+0.014).

Written here rather than taken from a library: the punctuation restorers on PyPI download a
transformer at run time and run it on torch, which the analyzer has neither the network nor the
time for (a 9,000-word session is analysed in about a second).
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache

import msgspec

from contracts.insight import InsightContent
from contracts.transcript import Transcript

from . import requote

MIN_WORDS = 150  # a shorter transcript is too little to judge its punctuation by
RUN_ON_WORDS = 60  # a turn as long as this, with under one sentence end in 40 words, is read with the marks too
BARE = 1 / 40  # sentence ends per word under which a transcript counts as unpunctuated (written speech: ~1/12)
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_ENDS = re.compile(r"[.?!\u2026]")
MODEL_PATH = os.path.join(os.path.dirname(__file__), "punctuation.json")


def bare(transcript: Transcript) -> bool:
    return _bare(" ".join(turn.text for turn in transcript.turns), MIN_WORDS)


def run_on(text: str) -> bool:
    """A long turn with almost no sentence ends, in a transcript punctuated elsewhere (a transcriber who wrote a
    long answer as one breath: 11 of AnnoMI dev's 112 turns of 60 words or more)."""
    return _bare(text, RUN_ON_WORDS)


def _bare(text: str, fewest: int) -> bool:
    n_words = len(WORD.findall(text))
    return n_words >= fewest and len(_ENDS.findall(text)) < BARE * n_words


# -- features: the same function builds the trainer's rows and the analyzer's --------------------


def words_of(found: list[re.Match[str]]) -> list[str]:
    """The words the models read: lower case, one apostrophe."""
    return [w.group(0).lower().replace("\u2019", "'") for w in found]


def _length(n: int) -> str:
    return "0" if n < 3 else "3" if n < 6 else "6" if n < 10 else "10" if n < 16 else "16" if n < 26 else "26"


def gap_features(words: list[str], i: int, since: int) -> list[str]:
    """What decides whether a sentence ends after `words[i]`: the words around the gap and how long
    the sentence has run (`since`: words since the last end)."""
    at = words[i]
    before = words[i - 1] if i > 0 else "<t>"
    after = words[i + 1] if i + 1 < len(words) else "</t>"
    after2 = words[i + 2] if i + 2 < len(words) else "</t>"
    return ["bias", f"w0={at}", f"w1={after}", f"w-1={before}", f"w2={after2}", f"w-1w0={before}|{at}",
            f"w0w1={at}|{after}", f"w1w2={after}|{after2}", f"len={_length(since)}", f"len={_length(since)}|w1={after}"]


def question_features(words: list[str], last: bool) -> list[str]:
    """What makes a sentence a question: how it opens once its fillers are passed ("okay so what..."),
    how it closes, and whether it closes the turn (a coach's question hands the turn over)."""
    k = 0
    while k < min(3, len(words) - 1) and words[k] in _LEAD_IN:
        k += 1
    core = words[k:]
    first = core[:3] + ["</s>"] * (3 - len(core[:3]))
    end = ["<s>"] * (2 - len(words[-2:])) + words[-2:]
    return ["bias", f"f1={first[0]}", f"f2={first[0]}|{first[1]}", f"f3={first[0]}|{first[1]}|{first[2]}",
            f"s2={first[1]}", f"s2s3={first[1]}|{first[2]}", f"o1={words[0]}", f"l1={end[1]}", f"l2={end[0]}|{end[1]}",
            f"len={_length(len(words))}", f"last={last}", f"last={last}|f1={first[0]}",
            f"order={_order(first[0])}|{_order(first[1])}"] + [f"b={w}" for w in set(words)]


def _order(word: str) -> str:
    """The word's part in English question order: a question inverts ("what would you", "do you"), a clause
    that only opens on a question word does not ("what I would recommend is", "how she feels about you")."""
    return ("wh" if word in _WH else "aux" if word in _AUX else "subject" if word in _SUBJECTS
            else "end" if word == "</s>" else "other")


_WH = {"what", "what's", "whats", "why", "where", "where's", "who", "who's", "whom", "whose", "which", "when", "how",
       "how's"}
_AUX = {"do", "does", "did", "is", "are", "was", "were", "am", "can", "could", "would", "will", "should", "shall",
        "may", "might", "must", "have", "has", "had", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't",
        "won't", "wouldn't", "can't", "couldn't", "haven't", "hasn't", "shouldn't"}
_SUBJECTS = {"i", "you", "we", "he", "she", "they", "it", "people", "some", "someone", "i'm", "you're", "we're",
             "he's", "she's", "they're", "it's", "i've", "you've", "we've", "i'd", "you'd", "i'll", "you'll"}


_LEAD_IN = {"so", "and", "okay", "ok", "well", "um", "uh", "yeah", "yes", "right", "now", "but", "alright", "then",
            "oh", "just", "mm", "hmm", "mhm", "cool", "great", "good", "sure"}


# -- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Model:
    ends: dict[str, float]
    questions: dict[str, float]
    end_threshold: float
    question_threshold: float


@lru_cache(maxsize=1)
def model() -> Model:
    with open(MODEL_PATH, encoding="utf-8") as f:
        raw = json.load(f)
    return Model(raw["ends"], raw["questions"], raw["end_threshold"], raw["question_threshold"])


def _probability(weights: dict[str, float], features: list[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def marks(words: list[str], m: Model) -> list[str]:
    """The mark after each word: "" (the sentence goes on), "." or "?"; the last word ends its sentence."""
    out = [""] * len(words)
    start = 0
    for i in range(len(words)):
        if i + 1 < len(words) and _probability(m.ends, gap_features(words, i, i - start + 1)) < m.end_threshold:
            continue
        features = question_features(words[start:i + 1], i + 1 == len(words))
        question = _probability(m.questions, features) >= m.question_threshold
        out[i] = "?" if question else "."
        start = i + 1
    return out


# -- reading a transcript with the marks, and giving its quotes back ----------------------------


@dataclass(frozen=True, slots=True)
class Punctuated:
    """A turn as read (marks inserted) and where each of its characters was in the turn as written
    (-1: an inserted mark)."""
    read: str
    written: str
    origin: tuple[int, ...]

    def written_quote(self, quote: str) -> str | None:
        at = self.read.find(quote)
        if at < 0:
            return None
        kept = [i for i in self.origin[at:at + len(quote)] if i >= 0]
        return self.written[kept[0]:kept[-1] + 1] if kept else None


def punctuate(text: str, m: Model) -> Punctuated:
    found = list(WORD.finditer(text))
    marked = marks(words_of(found), m) if found else []
    read, origin, pos = [], [], 0
    for word, mark in zip(found, marked, strict=True):
        read.append(text[pos:word.end()])
        origin.extend(range(pos, word.end()))
        pos = word.end()
        # a mark goes right after the word, and only where the transcript has none of its own there
        if mark and (pos == len(text) or text[pos].isspace()):
            read.append(mark)
            origin.append(-1)
    read.append(text[pos:])
    origin.extend(range(pos, len(text)))
    return Punctuated("".join(read), text, tuple(origin))


def punctuated(transcript: Transcript) -> tuple[Transcript, list[Punctuated]]:
    """The transcript as the analyzer reads it: with the marks put back in every turn of an unpunctuated
    transcript, or in its run-on turns only; the transcript itself (and no turns) where none needs them."""
    whole = bare(transcript)
    marked = [whole or run_on(t.text) for t in transcript.turns]
    if not any(marked):
        return transcript, []
    m = model()
    turns = [punctuate(t.text, m) if mark else Punctuated(t.text, t.text, tuple(range(len(t.text))))
             for t, mark in zip(transcript.turns, marked, strict=True)]
    read = msgspec.structs.replace(transcript, turns=[msgspec.structs.replace(t, text=p.read)
                                                      for t, p in zip(transcript.turns, turns, strict=True)])
    return read, turns


def with_original_quotes(content: InsightContent, turns: list[Punctuated]) -> InsightContent:
    """`content`, found in the punctuated turns, with every quote given back as the transcript has it."""
    def restore(quote: str) -> str:
        for turn in turns:
            if (written := turn.written_quote(quote)) is not None:
                return written
        return quote

    return requote.requoted(content, restore)

"""The words and word pairs of a sentence as the sentence scorer weighs them: tf-idf over a
vocabulary of the words and pairs used in at least three sessions of the tuning half. A client's
statement is read with every noun, name and number replaced by its kind ("freedom matters to me
more than money" is "xnoun matters to me more than xnoun"): how the client speaks, not what
about, so that no session's topics are learned; held-out F1 on the tuning half was the same
either way. A coach's question is read as said.

scikit-learn's TfidfVectorizer learns the vocabulary and its idf when the scorer is trained
(bench/train_sentence_scorer.py). At run time the same numbers are a tokenise-and-look-up of a
few lines, written here so that the analysis service does not carry scikit-learn and scipy for
it; a unit test checks that they are scikit-learn's numbers.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.symbols import IDS
from spacy.tokens import Doc

# scikit-learn's default token pattern: runs of two or more word characters
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_KIND_WORDS = {IDS[kind]: "x" + kind.lower() for kind in ("NOUN", "PROPN", "NUM")}  # POS id -> its stand-in


def shape(doc: Doc) -> str:
    """The parsed sentence with its nouns, names and numbers replaced by their kind; once per doc
    (every section's scorer reads it), from the doc's arrays (walking a doc builds a Token per word)."""
    cached = doc.user_data.get("shape")
    if cached is None:
        strings = doc.vocab.strings
        cached = doc.user_data["shape"] = " ".join(
            _KIND_WORDS.get(pos) or strings[lower] for pos, lower in doc.to_array([POS, LOWER]).tolist())
    return cached


def terms(text: str) -> list[str]:
    """The words, then the pairs of neighbouring words, of `text` (lower case)."""
    tokens = _TOKEN.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


_MAX_ROWS = 8192


class Wording:
    """A vocabulary and its idf: each sentence's terms as (column indices, tf-idf values)."""

    def __init__(self, vocabulary: list[str], idf: list[float]) -> None:
        self.column = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        # text -> its row: every section's scorer reads the same sentences (five dot products each)
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def weighted(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values): sublinear term frequency times idf, scaled to unit length."""
        row = self._rows.get(text)
        if row is None:
            if len(self._rows) >= _MAX_ROWS:
                self._rows.clear()  # bounded; a new session's sentences are new texts anyway
            row = self._rows[text] = self._weighted(text)
        return row

    def _weighted(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(self.column[t] for t in terms(text) if t in self.column)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[columns]
        return columns, values / np.linalg.norm(values)

    def dot(self, texts: list[str], weights: np.ndarray) -> np.ndarray:
        """Each text's tf-idf row times `weights` (one number per vocabulary column)."""
        out = np.zeros(len(texts))
        for i, text in enumerate(texts):
            columns, values = self.weighted(text)
            out[i] = float(values @ weights[columns])
        return out

    def matrix(self, texts: list[str]) -> np.ndarray:
        """The tf-idf rows themselves (dense; for training and checks)."""
        out = np.zeros((len(texts), len(self.column)))
        for i, text in enumerate(texts):
            columns, values = self.weighted(text)
            out[i, columns] = values
        return out

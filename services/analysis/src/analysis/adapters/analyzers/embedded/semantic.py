"""Sentence similarity with static embeddings: labelled examples, duplicates, groups.

A sentence is compared with short example sentences written for each label (below, in
`examples.py`); the label's score is the best cosine similarity to one of its examples.
The examples are generic coaching language written for this purpose, not lines of any
evaluation set, so that the classifier carries no memory of the sessions it is measured on.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import examples
from .models import embed


@lru_cache(maxsize=1)
def _label_vectors() -> dict[str, np.ndarray]:
    return {label: embed(list(texts)) for label, texts in examples.LABELLED.items()}


def score_matrix(vectors: np.ndarray, label: str) -> np.ndarray:
    return (vectors @ _label_vectors()[label].T).max(axis=1) if len(vectors) else np.zeros(0, dtype=np.float32)


def dedupe(texts: list[str], threshold: float = 0.85) -> list[int]:
    """Indices of texts to keep: a text too similar to an earlier kept one is a paraphrase."""
    if not texts:
        return []
    vectors = embed(texts)
    kept: list[int] = []
    for i in range(len(texts)):
        if all(float(vectors[i] @ vectors[j]) < threshold for j in kept):
            kept.append(i)
    return kept


def groups(texts: list[str], threshold: float) -> list[list[int]]:
    """Single-link groups of texts whose similarity reaches `threshold`, first-seen order."""
    vectors = embed(texts)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sims = vectors @ vectors.T if len(texts) else np.zeros((0, 0))
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if sims[i, j] >= threshold:
                parent[root(j)] = root(i)
    out: dict[int, list[int]] = {}
    for i in range(len(texts)):
        out.setdefault(root(i), []).append(i)
    return list(out.values())


def similarity(a: str, b: str) -> float:
    return float(vector(a) @ vector(b))


@lru_cache(maxsize=4096)
def vector(text: str) -> np.ndarray:
    """One text's vector, cached: goal and commitment texts are compared many times."""
    return embed([text])[0]


def stack(vectors: list[np.ndarray]) -> np.ndarray:
    return np.stack(vectors) if vectors else np.zeros((0, 256), dtype=np.float32)

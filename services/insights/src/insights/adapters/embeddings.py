"""wordllama's static sentence embeddings (the model ships inside its wheel), loaded once per
process with downloads off: deterministic and offline, ~0.5 s to load, ~0.1 ms a sentence."""

import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from insights.ports import Embedder

DIMENSIONS = 256
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _model():
    with _LOCK:
        # one thread for the tokenizer: a few dozen short texts an insight do not pay for a thread
        # pool, which on a busy machine spends more CPU than it saves (5.2 instead of 6.6 ms an insight)
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import wordllama

        return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


class WordLlamaEmbedder(Embedder):
    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length rows, so a dot product is the cosine similarity."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # each distinct text once, shortest first: an insight quotes the same line in several sections,
        # and wordllama pads each batch of 64 to its longest text, so a summary among short quotes
        # would pad all of them. A text's vector does not depend on its batch (each row is pooled alone).
        unique = sorted(set(texts), key=len)
        vectors = _model().embed(unique, norm=True).astype(np.float32)
        row = {text: i for i, text in enumerate(unique)}
        return vectors[[row[text] for text in texts]]


# stored as float16: 512 bytes an entry instead of 1 KB; cosines move by < 0.001
def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype("<f2").tobytes()


def from_bytes(blobs: list[bytes]) -> np.ndarray:
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), -1).astype(np.float32)

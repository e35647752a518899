"""Train the analyzer's punctuation model (punctuation.json) on the tuning half of the labelled set.

The tuning sessions' turns, their punctuation taken away, are the rows: after every word, whether a
sentence ends there (punctuation.gap_features) and, for every sentence, whether it is a question
(punctuation.question_features). One L2-regularised logistic regression each (scikit-learn, lbfgs:
deterministic), trained on features seen in at least MIN_COUNT rows. Each model's C, and the question
threshold, are the ones with the best F1 on held-out folds of the tuning half (sessions split FOLDS ways);
the sentence-end threshold is END_THRESHOLD (why: see there).

Then prints, for text the weights never saw, how well the marks come back: the report half of the
set and AnnoMI dev (real counselling sessions, another corpus), sentence ends and question marks
precision / recall / F1 over the words they follow.

    uv run --no-sync python bench/train_punctuation.py
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections import Counter

import numpy as np
from analysis.adapters.analyzers.embedded import punctuation, sentences
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import annomi  # noqa: E402
from quality_score import load_set  # noqa: E402

FOLDS = 5
MIN_COUNT = 3
CS = (0.1, 0.3, 1.0, 3.0)
# Where a sentence ends is read at even odds or a little over, not where the marks' own F1 is best (0.25):
# a sentence cut short loses its "when" ("saturday morning in the garage. i tell him."). The analyzer on the
# tuning half stripped of punctuation, sentence-end threshold 0.25 / 0.4 / 0.55 / 0.75: action items F1 0.633 /
# 0.655 / 0.702 / 0.708, intention hit 0.336 / 0.427 / 0.462 / 0.448, the seven sections' F1 summed 4.56 /
# 4.57 / 4.56 / 4.59, emotional shifts 0.773 / 0.756 / 0.756 / 0.672.
END_THRESHOLD = 0.55
THRESHOLDS = [round(x, 2) for x in np.arange(0.2, 0.81, 0.05)]
ANNOMI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval", "annomi-dev",
                      "transcripts")


def gold_marks(text: str) -> tuple[list[str], list[str]]:
    """The turn's words and the mark after each as the analyzer reads the turn: "?" after a question,
    "." after any other sentence's last word (the analyzer's own splitter decides: "Dr. Lee" goes on), ""."""
    found = list(punctuation.WORD.finditer(text))
    ends = {span.end for span in sentences.split(text)}
    marks = []
    for i, w in enumerate(found):
        upto = found[i + 1].start() if i + 1 < len(found) else len(text)
        ended = i + 1 == len(found) or any(w.end() <= e <= upto for e in ends)
        marks.append("" if not ended else "?" if "?" in text[w.end():upto] else ".")
    return punctuation.words_of(found), marks


def turn_rows(turns: list[str]) -> tuple[list, list, list, list]:
    """(gap features, ends), (sentence features, questions) of the turns, with the sentences as written."""
    gaps, ends, sents, questions = [], [], [], []
    for text in turns:
        words, marks = gold_marks(text)
        start = 0
        for i, mark in enumerate(marks):
            if i + 1 < len(words):
                gaps.append(punctuation.gap_features(words, i, i - start + 1))
                ends.append(mark != "")
            if mark:
                sents.append(punctuation.question_features(words[start:i + 1], i + 1 == len(words)))
                questions.append(mark == "?")
                start = i + 1
    return gaps, ends, sents, questions


def _as_dicts(rows: list[list[str]]) -> list[dict[str, float]]:
    return [dict.fromkeys(r, 1.0) for r in rows]


def fit(rows: list[list[str]], labels: list[bool], c: float) -> dict[str, float]:
    counts = Counter(f for r in rows for f in set(r))
    kept = [[f for f in r if counts[f] >= MIN_COUNT] for r in rows]
    vec = DictVectorizer()
    x = vec.fit_transform(_as_dicts(kept))
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(x, np.array(labels))
    return {f: round(float(w), 3) for f, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(w) >= 5e-3}


def _probabilities(weights: dict[str, float], rows: list[list[str]]) -> np.ndarray:
    z = np.array([sum(weights.get(f, 0.0) for f in r) for r in rows])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def f1(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & gold).sum())
    p, r = tp / max(1, pred.sum()), tp / max(1, gold.sum())
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def choose(sessions: list[list[str]], pick: int) -> tuple[float, float, float]:
    """(C, threshold, held-out F1) with the best F1 over FOLDS folds of the sessions; `pick` 0: sentence
    ends, 2: questions."""
    held = {c: ([], []) for c in CS}
    for k in range(FOLDS):
        train = [t for i, s in enumerate(sessions) if i % FOLDS != k for t in s]
        test = [t for i, s in enumerate(sessions) if i % FOLDS == k for t in s]
        tr, te = turn_rows(train), turn_rows(test)
        for c in CS:
            w = fit(tr[pick], tr[pick + 1], c)
            held[c][0].extend(_probabilities(w, te[pick]))
            held[c][1].extend(te[pick + 1])
    best = (0.0, 0.0, -1.0)
    for c, (probs, gold) in held.items():
        p, g = np.array(probs), np.array(gold)
        for t in THRESHOLDS:
            score = f1(p >= t, g)[2]
            if score > best[2]:
                best = (c, t, score)
    return best


def restored_marks(turns: list[str], m: punctuation.Model) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(predicted end, gold end, predicted "?", gold "?") after every word of the turns, punctuation taken away."""
    pe, ge, pq, gq = [], [], [], []
    for text in turns:
        words, gold = gold_marks(text)
        if not words:
            continue
        got = punctuation.marks(words, m)
        pe += [x != "" for x in got[:-1]]
        ge += [x != "" for x in gold[:-1]]
        pq += [x == "?" for x in got]
        gq += [x == "?" for x in gold]
    return np.array(pe), np.array(ge), np.array(pq), np.array(gq)


def report(name: str, turns: list[str], m: punctuation.Model) -> None:
    pe, ge, pq, gq = restored_marks(turns, m)
    e, q = f1(pe, ge), f1(pq, gq)
    print(f"{name:28s} sentence ends P/R/F1 {e[0]:.3f}/{e[1]:.3f}/{e[2]:.3f}   "
          f"question marks P/R/F1 {q[0]:.3f}/{q[1]:.3f}/{q[2]:.3f}   ({len(pe) + len(turns)} words)")


def main() -> int:
    halves, sessions = load_set()
    tune = [[t.text for t in sessions[s][0].turns] for s in halves["tune"]]
    c_end, t_end, f_end = choose(tune, 0)
    c_q, t_q, f_q = choose(tune, 2)
    print(f"held-out folds of the tuning half: sentence ends F1 {f_end:.3f} (C {c_end}, best at threshold {t_end}; "
          f"{END_THRESHOLD} used), "
          f"questions F1 {f_q:.3f} (C {c_q}, threshold {t_q})")
    rows = turn_rows([t for s in tune for t in s])
    out = {"trained_on": f"the labelled set's tuning half ({len(tune)} sessions)",
           "end_threshold": END_THRESHOLD, "question_threshold": t_q,
           "ends": fit(rows[0], rows[1], c_end), "questions": fit(rows[2], rows[3], c_q)}
    path = punctuation.MODEL_PATH
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print(f"wrote {path} ({len(out['ends'])} + {len(out['questions'])} weights)")
    punctuation.model.cache_clear()
    m = punctuation.model()
    report("report half (never trained on)", [t.text for s in halves["report"] for t in sessions[s][0].turns], m)
    paths = sorted(glob.glob(os.path.join(ANNOMI, "*.txt")))
    if paths:
        report("AnnoMI dev (another corpus)", [t.text for p in paths for t in annomi.parse(p).turns], m)
    else:
        print("AnnoMI dev not found: skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())

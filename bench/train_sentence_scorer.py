"""Train the analyzer's sentence scorer on the tuning half of the labelled set, and only on it.

For every client statement of every tuning session: its features (the analyzer's own
sentence_features, from the same reading the analyzer makes), its words and word pairs (tf-idf
over those used in at least MIN_SESSIONS tuning sessions, nouns replaced by their kind), its embedding
and its parser vector (sentence_scorer.parse_vectors); and, per section,
whether a gold label of that section matches it (bench/quality_match.py). One L2-regularised
logistic regression per section (scikit-learn, lbfgs: deterministic); its threshold is the one
that gives the best F1 on held-out folds of the tuning half (sessions split 7 ways), so it is
chosen on sessions the weights did not see. Writes sentence_scorer.json beside the scorer.

    uv run --no-sync python bench/train_sentence_scorer.py
"""

from __future__ import annotations

import json
import os
import sys

import numpy as np
from analysis.adapters.analyzers.embedded import question_features, reading, sentence_features, sentence_scorer, terms
from analysis.adapters.analyzers.embedded.models import embed
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quality_match import matches  # noqa: E402
from quality_score import load_set  # noqa: E402

# the sections the analyzer lets the scorer decide, and how many of each a coach reads at most (empowering
# beliefs since 2026-12-04: the rules alone had F1 0.299 on the tuning half, the scorer 0.378 on held-out folds;
# with the parser's vectors 0.380, so it does without them)
MOST = {"client_discoveries": 12, "core_values": 4, "limiting_beliefs": 4, "celebration": 1, "empowering_beliefs": 4}
QUESTIONS_MOST = {"powerful_questions": 10}  # the question scorer's one section
# the count a section's threshold is chosen at, where it differs from MOST. Discoveries were capped at 8 until
# 2026-12-06; the newer labellers mark up to 16 in a long session, and at 8 the cap, not the threshold, was what
# lost them (the 32 newest tuning sessions, unseen by the weights: recall .51 at the threshold, at 0.65 of it, and
# at 0.8 of it; .58 with 12). F1 of discoveries, three tuning folds (92 older sessions, weights trained without
# them) / the 32 newest: at 8 .578 / .595; at 12 with this threshold (0.15) .580 / .623; at 12 with the threshold
# chosen at 12 (0.175) .593 / .614, the same within the folds' noise, and it drops realisations the unit tests
# hold ("Huh. That's the same thing my first tech lead did to me." at 0.162). So the threshold stays the one
# chosen at 8, and a session where more clear it reports up to 12.
# Limiting beliefs the other way, 6 -> 4 (2026-12-06): a fifth or sixth is seldom labelled, and where it sits beside
# a likelier one it is quoted with it as one belief (sentence_scorer.companions, support) instead of standing alone.
# F1 of limiting beliefs, tuning folds 0-3 (140 sessions, weights trained without them) at 6, 5, 4, 3: .634, .652,
# .676 (precision .650 -> .729, recall .618 -> .630), .663; the 32 newest tuning sessions .709, .709, .714, .682.
# Values too, 6 -> 4: the same folds .515 at 6, .532 at 4 (precision .494 -> .533, recall .540 -> .530; the same
# with limiting beliefs at 4), .517 at 3; three older folds (92 sessions) at 6, 5, 4: .500, .511, .501, and the 32
# newest .541, .531, .541.
THRESHOLD_AT = {"client_discoveries": 8, "limiting_beliefs": 6, "core_values": 6}
# features a section's model does without (weight 0), each chosen by held-out F1 on the tuning half
# (7 folds; and trained on sessions 01-97, scored on 98-125): what is said in general or of what the
# client is helps limiting beliefs only (0.565 -> 0.598; 0.373 -> 0.436) and lowers discoveries and
# values; the client's own ways and wants help values only (0.488 -> 0.514; 0.301 -> 0.306)
WITHOUT = {"client_discoveries": sentence_features.GENERAL + sentence_features.WAYS,
           "core_values": sentence_features.GENERAL, "limiting_beliefs": sentence_features.WAYS}
# chosen by held-out F1 on the tuning half (7 folds; discoveries / values / limiting beliefs):
# C 0.1, 0.5, 1, 3 gave 0.42/0.45/0.56, 0.46/0.45/0.57, 0.47/0.42/0.58, 0.47/0.39/0.57; the words
# weighed x2 against the embedding did better than x1 (0.46/0.44/0.57)
C = 0.5
TERMS_SCALE = 2.0
# the parser vectors, standardised, weighed against the rest: x0.05, 0.15, 0.3, 0.5 gave held-out F1
# (discoveries / values / limiting beliefs, 148 tuning sessions, 7 folds; without them 0.443/0.428/0.521)
# 0.451/0.429/0.526, 0.469/0.430/0.538, 0.465/0.424/0.538, 0.463/0.417/0.538
# Values do without them (0.428 -> 0.430 is noise, and answers to "what's important to you about
# that?" fell under the threshold).
PARSE_SCALE = 0.15
PARSED = ("client_discoveries", "limiting_beliefs")
# sections whose probability is the mean of the regression's and a gradient-boosted trees model's over
# the same inputs but the words (trees find the interactions a linear model cannot: a cue that counts only
# after an evoking question, a parse that means a belief only in the first person). Held-out F1 on 180
# tuning sessions, 7 folds, at the threshold the tie rule picks (regression alone -> mean of the two):
# discoveries 0.441 -> 0.464, limiting beliefs 0.526 -> 0.541; values 0.430 -> 0.428, so they do
# without. The trees alone did worse than the regression (0.427, 0.427); 15 leaves and 300 rounds at
# rate 0.05 did as well as the other shapes tried (7 leaves x 500, 31 x 200, depth 3 x 150, 30 % of
# the features per split: 0.459-0.467 and 0.528-0.540).
BOOSTED = ("client_discoveries", "limiting_beliefs")
# sections that also read what the coach asked just before (sentence_scorer.asked_vectors): held-out F1 on 180
# tuning sessions, 7 folds, without -> with it for every section: discoveries 0.464 -> 0.484, the win 0.632 ->
# 0.648; values 0.423 -> 0.413, limiting beliefs 0.541 -> 0.541, empowering beliefs 0.373 -> 0.365, so they do
# without it. Read against the session (second stage): discoveries 0.467 -> 0.491, values 0.449 -> 0.457,
# limiting beliefs 0.568 -> 0.570.
ASKED = ("client_discoveries", "celebration")
BOOST = {"max_iter": 300, "learning_rate": 0.05, "max_leaf_nodes": 15, "l2_regularization": 1.0, "random_state": 0}
# the sections read again against their session (sentence_scorer.context), and that regression's C: held-out
# F1 at the best threshold (180 tuning sessions, 7 folds), first stage -> second: discoveries 0.468 -> 0.477,
# values 0.430 -> 0.465, limiting beliefs 0.551 -> 0.583 (C 1: 0.472, 0.462, 0.581); the win 0.655 -> 0.642,
# so it keeps its first stage. Its own probability, rank and neighbours carry most of it (0.477, 0.468,
# 0.571 alone), the other sections' little (0.469, 0.425, 0.548 alone).
STACKED = ("client_discoveries", "core_values", "limiting_beliefs")
STACK_C = 0.1
MIN_SESSIONS = 3  # a word or pair of words counts only if that many tuning sessions use it: no names
FOLDS = 7
TIE = 0.01


class Rows:
    """The tuning rows: one per client statement, keyed (session stem, text)."""

    def __init__(self, names: tuple[str, ...], keys: list[tuple[str, str]], x: np.ndarray, vectors: np.ndarray,
                 shapes: list[str], people: set[str], parsed: np.ndarray | None = None,
                 asked: np.ndarray | None = None):
        self.names, self.keys, self.x, self.vectors = names, keys, x, vectors
        self.shapes = shapes  # each sentence as the scorer reads its words (terms.shape)
        self.people = people  # the names of the people in the sessions (gold `names`), lower case
        self.parsed = parsed  # the parser vectors (client statements only; the question scorer does without)
        self.asked = asked  # what the coach asked before each statement (sentence_scorer.asked_vectors)

    def unparsed(self) -> Rows:
        return Rows(self.names, self.keys, self.x, self.vectors, self.shapes, self.people, asked=self.asked)

    def unasked(self) -> Rows:
        return Rows(self.names, self.keys, self.x, self.vectors, self.shapes, self.people, self.parsed)

    def subset(self, mask: np.ndarray) -> Rows:
        return Rows(self.names, [k for k, m in zip(self.keys, mask, strict=True) if m], self.x[mask],
                    self.vectors[mask], [s for s, m in zip(self.shapes, mask, strict=True) if m], self.people,
                    None if self.parsed is None else self.parsed[mask],
                    None if self.asked is None else self.asked[mask])


def rows_of(stems: list[str], sessions: dict) -> tuple[Rows, Rows]:
    """(the client statements' rows, the coach questions' rows) of these sessions."""
    # every labelled session's names, not only these: a word three tuning sessions use ("the nick", a prison)
    # can be someone's name in another, and the shipped scorer must know no one in the set by name
    people = {n.lower() for _, gold in sessions.values() for n in gold.get("names", [])}
    said, asked = ([(), [], [], [], []], [(), [], [], [], []])  # names, keys, blocks, vectors, texts
    parsed, asked_before = [], []
    for stem in stems:
        r = reading.read(sessions[stem][0])
        pool = sentence_features.candidates(r)
        parsed.append(sentence_scorer.parse_vectors(pool))
        asked_before.append(sentence_scorer.asked_vectors(r.session, pool))
        for part, (found, x), texts, vectors, read_as in (
                (said, sentence_features.matrix(r, pool), [s.text for s in pool], [s.vector for s in pool],
                 [terms.shape(s.doc) for s in pool]),
                (asked, question_features.matrix(r), [q.text for q in r.asked], list(embed([q.text for q in r.asked])),
                 [q.text for q in r.asked])):
            part[0] = found or part[0]  # a session without statements (or questions) has no feature names
            part[1] += [(stem, t) for t in texts]
            part[2].append(x)
            part[3] += vectors
            part[4] += read_as
    statements, questions = (Rows(names, keys, np.vstack(blocks), np.array(vectors, dtype=np.float64).reshape(
        len(keys), -1), texts, people) for names, keys, blocks, vectors, texts in (said, asked))
    statements.parsed, statements.asked = np.vstack(parsed), np.vstack(asked_before)
    # the analyzer asks the question scorer only about questions the rules call evoking in form or meaning
    evoking = questions.x[:, [questions.names.index("evoking_form"), questions.names.index("evoking_meaning")]]
    return statements, questions.subset(evoking.sum(1) > 0)


def vocabulary(rows: Rows) -> list[str]:
    """The words and pairs of words used by at least MIN_SESSIONS sessions, none with a person's
    name in it (spaCy tags most as names, which become "xpropn", but not every one)."""
    analyse = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()
    used: dict[str, set[str]] = {}
    for (stem, _), text in zip(rows.keys, rows.shapes, strict=True):
        for term in set(analyse(text)):
            used.setdefault(term, set()).add(stem)
    return sorted(t for t, stems in used.items() if len(stems) >= MIN_SESSIONS and rows.people.isdisjoint(t.split()))


class Model:
    """The fitted pieces a section's probabilities come from (the scorer's arithmetic, in numpy)."""

    def __init__(self, rows: Rows, y: np.ndarray, used: np.ndarray, tfidf: TfidfVectorizer, boosted: bool = False):
        self.mean, self.scale = rows.x.mean(0), rows.x.std(0) + 1e-6
        self.parse_mean = self.parse_scale = None
        if rows.parsed is not None:
            self.parse_mean, self.parse_scale = rows.parsed.mean(0), rows.parsed.std(0) + 1e-6
        self.used, self.tfidf, self.width = used, tfidf, rows.vectors.shape[1]
        self.asked_width = 0 if rows.asked is None else rows.asked.shape[1]
        self.fit = LogisticRegression(C=C, max_iter=5000).fit(self.inputs(rows), y)
        self.trees = HistGradientBoostingClassifier(**BOOST).fit(self.dense(rows), y) if boosted else None

    def inputs(self, rows: Rows) -> np.ndarray:
        z = (rows.x - self.mean) / self.scale * self.used
        words = self.tfidf.transform(rows.shapes).toarray() * TERMS_SCALE
        out = [z, words, rows.vectors] + ([] if rows.asked is None else [rows.asked])
        if rows.parsed is not None:
            out.append((rows.parsed - self.parse_mean) / self.parse_scale * PARSE_SCALE)
        return np.hstack(out)

    def dense(self, rows: Rows) -> np.ndarray:
        """The trees' inputs: the features standardised (those the section does without are 0, so no
        tree splits on them), the embedding, the parser vector standardised."""
        z = [(rows.x - self.mean) / self.scale * self.used, rows.vectors] + ([] if rows.asked is None else [rows.asked])
        if rows.parsed is not None:
            z.append((rows.parsed - self.parse_mean) / self.parse_scale)
        return np.hstack(z)

    def predict(self, rows: Rows) -> np.ndarray:
        p = self.fit.predict_proba(self.inputs(rows))[:, 1]
        return p if self.trees is None else (p + self.trees.predict_proba(self.dense(rows))[:, 1]) / 2

    def exported(self) -> dict:
        w = self.fit.coef_[0]
        n, v = len(self.mean), len(self.tfidf.vocabulary_)
        a = n + v + self.width  # after the embedding, what the coach asked; after that, the parser vector's weights
        e = a + self.asked_width
        out = {"bias": float(self.fit.intercept_[0]), "mean": self.mean, "scale": self.scale,
               "weights": w[:n] * self.used, "term_weights": w[n:n + v] * TERMS_SCALE, "vector_weights": w[n + v:a]}
        if self.asked_width:
            out["asked_weights"] = w[a:e]
        if self.parse_mean is not None:
            out |= {"parse_mean": self.parse_mean, "parse_scale": self.parse_scale,
                    "parse_weights": w[e:] * PARSE_SCALE}
        return out


def flattened(trees: HistGradientBoostingClassifier) -> dict:
    """The trees as one table of nodes (sentence_scorer's tree walk reads it): a leaf's feature is
    -1, a split sends a row left when its feature <= the threshold."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    for (tree,) in trees._predictors:  # sklearn keeps the fitted trees there (one per round)
        nodes, offset = tree.nodes, len(feature)
        if np.any(nodes["is_categorical"]):
            raise ValueError("a categorical split: the scorer walks numeric splits only")
        roots.append(offset)
        feature += [-1 if leaf else int(f) for leaf, f in zip(nodes["is_leaf"], nodes["feature_idx"], strict=True)]
        threshold += [float(t) for t in nodes["num_threshold"]]
        left += [int(a) + offset for a in nodes["left"]]
        right += [int(a) + offset for a in nodes["right"]]
        value += [float(v) for v in nodes["value"]]
    depth = max(int(tree.nodes["depth"].max()) for (tree,) in trees._predictors)
    return {"baseline": float(trees._baseline_prediction.ravel()[0]), "depth": depth, "roots": roots,
            "feature": feature, "threshold": threshold, "left": left, "right": right, "value": value}


def tfidf_of(rows: Rows) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, vocabulary=vocabulary(rows)).fit(rows.shapes)


def f1(keys, p: np.ndarray, threshold: float, section: str, sessions: dict) -> float:
    """Item-level F1 as the quality harness counts it: chosen sentences vs gold labels, per session."""
    hit = chosen = found = gold_n = 0
    for stem in dict.fromkeys(k[0] for k in keys):
        idx = [i for i, k in enumerate(keys) if k[0] == stem and p[i] >= threshold]
        idx = sorted(idx, key=lambda i: -p[i])[:(MOST | QUESTIONS_MOST | THRESHOLD_AT)[section]]
        golds = sessions[stem][1].get(section, [])
        texts = [keys[i][1] for i in idx]
        chosen += len(texts)
        hit += sum(any(matches(g, t) for g in golds) for t in texts)
        units = [golds] if section == "celebration" and golds else [[g] for g in golds]
        gold_n += len(units)
        found += sum(any(matches(g, t) for g in u for t in texts) for u in units)
    precision, recall = hit / chosen if chosen else 0.0, found / gold_n if gold_n else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def train(rows: Rows, questions: Rows, sessions: dict, quiet: bool = True,
          held_out: dict[str, np.ndarray] | None = None) -> dict:
    """The scorer's weights from these rows (sentence_scorer.json's shape); `held_out`, if given, receives each
    section's held-out probabilities for the statement rows (the first stage's as "first:" + section)."""
    stems = list(dict.fromkeys(k[0] for k in rows.keys))
    return {"trained_on": f"tune half, {len(stems)} sessions, {len(rows.keys)} client statements, "
                          f"{len(questions.keys)} coach questions",
            **_sections(rows, MOST, sessions, quiet, held_out),
            "questions": _sections(questions, QUESTIONS_MOST, sessions, quiet)}


def _sections(rows: Rows, most: dict[str, int], sessions: dict, quiet: bool,
              seen: dict[str, np.ndarray] | None = None) -> dict:
    stems = list(dict.fromkeys(k[0] for k in rows.keys))
    folds = [set(stems[i::FOLDS]) for i in range(FOLDS)]
    tfidf = tfidf_of(rows)
    out = {"features": list(rows.names),
           "terms": {"vocabulary": tfidf.get_feature_names_out().tolist(),
                     "idf": [round(float(a), 6) for a in tfidf.idf_]},
           "sections": {}}
    held: dict[str, np.ndarray] = {}
    for section in most:
        part = rows if section in PARSED else rows.unparsed()
        part = part if section in ASKED else part.unasked()
        used = np.array([n not in WITHOUT.get(section, ()) for n in part.names], dtype=np.float64)
        y = labels(part.keys, section, sessions)
        held_out = held[section] = np.zeros(len(y))
        for fold in folds:
            test = np.array([k[0] in fold for k in part.keys])
            rest = part.subset(~test)
            held_out[test] = Model(rest, y[~test], used, tfidf_of(rest), section in BOOSTED).predict(part.subset(test))
        threshold, score = _threshold(part.keys, held_out, section, most[section], sessions)
        fitted = Model(part, y, used, tfidf, section in BOOSTED)
        model = fitted.exported()
        out["sections"][section] = {
            "threshold": threshold, "most": most[section], "held_out_f1": round(score, 3), "positives": int(y.sum()),
            "bias": round(model["bias"], 6),
            **{k: [round(float(a), 6) for a in model[k]]
               for k in ("mean", "scale", "weights", "term_weights", "vector_weights", "asked_weights", "parse_mean",
                         "parse_scale", "parse_weights") if k in model},
        }
        if fitted.trees is not None:
            out["sections"][section]["trees"] = flattened(fitted.trees)
        if not quiet:
            print(f"{section}: {int(y.sum())} labelled of {len(y)}, threshold {threshold}, held-out F1 {score:.3f}")
    if seen is not None:
        seen |= {"first:" + section: p for section, p in held.items()} | held
    if all(section in held for section in sentence_scorer.STACKED_FROM):
        _stack(rows.keys, held, folds, out["sections"], sessions, quiet, seen)
    return out


def labels(keys, section: str, sessions: dict) -> np.ndarray:
    """1.0 for each (stem, text) the section's gold of that session matches, else 0.0."""
    return np.array([any(matches(g, t) for g in sessions[stem][1].get(section, [])) for stem, t in keys], float)


def _threshold(keys, held_out: np.ndarray, section: str, most: int, sessions: dict) -> tuple[float, float]:
    """(threshold, its held-out F1): the F1 curve is jagged on a few hundred labels, so the threshold
    whose neighbourhood does best; and of thresholds within TIE of the best, the lowest: on sessions the
    rules never saw (the report half, the newest tuning sessions) recall falls further than precision, so
    a tie goes to reporting more; but a section of one item (the win) makes a false claim in every
    session that has none, so there the tie goes to the highest (held-out, 148 tuning sessions: 0.15 gave
    F1 0.623 and a win to 18 of the 31 sessions without one, 0.25 gave 0.648 and 8 of 31)."""
    grid = [round(float(t), 3) for t in np.arange(0.05, 0.8, 0.025)]
    scores = [f1(keys, held_out, t, section, sessions) for t in grid]
    smooth = [float(np.mean(scores[max(0, i - 1):i + 2])) for i in range(len(grid))]
    ties = [i for i, v in enumerate(smooth) if v >= max(smooth) - TIE]
    best = max(ties) if most == 1 else min(ties)
    return grid[best], scores[best]


def _stack(keys, held: dict[str, np.ndarray], folds: list[set[str]], sections: dict, sessions: dict,
           quiet: bool, seen: dict[str, np.ndarray] | None = None) -> None:
    """The second stage (sentence_scorer.context) of the STACKED sections, fitted on the first stage's
    held-out probabilities, so it learns how far to trust them on sessions they were not trained on;
    its threshold is chosen on its own held-out folds."""
    stems = np.array([k[0] for k in keys])
    p = np.stack([held[section] for section in sentence_scorer.STACKED_FROM], axis=1)
    x = np.zeros((len(keys), sentence_scorer.context(p[:1]).shape[1]))
    for stem in dict.fromkeys(stems):
        at = stems == stem
        x[at] = sentence_scorer.context(p[at])
    for section in STACKED:
        y = labels(keys, section, sessions)
        held_out = np.zeros(len(y))
        for fold in folds:
            test = np.isin(stems, list(fold))
            held_out[test] = _Stage2(x[~test], y[~test]).predict(x[test])
        held_out = sentence_scorer.gated(held[section], held_out)
        if seen is not None:
            seen[section] = held_out
        most = sections[section]["most"]
        threshold, score = _threshold(keys, held_out, section, most, sessions)
        fitted = _Stage2(x, y)
        sections[section] |= {"threshold": threshold, "first_stage_f1": sections[section]["held_out_f1"],
                              "held_out_f1": round(score, 3),
                              "stack": {"mean": [round(float(a), 6) for a in fitted.mean],
                                        "scale": [round(float(a), 6) for a in fitted.scale],
                                        "weights": [round(float(a), 6) for a in fitted.fit.coef_[0]],
                                        "bias": round(float(fitted.fit.intercept_[0]), 6)}}
        if not quiet:
            print(f"{section}, read against its session: threshold {threshold}, held-out F1 {score:.3f}")


class _Stage2:
    def __init__(self, x: np.ndarray, y: np.ndarray):
        self.mean, self.scale = x.mean(0), x.std(0) + 1e-6
        self.fit = LogisticRegression(C=STACK_C, max_iter=5000).fit((x - self.mean) / self.scale, y)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.fit.predict_proba((x - self.mean) / self.scale)[:, 1]


def cross_fitted(stems: list[str], sessions: dict) -> dict[str, dict]:
    """{stem: weights trained on the other folds of `stems`}: scoring the tuning half with these
    measures it as the report half is measured, on sessions the weights never saw."""
    rows, questions = rows_of(stems, sessions)
    by_stem = {}
    for i in range(FOLDS):
        fold = set(stems[i::FOLDS])
        weights = train(rows.subset(np.array([k[0] not in fold for k in rows.keys])),
                        questions.subset(np.array([k[0] not in fold for k in questions.keys])), sessions)
        by_stem |= {stem: weights for stem in fold}
    return by_stem


# The shipped weights are trained on the tuning sessions numbered up to this one (all 308 since 2026-12-07; 180 of
# the 244 before). Trained on all
# 212 (2026-12-04), held-out folds moved within noise (discoveries 0.489 -> 0.494, values 0.461 -> 0.470, limiting
# beliefs 0.574 -> 0.568, the win 0.654 -> 0.612), the report half did no better (discoveries 0.471 -> 0.470, values
# 0.435 -> 0.440, limiting beliefs 0.574 -> 0.571, the win 0.598 -> 0.565), and behaviours the unit tests pin were
# lost ("Being seen as a leader is really important to me" no value; "The rota should be done by Friday" a norm).
# Trained on all 244 (2026-12-06, with 330-425): report half (181) discoveries 0.557 -> 0.571, values 0.507 -> 0.512,
# limiting beliefs 0.632 -> 0.636, the win 0.619 -> 0.585, empowering beliefs 0.414 -> 0.399, and three unit-tested
# behaviours lost again. The newer tuning sessions still count where the tuning half is measured (bench-quality's
# cross-fitted column).
# Trained on all 276 (2026-12-07, with 426-473): report half (197) values 0.521 -> 0.548, limiting beliefs 0.635 ->
# 0.652, discoveries 0.572 -> 0.574, powerful questions 0.682 -> 0.684, the win 0.641 -> 0.630, empowering beliefs
# 0.408 -> 0.404; held-out folds of the 276 (second stage) discoveries 0.498, values 0.519, limiting beliefs 0.607.
# The two unit-pinned behaviours it changed were the analyzer's, not the weights' (a task due by Friday read as a
# value: beliefs.held; a sentence said twice claimed by two sections: sentence_scorer.picks_by_margin), so it ships.
# Trained on all 308 the same day (with 474-521): report half (213) within noise of the 276-session weights, values
# 0.540 -> 0.535, limiting beliefs 0.651 -> 0.659, discoveries 0.576 -> 0.576, the win 0.637 -> 0.643, powerful
# questions 0.685 -> 0.681; held-out folds of the 308 (second stage) discoveries 0.501, values 0.515, limiting 0.611.
TRAINED_THROUGH = 521


def trained_on(stems: list[str]) -> list[str]:
    """The tuning sessions the shipped weights learn from (see TRAINED_THROUGH)."""
    return [s for s in stems if int(s.split("-")[0]) <= TRAINED_THROUGH]


def main() -> int:
    halves, sessions = load_set()
    out = train(*rows_of(trained_on(halves["tune"]), sessions), sessions, quiet=False)
    with open(sentence_scorer.WEIGHTS, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {sentence_scorer.WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The second stage reads each sentence against its session, and the analyzer computes it as the
trainer fitted it: the probabilities shipped are the ones whose F1 was measured."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from analysis.adapters.analyzers.embedded import sentence_scorer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from train_sentence_scorer import _Stage2  # noqa: E402

SECTIONS = len(sentence_scorer.STACKED_FROM)


def test_a_sentence_is_read_by_its_rank_its_distance_from_the_best_and_its_neighbours():
    p = np.array([[0.2, 0.1, 0.0, 0.0],
                  [0.6, 0.1, 0.0, 0.0],
                  [0.4, 0.1, 0.0, 0.0]])

    x = sentence_scorer.context(p)

    first = slice(0, SECTIONS * 7, SECTIONS)  # the discoveries column of each kind of input
    probability, _, rank, below_best, neighbour, _, size = (x[:, first][:, i] for i in range(7))
    np.testing.assert_allclose(probability, [0.2, 0.6, 0.4])
    np.testing.assert_allclose(rank, np.log1p([2, 0, 1]))
    np.testing.assert_allclose(below_best, [-0.4, 0.0, -0.2])
    np.testing.assert_allclose(neighbour, [0.6, 0.4, 0.6])
    np.testing.assert_allclose(x[:, -1], np.log(3))
    assert x.shape == (3, SECTIONS * 6 + 1)


def test_the_same_probability_weighs_more_where_it_is_the_sessions_strongest():
    rng = np.random.default_rng(3)
    sessions = [rng.uniform(0, 0.5, size=(12, SECTIONS)) for _ in range(150)]
    x = np.vstack([sentence_scorer.context(p) for p in sessions])
    # the labelled sentence is its session's strongest: what a coach reads in the ranking, not the bar
    y = np.concatenate([(p[:, 0] == p[:, 0].max()).astype(float) for p in sessions])
    fitted = _Stage2(x, y)
    section = {"stack": json.loads(json.dumps({"mean": fitted.mean.tolist(), "scale": fitted.scale.tolist(),
                                               "weights": fitted.fit.coef_[0].tolist(),
                                               "bias": float(fitted.fit.intercept_[0])}))}
    alone = np.array([[0.3, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1], [0.05, 0.1, 0.1, 0.1]])
    crowded = np.array([[0.3, 0.1, 0.1, 0.1], [0.45, 0.1, 0.1, 0.1], [0.48, 0.1, 0.1, 0.1]])

    scored = {name: sentence_scorer.stacked(section["stack"], sentence_scorer.context(p))
              for name, p in (("alone", alone), ("crowded", crowded))}

    np.testing.assert_allclose(scored["alone"], fitted.predict(sentence_scorer.context(alone)), atol=1e-12)
    assert scored["alone"][0] > 0.5 > scored["crowded"][0]


def test_the_second_stage_never_raises_what_the_first_all_but_ruled_out():
    first = np.array([0.03, 0.03, 0.30, 0.30])
    second = np.array([0.25, 0.01, 0.60, 0.10])

    np.testing.assert_allclose(sentence_scorer.gated(first, second), [0.03, 0.01, 0.60, 0.10])

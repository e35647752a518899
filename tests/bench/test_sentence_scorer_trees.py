"""The analyzer scores with the trees the trainer fitted: the scorer's own walk of the exported
table gives what scikit-learn gives, so the F1 measured at training is the F1 shipped."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from analysis.adapters.analyzers.embedded import sentence_scorer
from sklearn.ensemble import HistGradientBoostingClassifier

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from train_sentence_scorer import BOOST, flattened  # noqa: E402


def test_the_scorer_walks_the_exported_trees_as_scikit_learn_does():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(600, 6))
    # an interaction a linear model cannot draw: both cues, or neither, make the label
    y = ((x[:, 0] > 0) == (x[:, 1] > 0.3)).astype(float)
    fitted = HistGradientBoostingClassifier(**BOOST).fit(x, y)
    table = json.loads(json.dumps(flattened(fitted)))  # as written to and read from sentence_scorer.json
    fresh = rng.normal(size=(200, 6))

    walked = sentence_scorer._trees(sentence_scorer._Trees(table), fresh)

    np.testing.assert_allclose(walked, fitted.decision_function(fresh), rtol=0, atol=1e-9)
    assert ((walked > 0) == ((fresh[:, 0] > 0) == (fresh[:, 1] > 0.3))).mean() > 0.9

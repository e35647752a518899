"""The encoder's thresholds are chosen on the probabilities the analyzer will compute: the trainer averages the
scorer's and the encoder's for the same statements, the same way, as sentence_scorer.encoded."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from analysis.adapters.analyzers.embedded import encoder, sentence_scorer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from train_encoder import SECTIONS, averaged_as_analyzed  # noqa: E402


def test_the_trainer_averages_the_statements_the_analyzer_averages_and_as_it_does():
    rng = np.random.default_rng(3)
    n = max(sentence_scorer.SHORTLISTS.values()) + 15  # longer than any shortlist: some keep the scorer's
    coach = SimpleNamespace(text="What's important to you here?", index=0)
    pool = [SimpleNamespace(text=f"Statement {i}.", turn=SimpleNamespace(index=i + 1)) for i in range(n)]
    session = SimpleNamespace(previous_of=lambda turn, role: coach)
    first = {s: rng.random(n) for s in sentence_scorer.ENCODED}
    likely = {s: rng.random(n) for s in sentence_scorer.ENCODED}
    read = rng.random((n, len(SECTIONS)))
    table = {(x.text, coach.text): read[i].tolist() for i, x in enumerate(pool)}
    model = {"sections": {s: {"threshold": 0.2, "most": 4} for s in sentence_scorer.ENCODED}}

    with sentence_scorer.using(model), encoder.using(table):
        analyzed = sentence_scorer.encoded(likely, first, pool, session)
        scale = {s: 0.2 / encoder.threshold(s) for s in sentence_scorer.ENCODED}

    size = {s: k for group, k in sentence_scorer.SHORTLISTS.items() for s in group}
    # the statements averaged are each group's likeliest by its first stage: values and limiting beliefs together,
    # discoveries by their own
    either = np.maximum(first["core_values"], first["limiting_beliefs"])
    expected = {"core_values": set(np.argsort(-either)[:size["core_values"]]),
                "limiting_beliefs": set(np.argsort(-either)[:size["limiting_beliefs"]]),
                "client_discoveries": set(np.argsort(-first["client_discoveries"])[:size["client_discoveries"]])}
    for section in sentence_scorer.ENCODED:
        with encoder.using(table):  # the calibration the analyzer applies (the shipped encoder's)
            calibrated = encoder.calibrated(section, read[:, SECTIONS.index(section)])
        trained = averaged_as_analyzed(likely[section], first, calibrated, np.array(["one session"] * n), section)
        np.testing.assert_allclose(analyzed[section], trained * scale[section])
        averaged = ~np.isclose(analyzed[section] / scale[section], likely[section])
        assert set(np.flatnonzero(averaged)) == expected[section]

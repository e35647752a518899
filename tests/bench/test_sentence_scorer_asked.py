"""The scorer reads what the coach asked before a statement as the trainer fitted it: the columns the
trainer lays out (features, words, embedding, the coach's question, parser vector) are the ones the
analyzer multiplies, trees included, so the F1 measured at training is the F1 shipped."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from analysis.adapters.analyzers.embedded import sentence_scorer
from analysis.adapters.analyzers.embedded.session import build
from contracts.transcript import Transcript, Turn

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from train_sentence_scorer import Model, Rows, flattened, tfidf_of  # noqa: E402

WORDS = ["I see it now", "the traffic was bad", "we had soup", "it was about trust all along", "fine thanks"]


def _rows(rng: np.random.Generator, n: int) -> tuple[Rows, np.ndarray]:
    shapes = [WORDS[i % len(WORDS)] for i in range(n)]
    keys = [(f"s{i % 9}", f"{shapes[i]} {i}") for i in range(n)]
    asked = rng.normal(size=(n, 4))
    rows = Rows(("rule_a", "rule_b"), keys, rng.normal(size=(n, 2)), rng.normal(size=(n, 3)), shapes, set(),
                parsed=rng.normal(size=(n, 2)), asked=asked)
    # the label lives in what was asked (an evoking question before it), not in the sentence
    return rows, (asked[:, 0] + 0.3 * rows.x[:, 0] > 0.4).astype(float)


def test_a_statement_is_scored_by_the_question_before_it_as_the_trainer_fitted_it():
    rng = np.random.default_rng(11)
    rows, y = _rows(rng, 400)
    model = Model(rows, y, np.ones(2), tfidf_of(rows), boosted=True)
    tfidf = model.tfidf
    exported = model.exported() | {"trees": flattened(model.trees), "threshold": 0.5, "most": 3}
    part = json.loads(json.dumps({"terms": {"vocabulary": tfidf.get_feature_names_out().tolist(),
                                            "idf": tfidf.idf_.tolist()},
                                  "sections": {"client_discoveries": exported}},
                                 default=lambda a: np.asarray(a).tolist()))
    fresh, _ = _rows(rng, 60)

    shipped = sentence_scorer._probabilities(part, "client_discoveries", fresh.x, fresh.shapes, fresh.vectors,
                                             fresh.parsed, fresh.asked)

    np.testing.assert_allclose(shipped, model.predict(fresh), atol=1e-9)
    without = sentence_scorer._probabilities(part, "client_discoveries", fresh.x, fresh.shapes, fresh.vectors,
                                             fresh.parsed, np.zeros_like(fresh.asked))
    assert not np.allclose(shipped, without)  # the question before it moves the probability


def test_what_was_asked_is_the_coach_turn_before_the_statement_and_nothing_before_the_coach_spoke():
    session = build(Transcript(turns=[
        Turn(speaker="Client", role="client", text="Sorry I'm late, the traffic was awful."),
        Turn(speaker="Coach", role="coach", text="What do you notice about that?"),
        Turn(speaker="Client", role="client", text="That I always rush. Every time."),
    ], source_format="text"))

    class Said:  # a pool sentence as the scorer reads it: its turn
        def __init__(self, turn):
            self.turn, self.vector = turn, np.zeros(4)

    pool = [Said(session.turns[0]), Said(session.turns[2]), Said(session.turns[2])]

    asked = sentence_scorer.asked_vectors(session, pool)

    assert not asked[0].any()  # before the coach spoke
    expected = sentence_scorer.embed(["What do you notice about that?"])[0]
    np.testing.assert_allclose(asked[1], expected, atol=1e-6)
    np.testing.assert_allclose(asked[2], expected, atol=1e-6)

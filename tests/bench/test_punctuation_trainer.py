"""The punctuation trainer reads the marks as written and fits a model the analyzer applies as trained."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.adapters.analyzers.embedded import punctuation

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from train_punctuation import fit, gold_marks, turn_rows  # noqa: E402


def test_the_marks_as_written_are_the_trainers_labels():
    words, marks = gold_marks("Okay. So what's next? I'll call Dr. Lee\u2019s office, I think")
    assert words == ["okay", "so", "what's", "next", "i'll", "call", "dr", "lee's", "office", "i", "think"]
    assert marks == [".", "", "", "?", "", "", "", "", "", "", "."]


def test_a_model_fitted_on_turns_puts_their_marks_back():
    turns = ["What do you want? I want rest.", "Where now? I go home.", "What then? I sleep well.",
             "Who knows? I don't."] * 5
    rows = turn_rows(turns)
    model = punctuation.Model(ends=fit(rows[0], rows[1], 10.0), questions=fit(rows[2], rows[3], 10.0),
                              end_threshold=0.5, question_threshold=0.5)
    assert punctuation.punctuate("what do you want i want rest", model).read == "what do you want? i want rest."

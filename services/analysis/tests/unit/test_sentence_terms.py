"""The words the sentence scorer weighs: the numbers scikit-learn trained it on, and no one's name."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from analysis.adapters.analyzers.embedded import sentence_scorer
from analysis.adapters.analyzers.embedded.terms import Wording, terms

GOLD = Path(__file__).resolve().parents[4] / "bench" / "quality" / "gold"
SAID = ["Freedom matters to me more than money.", "I'm not a numbers person, I never was, never.",
        "It's not about the money. It's about being trusted.", "Okay.", "Nothing here is in the vocabulary: zxq."]


def test_a_sentence_weighs_as_scikit_learn_weighed_it_in_training():
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    fitted = sklearn_text.TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit(SAID + [
        "Money matters less than I thought.", "I'm a people person."])
    ours = Wording(fitted.get_feature_names_out().tolist(), fitted.idf_.tolist())
    assert np.allclose(ours.matrix(SAID), fitted.transform(SAID).toarray())
    assert np.allclose(ours.dot(SAID, np.arange(len(fitted.idf_), dtype=float)),
                       fitted.transform(SAID).toarray() @ np.arange(len(fitted.idf_)))


def test_terms_are_the_words_then_the_pairs_of_neighbouring_words():
    assert terms("I'm not a numbers person") == ["not", "numbers", "person", "not numbers", "numbers person"]


def test_the_shipped_scorer_knows_no_one_in_the_labelled_sessions_by_name():
    names = {n.lower() for f in GOLD.glob("*.json") for n in json.loads(f.read_text(encoding="utf-8")).get("names", [])}
    vocabulary = sentence_scorer._shipped()["terms"]["vocabulary"]
    assert len(vocabulary) > 1000 and len(names) > 100
    assert [t for t in vocabulary if not names.isdisjoint(t.split())] == []

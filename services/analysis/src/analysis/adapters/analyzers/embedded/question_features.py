"""What the question scorer knows about each coach question: numbers, one row per question.

The powerful-question rules (powerful.py) weigh a question's form and what its answer did
with weights set by hand; the scorer learns them instead, from the same readings: the
question's purpose (similarity to kinds of question), whether the rules call its form evoking,
the rules' verdict, what the client's answer did (length against the client's usual, a
realisation, a feeling, reflection aloud), where it falls; plus its wording and embedding
(sentence_scorer). Read from the rules' reading only, so training and use see the same rows.
"""

from __future__ import annotations

import math
from statistics import median

import numpy as np

from . import feelings, powerful
from .reading import Reading


def matrix(reading: Reading) -> tuple[tuple[str, ...], np.ndarray]:
    """(feature names, one row per question of reading.asked)."""
    s = reading.session
    typical = median([t.word_count for t in s.client_turns] or [0])
    moved = {x.turn.index for x in reading.discovered} | {
        t.index for t in s.client_turns for b in reading.beliefs_found if b.evidence and b.evidence[0] in t.text}
    feeling = {x.turn.index for x in reading.sentences if x.turn.is_client and feelings.feeling_words(x)}
    chosen = {p.question for p in powerful.find(s, reading.asked, reading.purposes, moved, feeling)}
    last = max(1, len(s.turns) - 1)
    rows = []
    for q, p in zip(reading.asked, reading.purposes, strict=True):
        answer = s.next_turn(q.turn)
        answered = answer is not None and answer.is_client
        words = answer.word_count if answered else 0
        form = powerful.evoking(q, p)
        rows.append({
            "evocative": p.evocative, "fact": p.fact, "agreement": p.agreement, "planning": p.planning,
            "learning": p.learning, "planning_words": p.planning_words, "agreement_words": p.agreement_words,
            "fact_words": p.fact_words, "evoking_form": form is True, "evoking_meaning": form is False,
            "open": q.kind == "open", "rule_powerful": q.text in chosen,
            "effect": powerful.effect(answer, typical, moved, feeling)[0] if answered else 0.0,
            "answer_words": math.log1p(words), "answer_vs_usual": words / max(1.0, typical),
            "answer_moved": answered and answer.index in moved, "answer_felt": answered and answer.index in feeling,
            "position": q.turn.index / last, "question_words": math.log1p(len(q.text.split())),
        })
    names = tuple(rows[0]) if rows else ()
    return names, np.array([[float(r[n]) for n in names] for r in rows], dtype=np.float64).reshape(len(rows), len(names))

"""What each coach question is for: evoking awareness, a fact, the session agreement, planning
action, or closing on learning. Judged by meaning (similarity to labelled example questions),
never by the question's first word: "What are you drinking?" asks for a fact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import semantic
from .models import embed
from .questions import Question

PURPOSES = ("evocative_question", "fact_question", "agreement_question", "planning_question", "learning_question")


# Explicit action-design wording, which the embeddings can miss in a long question.
_PLANNING = re.compile(
    r"\b(?:what will you do|what are you going to do|what(?:'s| is) (?:your|the) (?:plan|next step|first step)|"
    r"by when|when will you|what (?:will|could|would) you (?:commit|try|take)|what's one (?:thing|step)|"
    r"how will you (?:do|start|make sure)|what support|what do you want to do (?:with|about|next))\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Purpose:
    evocative: float
    fact: float
    agreement: float
    planning: float
    learning: float
    planning_words: bool = False

    @property
    def asks_for_facts(self) -> bool:
        return self.fact > self.evocative + 0.05

    @property
    def is_agreement(self) -> bool:
        return self.agreement >= 0.62 and self.agreement >= self.planning

    @property
    def is_planning(self) -> bool:
        return self.planning_words or (self.planning >= 0.62 and self.planning > self.agreement)

    @property
    def is_learning(self) -> bool:
        return self.learning >= 0.65


def purposes(questions: list[Question]) -> list[Purpose]:
    vectors = embed([q.text for q in questions])
    columns = [semantic.score_matrix(vectors, label) for label in PURPOSES]
    return [
        Purpose(*(float(c[i]) for c in columns), planning_words=bool(_PLANNING.search(q.text.replace("\u2019", "'"))))
        for i, q in enumerate(questions)
    ]

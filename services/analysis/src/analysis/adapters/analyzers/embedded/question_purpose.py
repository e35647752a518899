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


# Contracting wording; where the session agreement is made (agreement.py looks early only).
_AGREEMENT = re.compile(
    r"\b(?:what would you like to (?:focus on|talk about|work on|get (?:out of|from)|use (?:today|this|our)|explore|"
    r"leave with|have by the end|(?:walk|go|come) (?:out|away)(?: of here| from here| from this)? with|take away)|"
    r"what do you want to (?:get|focus|work|talk|leave|walk out|take away)|where would you like to (?:start|begin)|"
    r"what(?:'s| is) on your mind|what would make (?:this|today|our time|the session)|what should we (?:focus|work)|"
    r"what brings you|what(?:'s| is) (?:most )?important (?:for us )?to (?:work on|focus on|talk about)|"
    r"what(?:'s| is) the (?:focus|topic) (?:for )?today|what would be (?:a )?(?:good|useful|great) (?:outcome|use)|"
    r"what (?:would|do|will) you (?:want to |like to |need to )?(?:walk|go|come) (?:out|away)(?: of here| from here| from "
    r"this)? with|if (?:this|today|our) (?:hour|session|time|conversation|call) (?:turned out|was|were|is|proved) (?:to be )?"
    r"(?:really |really, really )?(?:useful|valuable|worthwhile|helpful))\b|"
    # "What's the one thing you want out of today?", "What's the most useful thing we could do with them?"
    r"\bwhat(?:'s| is) the (?:one )?thing you(?:'d)? (?:want|like|need) (?:out of|from (?:today|this|our|the (?:session|"
    r"hour|call|time))|to (?:get|leave|take|walk))\b|"
    r"\bwhat (?:do|would) you (?:want|like|need) (?:out of|from) (?:today|this|our|the (?:session|hour|call|time))\b|"
    r"\bwhat(?:'s| is| would be) the most (?:useful|helpful|valuable) (?:thing|use)\b|"
    r"\bhow (?:can|could) (?:i|we) (?:best )?(?:help|use (?:this|our|the|today's) (?:time|hour|session))\b",
    re.I,
)


# Questions about the facts of the client's world (a policy, a date, a figure), however open their form.
_FACT = re.compile(
    r"\bwhat(?:'s| is| are| was| were) (?:your|the|their|his|her|its) (?:\w+(?:'s)? ){0,2}(?:policy|policies|process|"
    r"procedure|deadline|date|budget|salary|address|number|numbers|name|rota|schedule|timeline|headcount|price|prices|"
    r"figures?|rules? (?:on|for|about))\b|\bwhat time\b|\bwhich (?:day|date|week|month|year)\b|\bhow many\b",
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
    agreement_words: bool = False
    fact_words: bool = False

    @property
    def asks_for_facts(self) -> bool:
        return self.fact_words or self.fact > self.evocative + 0.05

    @property
    def is_agreement(self) -> bool:
        return self.agreement_words or (self.agreement >= 0.62 and self.agreement >= self.planning)

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
        Purpose(*(float(c[i]) for c in columns), planning_words=bool(_PLANNING.search(_plain(q.text))),
                agreement_words=asks_for_agreement(q.text), fact_words=bool(_FACT.search(_plain(q.text))))
        for i, q in enumerate(questions)
    ]


def asks_for_agreement(text: str) -> bool:
    """Whether a coach's words ask what the client wants from the session, in contracting wording."""
    return bool(_AGREEMENT.search(_plain(text)))


# How the client will know the session did its work ("How will you know if we've got there?", "What would success
# look like by the end of today?"): contracting, not "How will you know you've done it?" about a step
_SUCCESS_MEASURE = re.compile(
    r"\bhow (?:will|would|do|'ll) (?:you|we) know (?:if |when |that )?(?:we(?:'ve| have|'re| are)|this|today|the session|"
    r"our time|it(?:'s| has| was) been (?:useful|worth|good))|\bwhat would (?:success|a good (?:outcome|result)|good) look "
    r"like (?:for|by the end of|at the end of|from) (?:today|this|the session|our time|the hour)\b", re.I)


def asks_for_success_measure(text: str) -> bool:
    """Whether a coach's words ask how the client will know the session gave them what they came for."""
    return bool(_SUCCESS_MEASURE.search(_plain(text)))


def _plain(text: str) -> str:
    return text.replace("\u2019", "'")

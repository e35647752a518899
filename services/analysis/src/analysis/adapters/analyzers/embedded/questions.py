"""Coach questions: found per sentence, classified open or closed.

Open questions invite the client to explore ("What would change if...?",
"Tell me about..."); closed ones ask for a yes/no or a fact ("Did you...?",
"How many...?"). The split follows the MI / ICF convention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .evidence import quote
from .sentences import Span
from .session import Session, TurnView

# Words that may precede the real start of a spoken question.
_PREAMBLE = re.compile(
    r"^(?:(?:so|and|okay|ok|well|now|but|um+|uh+|yeah|yes|right|mm-?hmm|alright|all right|then|"
    r"oh|hmm|just|also|i'm curious|i'm wondering|i wonder|i guess|let me ask you|can i ask you)"
    r"\b[,.]?\s*)+",
    re.I,
)
_OPEN_START = re.compile(
    r"^(?:what|what's|whats|why|where|who|whom|whose|which|when|in what way|"
    r"how(?!\s+(?:many|much|long|often|old|far)\b)|tell me|describe|explain|walk me through|"
    r"help me understand|talk (?:to me |me through )|say more|share (?:with me|more))\b",
    re.I,
)
_CLOSED_START = re.compile(
    r"^(?:do|does|did|is|are|was|were|am|can|could|would|will|won't|wouldn't|have|has|had|should|"
    r"shall|may|might|must|isn't|aren't|don't|doesn't|didn't|haven't|hasn't|any|anything|"
    r"how (?:many|much|long|often|old|far))\b",
    re.I,
)
# Directives that work as open questions even without a question mark.
_OPEN_DIRECTIVE = re.compile(
    r"^(?:tell me|describe|walk me through|help me understand|say more|talk to me about)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Question:
    turn: TurnView
    span: Span
    kind: str  # "open" | "closed"

    @property
    def text(self) -> str:
        return quote(self.turn, self.span)


def classify(sentence: str) -> str:
    """'open' or 'closed' from how the question starts."""
    body = _PREAMBLE.sub("", sentence.strip().strip("\"'\u201c\u201d")).strip()
    if _OPEN_START.match(body):
        return "open"
    if _CLOSED_START.match(body):
        return "closed"
    # "You said it's hard, what makes it hard?": the last clause carries the question.
    tail = _PREAMBLE.sub("", re.split(r"[,;:\u2014]\s*|\s-+\s", body)[-1]).strip()
    if tail is not body and _OPEN_START.match(tail):
        return "open"
    return "closed"


# "What do you want, and why do you want it, and what's stopping you?": one sentence, three questions
_ANOTHER_QUESTION = re.compile(r",\s*(?:and|or)\s+(?:what|why|how|where|who|when|which|is|are|do|does|did|can|could|"
                               r"would|will|have|has)\b", re.I)


STACKED = 3  # questions in one go that leave the client to choose which to answer


# "What do you want from Keith, what's stopping you asking him, and ...?": a wh-clause after a bare comma is
# another question too when it has words of its own ("So, what, what would..." is one question)
_BARE_WH_CLAUSE = re.compile(r",\s*(?!(?:and|or)\b)(?:what|why|how|where|who|when|which)\b(?:'s)?\s+\S+\s+\S+", re.I)


def asked_in(sentence: str) -> int:
    """How many questions a question sentence asks: "how much came from Dave, and how much came from that
    fact?" weighs two answers in one question (the same opening said again), and counts once."""
    openings = [_opening(re.sub(r"^,\s*(?:(?:and|or)\s+)?", "", sentence[m.start():], flags=re.I))
                for m in (*_ANOTHER_QUESTION.finditer(sentence), *_BARE_WH_CLAUSE.finditer(sentence))]
    first = re.search(r"\b(?:what|why|how|where|who|when|which)\b.*", sentence, re.I)
    said = {_opening(first.group(0))} if first else set()
    return 1 + len(set(openings) - said)


def _opening(text: str) -> str:
    """The first three words of a clause, lower case: what a repeated question says again."""
    return " ".join(re.findall(r"[a-z']+", text.lower())[:3])


def is_question(sentence: str) -> bool:
    s = sentence.rstrip("\"'\u201d\u2019)] ")
    return s.endswith("?") or bool(_OPEN_DIRECTIVE.match(_PREAMBLE.sub("", sentence.strip())))


def find(session: Session) -> list[Question]:
    """Every question sentence the coach asked, in order."""
    found = []
    for turn in session.coach_turns:
        for span in turn.spans:
            if is_question(span.text):
                found.append(Question(turn, span, classify(span.text)))
    return found


def open_ratio(questions: list[Question]) -> float:
    return sum(q.kind == "open" for q in questions) / len(questions) if questions else 0.0

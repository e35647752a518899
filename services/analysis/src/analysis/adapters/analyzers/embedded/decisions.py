"""The decision a session came to: "I'm taking it.", "I'm going for it.", "I'm staying in testing.",
"I think I say yes to that.", "It's a yes to applying.".

A session about a choice (a job offer, a promotion, selling up, staying or going) builds towards the
client's answer, not towards the first step after it. The dated step that follows ("Tonight, when the
dogs are fed, I tell Morag.") is an action item; the decision is the intention.

Told by its wording: the client's own present-tense answer (what they are doing or say, not what they
might), said late in the session, the object at most a short phrase. On the 308 tuning sessions, 13 sessions
hold a sentence so worded and in 11 it is the labelled intention (the analyzer had named a dated step after
it in each); in the other two the labeller chose why ("It's a yes." / "Yes, because I'm good at this, ...")
or what the client wants for their work ("And I'm staying.").
Four tuning folds (176 sessions): intention hits 52 -> 63 of 130.
"""

from __future__ import annotations

import re

from . import beliefs, timelines
from .language import Sentence
from .session import Session

# how far into the session a decision comes: a choice is made once it has been talked through
LATE = 0.6

_LEAD = r"^(?:(?:yes|yeah|okay|ok|right|so|and|then|well|no|decision's made|it's a yes)[,.!]?\s+)*"
_DECIDED = re.compile(
    _LEAD + r"i(?:'m| am) (?:"
    r"(?:going for it|taking it|doing it|taking the job|taking the offer|taking the role|not taking it|turning it down)"
    r"(?:,? then)?[.!]?$"
    r"|staying(?:\s+(?:in|at|on|put|where|because|here|as)\b[^,;]*)?(?:,|[.!]?$)"
    r"|selling\b"
    r"|saying yes\b"
    r"|going to (?:say yes|take it|go for it|do it)[.!]?$"
    r")"
    r"|" + _LEAD + r"i (?:think i )?say yes\b(?: to (?:it|that|this|them|him|her))?[.!]?$"
    r"|" + _LEAD + r"it's a yes\b(?: to \w+ing)?[.!]?$",
    re.I)


def decision(session: Session, sentences: list[Sentence]) -> Sentence | None:
    """The last decision the client voiced late in the session, or None."""
    late = LATE * len(session.turns)
    # (a decision is undated: "I'm staying at my sister's on Friday" and "I'm selling the car on Saturday" are plans)
    said = [x for x in sentences if x.turn.is_client and x.turn.index >= late and beliefs.own_statement(x)
            and _DECIDED.search(x.text.replace("\u2019", "'").strip()) and timelines.find(x.text) is None]
    return said[-1] if said else None

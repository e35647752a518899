"""Values and beliefs: what matters to the client and what they believe they can do."""

from __future__ import annotations

import re

from contracts.insight import ValuesBeliefs

from .cues import Hit, client_hits
from .session import Session

_CORE_VALUE = re.compile(
    r"\b(?:(?:is|are|was|it's|that's|really|so|very) important to me|what (?:really )?matters (?:most )?to me|"
    r"matters (?:a lot|most|so much) to me|means (?:a lot|so much|everything) to me|i (?:really )?(?:care|cared) "
    r"(?:about|for)|i value|the most important thing|i believe in|i want to be (?:a|the) (?:good|better))\b",
    re.I,
)
_LIMITING = re.compile(
    r"\b(?:i can't (?!wait|remember|recall|say|tell|think of|imagine)|i cannot|i'm not (?:the kind|the type|a) "
    r"(?:of )?(?:person|guy|woman|man)|i'm (?:just )?not (?:good|strong|smart|disciplined) enough|i'm not good at|"
    r"i'm (?:too|so) (?:old|weak|lazy|stupid)|i'll never be able|i(?:'ll| will) never (?:be|get|manage)|"
    r"i always (?:fail|mess|screw)|i'm (?:hopeless|useless|a failure)|no way i (?:can|could)|"
    r"i(?:'m| am) not able to|i don't have (?:the )?(?:willpower|discipline)|"
    r"i'm (?:probably |just )?not (?:ready|cut out|good enough|(?:the kind|the type) of|a (?:real|natural))|"
    r"i'm (?:a )?(?:terrible|awful|hopeless|bad) (?:at|\w+er)\b|(?:it's|it is) too late for me|"
    r"people like (?:me|us) (?:don't|can't|never)|i (?:always|usually) (?:freeze|give up|quit|panic))",
    re.I,
)
_EMPOWERING = re.compile(
    r"\b(?:i know i (?:can|could|am able)|i(?:'m| am) (?:able to|capable|good at|strong enough)|i believe i can|"
    r"i can (?!see|tell|hear|imagine|understand|remember|say|think|guess|relate|feel)\w+|i did it before|"
    r"i've done it before|i'm confident)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|don't|never)\b.{0,12}\b(?:i can|able|capable|confident)\b|\?", re.I)
PER_TYPE = 2


def values_beliefs(session: Session) -> list[ValuesBeliefs]:
    items = []
    items += [_item(h, "Core Value") for h in _first(client_hits(session, _CORE_VALUE))]
    items += [_item(h, "Limiting Belief") for h in _first(client_hits(session, _LIMITING))]
    items += [_item(h, "Empowering Belief") for h in _first(client_hits(session, _EMPOWERING, _NEGATION))]
    return items


def _first(hits: list[Hit]) -> list[Hit]:
    return hits[:PER_TYPE]


_IMPACT = {
    "Core Value": "A motivator the client can anchor goals to.",
    "Limiting Belief": "May hold the client back from acting on their goals; worth exploring.",
    "Empowering Belief": "Supports the client's confidence to follow through.",
}


def _item(hit: Hit, kind: str) -> ValuesBeliefs:
    depth = "Explored" if hit.turn.word_count >= 30 else "Mentioned"
    return ValuesBeliefs(
        type=kind,
        description=f'{kind} expressed: "{hit.text}"',
        impact_on_goals=_IMPACT[kind],
        exploration_depth=depth,
        evidence=[hit.text],
    )

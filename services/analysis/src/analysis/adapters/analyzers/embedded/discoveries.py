"""Client discoveries: moments the client sees something new about themselves or their situation.

Two ways in: the client says so ("I just realised", "I never noticed", "so the thing I'm really
afraid of is"), or the client answers an evoking question (what does that tell you, what do you
notice) with a statement about themselves that reads like an insight (similarity to labelled
examples). Reported speech and questions are never discoveries.
"""

from __future__ import annotations

import re

from contracts.insight import ClientDiscovery

from . import semantic, syntax
from .evidence import quote
from .language import Sentence
from .sentiment import compound, label

MAX_DISCOVERIES = 6
SIMILAR = 0.55
ANSWER_SIMILAR = 0.42

_MARKED = re.compile(
    r"\b(?:i (?:just |now |finally |suddenly )?(?:reali[sz]e|reali[sz]ed|noticed|notice)|i never (?:really )?(?:noticed|thought|"
    r"realized|realised|considered|saw|connected)|i hadn't (?:really )?(?:thought|noticed|considered|realized|realised|"
    r"connected|seen)|it (?:just )?(?:occurs|occurred|dawned|hit|struck) (?:to |on )?me|(?:i|now i) see (?:now|that)|"
    r"i can see (?:now|that)|now i see|i didn't (?:realize|realise|know that|see it)|i(?:'ve| have) (?:learned|learnt|noticed|"
    r"realised|realized)|i'm (?:starting|beginning) to (?:see|think|understand|realize|realise)|come to think of it|"
    r"i understand now|makes me (?:think|realize|realise)|that's the (?:first time|thing|real issue|real problem)|"
    r"the (?:real|actual) (?:issue|problem|thing|question|fear) is|what i(?:'m| am)? (?:actually|really) (?:afraid|scared|"
    r"worried) of|what i (?:actually|really) (?:need|want)(?: to \w+)? is|it's not (?:really )?about|"
    r"i(?:'ve| have) been (?:telling myself|avoiding|pretending|ignoring|hiding|waiting|putting off|holding back|"
    r"running from|underestimating|overestimating|undervaluing|treating|making|carrying|playing)|"
    r"i keep (?:\w+ing)\b|out loud|i'd forgotten|i(?:'ve| have) built|maybe (?:it's|i'm|the)|"
    r"i guess (?:what|the thing|i(?:'ve| have)|i'm)|i think i(?:'ve| have) (?:been|always|never|built|made|spent))",
    re.I,
)
_DEEP = re.compile(r"\b(?:never|always|my whole life|who i am|identity|afraid|scared|i've been|my (?:father|mother|dad|mum|mom))\b",
                   re.I)


def find(sentences: list[Sentence], evoking_answers: set[int]) -> list[Sentence]:
    """The client's sentences that voice a discovery. `evoking_answers`: indices of client
    turns that answer an evoking coach question."""
    pool = [s for s in sentences if _candidate(s)]
    sims = semantic.score_matrix(semantic.stack([s.vector for s in pool]), "discovery")
    found = []
    for s, sim in zip(pool, sims, strict=True):
        marked = bool(_MARKED.search(s.text.replace("\u2019", "'")))
        answer = s.turn.index in evoking_answers and _self_statement(s)
        if marked or sim >= SIMILAR or (answer and sim >= ANSWER_SIMILAR):
            found.append(s)
    keep = semantic.dedupe([s.text for s in found], threshold=0.9)
    return [found[i] for i in keep[:MAX_DISCOVERIES]]


def build(found: list[Sentence]) -> list[ClientDiscovery]:
    return [_discovery(s) for s in found]


def _candidate(s: Sentence) -> bool:
    if not s.turn.is_client or s.is_question or len(s.text.split()) < 5:
        return False
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    return root is None or not syntax.reported(root)


def _self_statement(s: Sentence) -> bool:
    return any(t.lower_ in ("i", "me", "my", "myself", "i'm", "i've") for t in s.doc)


def _discovery(s: Sentence) -> ClientDiscovery:
    text = quote(s.turn, s.span)
    return ClientDiscovery(
        insight=text,
        depth_level=_depth(s),
        emotional_response=_response(compound(s.turn.text)),
        evidence=[text],
    )


def _depth(s: Sentence) -> str:
    words = len(s.text.split())
    if _DEEP.search(s.text) and words >= 10:
        return "Deep"
    return "Moderate" if words >= 8 else "Surface"


def _response(score: float) -> str:
    return {
        "Distressed": "Unsettled by the realisation",
        "Uneasy": "Thoughtful, with some discomfort",
        "Neutral": "Reflective and matter-of-fact",
        "Positive": "Open and encouraged",
        "Optimistic": "Energised by the realisation",
    }[label(score)]

"""Client discoveries: moments the client sees something new about themselves."""

from __future__ import annotations

import re

from contracts.insight import ClientDiscovery

from .cues import Hit, client_hits
from .sentiment import compound, label
from .session import Session

_DISCOVERY = re.compile(
    r"\b(?:i (?:just |now |finally )?(?:reali[sz]e|reali[sz]ed)|i never (?:really )?(?:noticed|thought|realized|"
    r"realised|considered|saw)|i hadn't (?:really )?(?:thought|noticed|considered|realized)|it occurs to me|"
    r"it (?:just )?(?:occurred|dawned) on me|(?:i|now i) see (?:now|that)|i can see (?:now|that)|now i see|"
    r"i didn't (?:realize|realise|know that|see)|i(?:'ve| have) (?:learned|learnt|noticed)|"
    r"i'm (?:starting|beginning) to (?:see|think|understand|realize|realise)|come to think of it|"
    r"i understand now|makes me (?:think|realize|realise)|i guess (?:what|the thing) (?:i|is)|"
    # Naming one's own pattern is the commonest form of insight in coaching talk.
    r"i(?:'ve| have) been (?:telling myself|avoiding|pretending|ignoring|hiding|waiting|putting off|"
    r"holding back|running from|underestimating|overestimating|undervaluing|projecting|treating)|"
    r"i keep (?:\w+ing)\b|i hadn't (?:really )?connected|i(?:'ve| have)? (?:\w+ly )?never (?:really )?"
    r"(?:thought (?:of|about) it|looked at it|separated|connected|seen it)|i'd forgotten|"
    r"what i (?:actually|really) (?:need|want)(?: to \w+)? is)",
    re.I,
)
_DEEP = re.compile(r"\b(?:never|always|my whole life|who i am|really|afraid|scared|i've been)\b", re.I)
MAX_DISCOVERIES = 5


def discoveries(session: Session) -> list[ClientDiscovery]:
    hits = client_hits(session, _DISCOVERY, exclude=re.compile(r"\b(?:you|he|she|they) (?:realize|see)\b", re.I))
    return [_discovery(h) for h in hits[:MAX_DISCOVERIES]]


def _discovery(hit: Hit) -> ClientDiscovery:
    return ClientDiscovery(
        insight=f'The client recognised: "{hit.text}"',
        depth_level=_depth(hit),
        emotional_response=_response(compound(hit.turn.text)),
        evidence=[hit.text],
    )


def _depth(hit: Hit) -> str:
    words = len(hit.span.text.split())
    if _DEEP.search(hit.span.text) and words >= 10:
        return "Deep"
    return "Moderate" if words >= 8 else "Surface"


def _response(score: float) -> str:
    mood = label(score)
    return {
        "Distressed": "Unsettled by the realisation",
        "Uneasy": "Thoughtful, with some discomfort",
        "Neutral": "Reflective and matter-of-fact",
        "Positive": "Open and encouraged",
        "Optimistic": "Energised by the realisation",
    }[mood]

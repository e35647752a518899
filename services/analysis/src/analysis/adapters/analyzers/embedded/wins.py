"""Celebration: a win the client reports ("I managed", "I did it", "finally")."""

from __future__ import annotations

import re

from contracts.insight import Celebration

from .cues import Hit, client_hits
from .evidence import dedupe
from .sentiment import compound
from .session import Session

WIN = re.compile(
    r"\b(?:i (?:finally |actually |really )?(?:managed|did it|made it|succeeded|pulled it off|got through)|"
    r"i(?:'m| am| was| felt| feel) (?:really |so |very |actually |genuinely )?proud|"
    r"i (?:finally |actually |just )?(?:finished|completed|nailed)\b|"
    r"i(?:'ve| have) (?:already |finally |just )?(?:finished|completed|shipped|launched)\b|"
    r"i (?:actually )?did (?:fine|well|great)\b|proud of (?:myself|me)|(?:i|we) finally (?:\w+ed|did|got|made|quit|went|ran|took|told|found)|"
    r"i(?:'ve| have) (?:been able to|managed to|cut (?:down|back)|stopped|quit|lost|started|kept|stuck)|"
    r"i was able to|it worked|went (?:really |so )?well|a big step|first time in|"
    r"i haven't (?:had|smoked|touched|missed) (?:a|any)\b|(?:\w+ )?(?:days|weeks|months) (?:clean|sober|without))",
    re.I,
)
NOT_A_WIN = re.compile(r"\b(?:not proud|never managed|couldn't|didn't manage|wasn't able|failed)\b", re.I)


def celebration(session: Session) -> Celebration | None:
    hits = client_hits(session, WIN, exclude=NOT_A_WIN)
    if not hits:
        return None
    # The most positive report is the one worth celebrating.
    ranked = sorted(hits, key=lambda h: (-compound(h.span.text), h.turn.index))
    best = ranked[0]
    return Celebration(
        description=f'The client reported a win: "{best.text}"',
        significance=_significance(best),
        evidence=dedupe([h.text for h in ranked], limit=3),
    )


def _significance(hit: Hit) -> str:
    cue = hit.match.group(0).lower()
    if "proud" in cue:
        return "The client takes ownership of the success, which builds self-efficacy."
    if any(w in cue for w in ("stopped", "quit", "cut", "haven't", "clean", "sober", "without")):
        return "A concrete behaviour change already under way: evidence the goal is reachable."
    return "Progress the client achieved themselves, a foundation for the next steps."

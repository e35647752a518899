"""Celebration: a win that happened ("I finally told him", "I ran three times this week").

A win is told in the past or present perfect, by the client about themselves, and it is not
a hope, a plan, a hypothetical, a negation or somebody else's words: "I hope I'll manage it"
and "if I finish it" are not wins.
"""

from __future__ import annotations

import re

from contracts.insight import Celebration

from . import syntax
from .evidence import dedupe, quote
from .language import Sentence
from .sentiment import compound

WIN = re.compile(
    r"\b(?:i (?:finally |actually |really |just )?(?:managed|did it|made it|succeeded|pulled it off|got through|nailed)|"
    r"i(?:'m| am| was| felt| feel) (?:really |so |very |actually |genuinely |quite )?proud|proud of (?:myself|me)|"
    r"i (?:finally |actually |just )?(?:finished|completed|shipped|launched|delivered|won|passed|stopped|quit)\b|"
    r"i (?:finally|actually) \w+ed\b|"
    r"i(?:'ve| have) (?:already |finally |just )?(?:finished|completed|shipped|launched|been able to|managed to|"
    r"cut (?:down|back)|stopped|quit|lost|started|kept|stuck|done|got|had)\b|"
    r"i (?:actually )?did (?:fine|well|great|it)\b|i was able to|it worked|went (?:really |so |pretty )?well|"
    r"a big step|first time in|i haven't (?:had|smoked|touched|missed) (?:a|any)\b|(?:\w+ )?(?:days|weeks|months) "
    r"(?:clean|sober|without))",
    re.I,
)
# Ordinary deeds count only when the client tells them as a success (warm, or "finally").
_ACT = re.compile(r"\bi (?:handed|told|asked|said no|ran|walked|went|signed|booked|sent|got|spoke|presented|tried|"
                  r"had the conversation)\b", re.I)
NOT_A_WIN = re.compile(r"\b(?:not proud|never managed|couldn't|didn't|wasn't able|failed|hope|hoping|wish|if|would|"
                       r"should have|could have|want to|going to|gonna|will|'ll)\b", re.I)


def celebration(sentences: list[Sentence]) -> Celebration | None:
    wins = [s for s in sentences if _win(s) or _warm_deed(s)]
    if not wins:
        return None
    # The warmest report first: that is the one the client will want named.
    ranked = sorted(wins, key=lambda s: (-compound(s.text), s.turn.index))
    best = ranked[0]
    text = quote(best.turn, best.span)
    return Celebration(
        description=text,
        significance=_significance(best),
        evidence=dedupe([quote(s.turn, s.span) for s in ranked], limit=3),
    )


def won(sentence: Sentence) -> bool:
    return _win(sentence) or _warm_deed(sentence)


def _win(s: Sentence) -> bool:
    if not s.turn.is_client or s.is_question:
        return False
    text = s.text.replace("\u2019", "'")
    m = WIN.search(text)
    if not m or NOT_A_WIN.search(text):
        return False
    if compound(text) <= -0.3:
        return False
    verb = next((t for t in s.doc if t.idx >= m.start() and t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return True
    return not (syntax.reported(verb) or syntax.condition(verb) in ("if", "unless") or syntax.negated(verb))


def _warm_deed(s: Sentence) -> bool:
    if not s.turn.is_client or s.is_question:
        return False
    text = s.text.replace("\u2019", "'")
    return bool(_ACT.search(text)) and not NOT_A_WIN.search(text) and compound(text) >= 0.4


def _significance(s: Sentence) -> str:
    text = s.text.lower()
    if "proud" in text:
        return "The client takes ownership of the success, which builds self-efficacy."
    if any(w in text for w in ("stopped", "quit", "cut", "haven't", "clean", "sober", "without")):
        return "A concrete behaviour change already under way: evidence the goal is reachable."
    return "Progress the client made themselves since the last session, a foundation for the next steps."

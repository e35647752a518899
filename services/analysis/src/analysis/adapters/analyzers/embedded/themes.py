"""Key themes: keyphrases of what the client talked about, via YAKE.

YAKE is unsupervised and statistical (no model download). Conversation is full
of fillers and vague nouns ("stuff", "thing"), which YAKE would otherwise rank
highly, so they are added to its stop list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .session import Session

MAX_THEMES = 6
MAX_INPUT_WORDS = 2500  # YAKE is ~30 us/word; sample longer inputs to stay fast
_FILLERS = set(
    """yeah yes yep yup no nope okay ok um umm uh uhm hmm mm mhm mm-hmm uh-huh oh ah well like
    really just actually basically kind sort lot lots bit thing things stuff something anything
    everything nothing way ways time times guess mean know think thought feel felt say said
    said tell told want wanted need needed get got gonna wanna gotta go going went come came
    make made pretty little much many maybe probably right sure good great fine bad okay
    today day days week weeks year years now still even also back person people guy guys
    one two three kinda sorta cause 'cause gonna yeah-yeah part point whole bother
    monday tuesday wednesday thursday friday saturday sunday weekend tomorrow tonight
    morning evening night minute minutes hour hours month months give gave take took put keep
    let try tried start started look see seen use used call called find found happen happened""".split()
)
_WORD = re.compile(r"^[a-z][a-z'-]*$")


@lru_cache(maxsize=1)
def _extractor():
    import yake  # heavy import (numpy, networkx): once, lazily

    stop = yake.KeywordExtractor(lan="en").stopword_set | _FILLERS
    return yake.KeywordExtractor(lan="en", n=2, dedup_lim=0.7, top=30, stopwords=stop)


def key_themes(session: Session) -> list[str]:
    text = _client_text(session)
    if len(text.split()) < 5:
        return []
    scored = _extractor().extract_keywords(text)
    # Rounded score then phrase: stable order even when YAKE scores tie.
    ranked = sorted(((round(float(s), 9), k.lower()) for k, s in scored))
    themes: list[str] = []
    for _, phrase in ranked:
        if _useful(phrase) and not any(phrase in t or t in phrase for t in themes):
            themes.append(phrase)
        if len(themes) == MAX_THEMES:
            break
    return themes


def _client_text(session: Session) -> str:
    turns = session.client_turns or session.turns
    sentences = [s.text for t in turns for s in t.spans if len(s.text.split()) >= 4]
    total = sum(len(s.split()) for s in sentences)
    if total > MAX_INPUT_WORDS:
        step = total / MAX_INPUT_WORDS
        sentences = [s for i, s in enumerate(sentences) if int(i % step) == 0]
    return "\n".join(sentences)


def _useful(phrase: str) -> bool:
    words = phrase.split()
    # Adverbs ("honestly", "finally") name no topic.
    edges_ok = not (words[0].endswith("ly") or words[-1].endswith("ly"))
    return all(_WORD.match(w) and w not in _FILLERS for w in words) and len(phrase) >= 4 and edges_ok

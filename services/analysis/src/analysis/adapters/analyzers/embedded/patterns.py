"""Communication patterns: how the client processes and expresses things.

Sensory predicates (NLP's visual / auditory / kinesthetic words) hint at a
processing style; hedges, absolutes and tense hint at certainty and focus.
"""

from __future__ import annotations

import re
from collections import Counter

from contracts.insight import CommunicationPattern

from .evidence import dedupe, quote
from .sentences import words
from .session import Session

_PREDICATES = {
    "Visual": set(
        "see saw seen seeing look looks looking looked picture clear clearly view focus bright "
        "imagine vision show appear perspective watch".split()
    ),
    "Auditory": set(
        "hear heard hearing sound sounds sounded tell told listen listening say said talk "
        "talking voice loud quiet ring rings click".split()
    ),
    "Kinesthetic": set(
        "feel feels feeling felt grasp heavy touch touched hold holding pressure handle "
        "tense stuck push pushed rough smooth weight hard comfortable".split()
    ),
}
_HEDGES = re.compile(r"\b(?:maybe|perhaps|i guess|kind of|sort of|i think|probably|i suppose|not sure|might)\b", re.I)
_ABSOLUTES = re.compile(
    r"\b(?:always|never|everything|nothing|everyone|everybody|nobody|no one|completely|totally)\b", re.I
)
_FUTURE = re.compile(r"\b(?:will|'ll|going to|gonna|next|plan|tomorrow|future)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|used to|had|did|last|ago|before)\b", re.I)
DOMINANCE = 1.5  # a style must beat the runner-up by this factor to be named


def communication_patterns(session: Session) -> CommunicationPattern | None:
    turns = session.client_turns
    if not turns:
        return None
    tokens = [w for t in turns for w in words(t.text)]
    counts = Counter({style: sum(w in vocab for w in tokens) for style, vocab in _PREDICATES.items()})
    style = _style(counts)
    text = "\n".join(t.text for t in turns)
    n = max(1, len(tokens))
    rates = {
        "hedging": len(_HEDGES.findall(text)) * 100 / n,
        "absolutes": len(_ABSOLUTES.findall(text)) * 100 / n,
        "future": len(_FUTURE.findall(text)) * 100 / n,
        "past": len(_PAST.findall(text)) * 100 / n,
    }
    return CommunicationPattern(
        processing_style=style,
        expression_patterns=_expression(rates, counts, session),
        communication_preferences=_preferences(style, session),
        notable_changes=_changes(session),
        evidence=_evidence(session, style),
    )


def _style(counts: Counter) -> str:
    (top, a), (_, b) = counts.most_common(2)
    return top if a >= 3 and a >= DOMINANCE * max(b, 1) else "Mixed"


def _expression(rates: dict, counts: Counter, session: Session) -> list[str]:
    out = ["Sensory language: " + ", ".join(f"{k.lower()} {v}" for k, v in sorted(counts.items()))]
    if rates["hedging"] >= 1.0:
        out.append(f"Frequent hedging ({rates['hedging']:.1f} per 100 words): tentative, still exploring")
    if rates["absolutes"] >= 0.8:
        out.append(f"Absolute language ({rates['absolutes']:.1f} per 100 words): all-or-nothing framing")
    if rates["future"] > rates["past"]:
        out.append("Future-focused: talks more about what comes next than what happened")
    else:
        out.append("Past-focused: talks more about what happened than what comes next")
    mean = session.client_words / max(1, len(session.client_turns))
    out.append("Elaborates at length" if mean >= 25 else "Answers briefly" if mean < 8 else "Moderate-length answers")
    return out


_PREFERENCE = {
    "Visual": "Responds to pictures and overviews: 'What would that look like?'",
    "Auditory": "Responds to talking things through: 'How does that sound to you?'",
    "Kinesthetic": "Responds to feelings and experience: 'How does that feel?'",
    "Mixed": "No single sensory channel dominates; vary the framing of questions",
}


def _preferences(style: str, session: Session) -> list[str]:
    prefs = [_PREFERENCE[style]]
    mean = session.client_words / max(1, len(session.client_turns))
    prefs.append("Room for open exploration" if mean >= 15 else "Short, concrete questions")
    return prefs


def _changes(session: Session) -> list[str]:
    turns = session.client_turns
    if len(turns) < 4:
        return []
    half = len(turns) // 2
    first = sum(t.word_count for t in turns[:half]) / half
    second = sum(t.word_count for t in turns[half:]) / (len(turns) - half)
    if second >= 1.5 * first:
        return [f"Answers grew longer as the session went on ({first:.0f} to {second:.0f} words per turn)"]
    if first >= 1.5 * second:
        return [f"Answers grew shorter as the session went on ({first:.0f} to {second:.0f} words per turn)"]
    return []


def _evidence(session: Session, style: str) -> list[str]:
    vocab = set().union(*_PREDICATES.values()) if style == "Mixed" else _PREDICATES[style]
    quotes = []
    for turn in session.client_turns:
        for span in turn.spans:
            if len(span.text.split()) >= 4 and vocab & set(words(span.text)):
                quotes.append(quote(turn, span))
            if len(quotes) == 3:
                return quotes
    return dedupe(quotes)

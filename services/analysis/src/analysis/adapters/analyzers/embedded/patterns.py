"""Communication patterns: observable habits in how the client speaks, each with a quote.

Hedging, absolutes, self-criticism, obligation ("I should", "I have to"), "yes, but",
asking the coach for answers, and whether the client looks back or ahead (verb tense from
the parse). `processing_style` (the spec's sensory channel) is named only when one channel
clearly dominates, and is never presented as a finding by itself.
"""

from __future__ import annotations

import re
from collections import Counter

from contracts.insight import CommunicationPattern

from . import syntax, timelines
from .evidence import dedupe, quote
from .language import Sentence
from .sentiment import compound
from .session import Session
from .wording import quoted

_HABITS: dict[str, tuple[re.Pattern, float, str, str]] = {
    "hedging": (
        re.compile(r"\b(?:maybe|perhaps|i guess|kind of|sort of|i suppose|not sure|i don't know|probably|might)\b", re.I),
        0.15, "Hedges often", "Give time to think; one short question at a time helps the client land on a view.",
    ),
    "absolutes": (
        re.compile(r"\b(?:always|never|everything|nothing|everyone|everybody|nobody|no one|completely|totally)\b", re.I),
        0.08, "Speaks in absolutes", "Gently test the absolutes ('Always? When was it different?').",
    ),
    "self-criticism": (
        re.compile(r"\b(?:my fault|i should have|i'm (?:so )?(?:stupid|useless|hopeless|an idiot|rubbish|terrible|"
                   r"pathetic)|i messed up|i blame myself|i'm bad at|i(?:'m| am) (?:such )?a failure|i let (?:everyone|"
                   r"them|him|her) down)\b", re.I),
        0.0, "Criticises themselves", "Acknowledge the effort behind the self-criticism before exploring it.",
    ),
    "obligation": (
        re.compile(r"\b(?:i should|i have to|i've got to|i must|i need to|i'm supposed to|i ought to)\b", re.I),
        0.1, "Frames choices as obligations", "Explore what the client wants, not only what they feel they must do.",
    ),
    "yes-but": (
        re.compile(r"^(?:(?:yeah|yes|sure|right|okay),? )?but\b", re.I),
        0.08, "Answers with 'yes, but'", "Name the ambivalence and explore both sides rather than pushing one.",
    ),
    "asks for answers": (
        re.compile(r"\b(?:what (?:do|would) you (?:think|suggest|do)|what should i|do you think i should|tell me what)\b",
                   re.I),
        0.0, "Asks the coach for answers", "Return the question: the client's own answer will hold better.",
    ),
}
_SENSES = {
    "Visual": set("see saw look looks looking picture clear clearly view focus imagine vision perspective".split()),
    "Auditory": set("hear heard sound sounds sounded listen voice loud quiet ring rings".split()),
    "Kinesthetic": set("feel feels feeling felt grasp heavy touch hold pressure tense stuck push weight".split()),
}
MAX_PATTERNS = 5


_ABSOLUTE_WORDS = {"always", "never"}
_THIRD = {"he", "she", "they"}


def _someone_elses_past(s: Sentence) -> bool:
    """"Halina always was getting up at six": what another person always did, told of the past, is a memory,
    not the client's sweeping rule to test."""
    for tok in s.doc:
        if tok.lower_ in _ABSOLUTE_WORDS:
            verb = tok.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            past = verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)
            if subject is not None and (subject.pos_ == "PROPN" or subject.lower_ in _THIRD) and past:
                return True
    return False


def communication_patterns(session: Session, sentences: list[Sentence]) -> CommunicationPattern | None:
    own = [s for s in sentences if s.turn.is_client]
    if not own:
        return None
    found, evidence, counts = [], [], {}
    for name, (pattern, share, title, _) in _HABITS.items():
        hits = [s for s in own if pattern.search(s.text.replace("\u2019", "'"))]
        if name == "absolutes":
            # "I find the bugs nobody finds" is pride, not a sweeping rule to test: only absolutes said of trouble
            hits = [s for s in hits if compound(s.text) < 0.3 and not _someone_elses_past(s)]
        counts[name] = hits
        if len(hits) >= max(2, share * len(own)):
            example = quoted(quote(hits[0].turn, hits[0].span))
            found.append(f"{title}: {len(hits)} of {_statements(len(own))}, e.g. {example}")
            evidence.append(quote(hits[0].turn, hits[0].span))
    ahead, back = _orientation(own)
    if ahead or back:
        lean = ("Looks ahead more than back" if ahead > back else "Looks back more than ahead" if back > ahead
                else "Looks ahead as much as back")
        found.append(f"{lean}: {_statements(ahead)} about what comes next, {back} about what happened")
    prefs = [_HABITS[n][3] for n in _HABITS if counts[n] and any(n in f.lower() or _HABITS[n][2] in f for f in found)]
    return CommunicationPattern(
        processing_style=_style(own),
        expression_patterns=found[:MAX_PATTERNS] or ["No strong habit stands out; the client speaks in a balanced way."],
        communication_preferences=prefs[:3] or [_length_preference(session)],
        notable_changes=_changes(own),
        evidence=dedupe(evidence, limit=3),
    )


def _orientation(own: list[Sentence]) -> tuple[int, int]:
    ahead = back = 0
    for s in own:
        verbs = syntax.verbs(s.doc)
        if any(set(syntax.auxiliaries(v)) & {"will", "'ll", "going", "gon"} or v.head.lower_ in ("going", "gon")
               for v in verbs):
            ahead += 1
        elif timelines.find(s.text) and not any(syntax.past(v) for v in verbs) and _AHEAD_WHEN.search(s.text):
            ahead += 1  # "Thursday I sit down with Priya", "It goes to Graham by the end of next week"
        elif any(syntax.past(v) for v in verbs):
            back += 1
    return ahead, back


_AHEAD_WHEN = re.compile(r"\b(?:tomorrow|tonight|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|"
                         r"by|before|from|starting|this (?:week|month|afternoon|evening))\b", re.I)


def _changes(own: list[Sentence]) -> list[str]:
    if len(own) < 8:
        return []
    half = len(own) // 2
    pattern = _HABITS["hedging"][0]
    first = sum(bool(pattern.search(s.text)) for s in own[:half]) / half
    second = sum(bool(pattern.search(s.text)) for s in own[half:]) / (len(own) - half)
    if first >= 0.15 and second <= first / 2:
        return [f"Hedged less as the session went on ({first:.0%} of statements, then {second:.0%})"]
    if second >= 0.15 and first <= second / 2:
        return [f"Hedged more as the session went on ({first:.0%} of statements, then {second:.0%})"]
    return []


def _style(own: list[Sentence]) -> str:
    words = Counter(w for s in own for w in s.words)
    counts = Counter({style: sum(words[w] for w in vocab) for style, vocab in _SENSES.items()})
    (top, a), (_, b) = counts.most_common(2)
    return top if a >= 5 and a >= 2 * max(b, 1) else "Mixed"


def _length_preference(session: Session) -> str:
    mean = session.client_words / max(1, len(session.client_turns))
    return "Room for open exploration: the client elaborates freely" if mean >= 15 else \
        "Short, concrete questions suit the client's brief answers"


def _statements(n: int) -> str:
    return f"{n} statement" if n == 1 else f"{n} statements"

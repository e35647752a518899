"""Client commitments: what the client says they will do, how firmly, and by when.

Source for `action_items` and `intention`. Only first-person, forward-looking,
affirmative statements count; negated or status-quo talk ("I'm not going to",
"I won't", "I don't want to") and habits ("when I go out I'll have a few") are
excluded, because they argue against change rather than for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contracts.insight import ActionItem, Intention

from . import timelines
from .evidence import clause_quote, quote
from .sentences import Span
from .session import Session, TurnView

# (pattern, level): first match wins, so hedged forms come before plain ones.
_CUES: list[tuple[re.Pattern, str]] = [
    (re.compile(p, re.I), level)
    for p, level in [
        (r"\b(?:maybe|perhaps) i (?:could|can|should|will|'ll|might|would)\b", "Low"),
        (
            r"\bi (?:could|might|may) (?:try|start|stop|cut|reduce|quit|change|ask|make|switch|limit|avoid|use|join|call|book)\b",
            "Low",
        ),
        (r"\bi(?:'ll| will) (?:think about|consider|maybe|perhaps|probably)\b", "Low"),
        (r"\bi(?:'m| am) (?:going to|gonna) try\b|\bi(?:'ll| will) try\b|\bi(?:'m| am) willing to\b", "Medium"),
        (
            r"\bi (?:want|wanna|need|would like|'d like) to (?!know|ask|say|tell|be honest|hear|talk|mention|add|point)\w+",
            "Medium",
        ),
        (r"\bi(?:'m| am) (?:ready|determined|committed) to\b", "High"),
        (
            r"\bi (?:plan|intend|promise|commit) to\b|\bi(?:'m| am) planning (?:to|on)\b|\bi(?:'ve| have) decided to\b",
            "High",
        ),
        (
            r"\bi(?:'m| am) (?:going to|gonna) (?!(?:just )?be honest|tell you|say|ask|a\b|an\b|the\b|my\b|have to\b)\w+",
            "High",
        ),
        (
            r"\bi(?:'ll| will) (?!never|not|have\b|(?:just )?(?:be honest|tell you|say)|probably|be like|think\b(?! about))\w+",
            "High",
        ),
    ]
]
_NEGATED = re.compile(
    r"\b(?:not|never|won't|don't|can't|cannot|wouldn't|no way|nothing)\b|n't (?:want|need|plan|think)", re.I
)
# Habits and hypotheticals read like commitments but describe what usually happens.
_HABIT = re.compile(
    r"\b(?:when(?:ever)? (?:i|we)|usually|sometimes|normally|typically|every time|used to|would always)\b",
    re.I,
)
# A thought left unfinished ("so I'll take some tablets, and") states no plan.
_UNFINISHED = re.compile(r"(?:\b(?:and|or|but|so|if|that|whether)|,)\s*$", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|unless|even if|in case|whether|not sure|not certain|don't know)\b", re.I)
# Someone else's view of what the client should do is not the client's commitment.
_REPORTED = re.compile(r"\b(?:he|she|they|you|wants?|says?|said|thinks?|feels?|told me)\b(?: like| that)?\s*$", re.I)
_CLAUSE_PUNCT = set(",;:\"'\u201c\u201d\u2014\u2013-.!?(")
_LEAD_IN = re.compile(
    r"\b(?:and|but|so|then|um+|uh+|yeah|yes|well|i think|i guess|i suppose|i know|maybe|perhaps|just|"
    r"definitely|probably|hopefully|honestly|like|now|okay|ok|also|actually|really|oh|you know|i mean|"
    r"i feel like|i decided|i've decided|i promise)\s*$",
    re.I,
)
_SUPPORT = re.compile(r"\b(?:help|support|someone to|with (?:my|the) \w+|check in|remind|accountab)\w*", re.I)
_ACCOUNTABILITY = re.compile(
    r"\b(?:check in|report back|let you know|tell you how|track|log|write (?:it )?down|keep a (?:diary|journal|record)|"
    r"remind|follow up|next session|accountab\w*|partner)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Commitment:
    turn: TurnView
    span: Span
    level: str  # High | Medium | Low
    cue_start: int  # offset of the cue in turn.text
    timeline: str | None

    @property
    def text(self) -> str:
        return clause_quote(self.turn, self.span, self.cue_start)


def find(session: Session) -> list[Commitment]:
    found = []
    for turn in session.client_turns:
        for span in turn.spans:
            c = _commitment(turn, span)
            if c:
                found.append(c)
    return found


def _commitment(turn: TurnView, span: Span) -> Commitment | None:
    sentence = span.text.replace("\u2019", "'")
    if sentence.rstrip("\"' ").endswith("?") or _UNFINISHED.search(sentence):
        return None
    # A cue inside quotation marks is reported speech, not a commitment made now.
    cues = [c for c in _cues(sentence) if not _quoted(turn.text, span.start + c[0])]
    if not cues:
        return None
    # Several cues in one sentence ("I want to..., and I will..."): the firmest wins.
    start, level = min(cues, key=lambda c: (_RANK[c[1]], c[0]))
    return Commitment(turn, span, level, span.start + start, timelines.find(sentence))


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` sits inside double quotes ("I said, 'I'm going to stop'")."""
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _cues(sentence: str) -> list[tuple[int, str]]:
    """(offset, level) of each affirmative cue. Patterns are tried hedged-first,
    and a later pattern may not claim text an earlier one matched ("going to try"
    is Medium, not the High "going to")."""
    taken: list[tuple[int, int]] = []
    cues = []
    for pattern, level in _CUES:
        for m in pattern.finditer(sentence):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if _affirmative(sentence, m):
                cues.append((m.start(), level))
    return cues


def _affirmative(sentence: str, m: re.Match) -> bool:
    clause = sentence[m.start() :]
    before = sentence[max(0, m.start() - 25) : m.start()]
    # "I'm not going to", "I don't think I will": the cue is negated nearby.
    if _NEGATED.search(clause[: len(m.group(0)) + 12]) or re.search(r"n't\s+(?:think|know)", before, re.I):
        return False
    if _HABIT.search(sentence[: m.start()]) or _HABIT.search(clause[:60]) or _CONDITIONAL.search(before):
        return False
    if _REPORTED.search(before) or not _clause_initial(sentence[: m.start()]):
        return False
    return len(clause.split()) >= 4  # "I will." / "I want to." name no action


def _clause_initial(before: str) -> bool:
    """The cue opens its clause: only fillers/adverbs since the last punctuation.
    Rules out embedded uses ("where I'm going to live", "the drinks I'll have")."""
    rest = before.rstrip()
    while rest:
        if rest[-1] in _CLAUSE_PUNCT:
            return True
        m = _LEAD_IN.search(rest)
        if not m:
            return False
        rest = rest[: m.start()].rstrip()
    return True


def action_items(commitments: list[Commitment], limit: int = 8) -> list[ActionItem]:
    ranked = sorted(commitments, key=lambda c: (_RANK[c.level], c.timeline is None, c.turn.index))
    chosen = sorted(ranked[:limit], key=lambda c: (c.turn.index, c.span.start))
    return [_action(c) for c in chosen]


def _action(c: Commitment) -> ActionItem:
    m = _ACCOUNTABILITY.search(c.span.text)
    return ActionItem(
        action=c.text,
        timeline=c.timeline,
        accountability_measure=m.group(0) if m else None,
        client_commitment_level=c.level,
        evidence=[c.text],
    )


def intention(session: Session, commitments: list[Commitment]) -> Intention | None:
    """The firmest commitment; among equals the latest, as sessions close on plans."""
    if not commitments:
        return None
    best = min(commitments, key=lambda c: (_RANK[c.level], c.timeline is None, -c.turn.index))
    support = [
        quote(t, s)
        for t in session.client_turns
        for s in t.spans
        if _SUPPORT.search(s.text) and not s.text.rstrip().endswith("?") and re.search(r"\bi\b", s.text, re.I)
    ][:2]
    return Intention(
        behavior_change=best.text,
        commitment_level=_STRENGTH[best.level],
        timeline=best.timeline,
        support_needed=support,
        evidence=[best.text],
    )


_RANK = {"High": 0, "Medium": 1, "Low": 2}
_STRENGTH = {"High": "Strong", "Medium": "Moderate", "Low": "Exploratory"}


# Sustain talk: the client arguing for the status quo (MI's counterpart of change talk).
SUSTAIN = re.compile(
    r"\b(?:i(?:'m| am) not (?:going to|gonna|ready|sure i (?:want|need|can))|i won't|i will not|"
    r"i don't (?:want|need|think i (?:need|have|can|should|want))|i(?:'m| am) fine|not (?:a|really a) problem|"
    r"no problem|i don't see (?:the|a|why|how)|i can't (?:stop|quit|give up|change)|no way|i like (?:it|the way)|"
    r"i enjoy|it helps me|it's not (?:that|so) bad|everyone does)\b",
    re.I,
)


def sustain_count(session: Session) -> int:
    return sum(bool(SUSTAIN.search(s.text.replace("\u2019", "'"))) for t in session.client_turns for s in t.spans)

"""Matching rules of the quality harness (bench/analysis_quality.py): gold text vs predicted text.

Texts are normalised (lower case, curly quotes unified, apostrophes dropped, other
punctuation -> space, whitespace collapsed). A gold sentence G matches a predicted text
when they are equal, or one contains the other at word boundaries (the contained one has
>= 3 words, so "I" or "yes" never match; 2 for coach-feedback quotes), or their token
Jaccard is >= 0.6.

Themes: a predicted theme matches a gold theme when one of the gold phrasings is contained
in it, or it (>= 2 content words) is contained in a phrasing, or their content words
(stop words dropped, plural "s" and "ing" stripped) have Jaccard >= 0.6. A predicted theme is
"named" when one of its words is a person's name from the gold `names`, and "filler" when
it has a word of FILLER that none of the session's gold phrasings uses ("family time" is
fine where the coach wrote it; "time" or "the thing with work" is not).
"""

from __future__ import annotations

import re

JACCARD = 0.6
MIN_CONTAIN_WORDS = 3
THEME_JACCARD = 0.6
MOOD = ["Distressed", "Uneasy", "Neutral", "Positive", "Optimistic"]
DIRECTION = {"improved": "negative_to_positive", "declined": "positive_to_negative"}
STOP = set("a an the of to and or in on for with at about from by my your her his their our its "
           "me you i we they it is are be was this that".split())
FILLER = set("talk talking thing things stuff time way lot kind sort finished yeah okay ok really just "
             "like actually something bit know think well good right going got get mean want um uh "
             "maybe session today".split())


def norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2014\u2013]|--", " ", text).replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def matches(gold: str, text: str, min_contain: int = MIN_CONTAIN_WORDS) -> bool:
    g, t = norm(gold), norm(text)
    if not g or not t:
        return False
    if g == t:
        return True
    short, long_ = sorted((g, t), key=len)
    if len(short.split()) >= min_contain and f" {short} " in f" {long_} ":
        return True
    a, b = set(g.split()), set(t.split())
    return len(a & b) / len(a | b) >= JACCARD


def _stem(word: str) -> str:
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content(text: str) -> set[str]:
    return {_stem(w) for w in norm(text).split() if w not in STOP}


def theme_matches(pred: str, phrasing: str) -> bool:
    p, g = norm(pred), norm(phrasing)
    if not p or not g:
        return False
    if f" {g} " in f" {p} " or (len(_content(pred)) >= 2 and f" {p} " in f" {g} "):
        return True
    a, b = _content(pred), _content(phrasing)
    return bool(a | b) and len(a & b) / len(a | b) >= THEME_JACCARD


def theme_flags(pred: str, names: list[str], gold_themes: list[list[str]]) -> tuple[bool, bool]:
    """(contains a person's name, contains a filler word the gold phrasings do not use)."""
    words = set(norm(pred).split())
    gold_words = {w for theme in gold_themes for alt in theme for w in norm(alt).split()}
    named = any(norm(n) in words for n in names if norm(n))
    filler = bool((words & FILLER) - gold_words)
    return named, filler


def _texts(item, key: str) -> list[str]:
    if isinstance(item, str):
        return [item]
    if not isinstance(item, dict):
        return []
    return [t for t in (item.get(key), *(item.get("evidence") or [])) if isinstance(t, str) and t]


def predicted(content: dict) -> dict[str, list[list[str]]]:
    """Per scored section, each predicted item as the list of its texts (main field + evidence).
    Fields the analyzer does not produce count as empty."""
    vb = content.get("values_beliefs") or []

    def beliefs(kind: str) -> list[list[str]]:
        return [_texts(i, "description") for i in vb if i.get("type") == kind]

    celebration = content.get("celebration")
    return {
        "powerful_questions": [_texts(i, "question") for i in content.get("powerful_questions") or []],
        "action_items": [_texts(i, "action") for i in content.get("action_items") or []],
        "celebration": [_texts(celebration, "description")] if celebration else [],
        "client_discoveries": [_texts(i, "insight") for i in content.get("client_discoveries") or []],
        "core_values": beliefs("Core Value"),
        "limiting_beliefs": beliefs("Limiting Belief"),
        "empowering_beliefs": beliefs("Empowering Belief"),
    }


def intention_texts(content: dict) -> list[str]:
    return _texts(content.get("intention"), "behavior_change")


def feedback_items(content: dict, kind: str) -> list[list[str]]:
    """Evidence quotes of each predicted strength / missed opportunity."""
    fb = content.get("coach_feedback") or {}
    key = "strengths" if kind == "strengths" else "missed_opportunities"
    return [[q for q in item.get("evidence", []) or [] if isinstance(q, str)] for item in fb.get(key) or []]


def evidence_quotes(node, key: str = "") -> list[str]:
    """Every evidence quote (and trust indicator), as the AnnoMI score.py collects them."""
    if isinstance(node, dict):
        return [q for k, v in node.items() for q in evidence_quotes(v, k)]
    if isinstance(node, list):
        if "evidence" in key or key == "trust_indicators":
            return [q for q in node if isinstance(q, str)]
        return [q for v in node for q in evidence_quotes(v, key)]
    return []


def shift_direction(content: dict) -> str | None:
    """The first emotional shift's direction (its `direction` field, else its two states
    on MOOD); None when there is none or it goes nowhere."""
    shifts = content.get("emotional_shifts") or []
    if not shifts:
        return None
    s = shifts[0]
    if s.get("direction") in DIRECTION:
        return DIRECTION[s["direction"]]
    a, b = s.get("initial_state"), s.get("final_state")
    if a not in MOOD or b not in MOOD or a == b:
        return None
    return "negative_to_positive" if MOOD.index(b) > MOOD.index(a) else "positive_to_negative"

"""Giving an analysis' quotes back as the transcript has them, where the analyzer read a copy of it
(lower-cased, punctuated): every evidence string is turned back into the written words."""

from __future__ import annotations

import re
from collections.abc import Callable

import msgspec

from contracts.insight import InsightContent


def requoted(content: InsightContent, restore: Callable[[str], str]) -> InsightContent:
    """`content` with `restore` applied to every quote it holds, and to nothing else."""
    def walk(value: object) -> object:
        if isinstance(value, dict):
            return {k: [restore(q) if isinstance(q, str) else q for q in v] if _holds_quotes(k) and isinstance(v, list)
                    else restore(v) if k in QUOTED_TEXT and isinstance(v, str) else walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str):  # prose that quotes the client ("They leave intending to act: "...""): the same
            return _IN_PROSE.sub(lambda m: _in_prose(m, restore), value)
        return value

    return msgspec.convert(walk(msgspec.to_builtins(content)), InsightContent)


_IN_PROSE = re.compile(r'"([^"]+)"|\(([^()]+)\)')  # a quote, or a timeline in brackets ("(on monday)")


def _in_prose(m: re.Match, restore: Callable[[str], str]) -> str:
    if m[2] is not None:
        return f"({restore(m[2])})"
    said = restore(m[1])
    # a sentence's end the reading put in, and the transcript has not, still ends the prose's sentence
    end = m[1][-1] if m[1][-1] in ".?!" and not said.endswith(m[1][-1]) else ""
    rest = m.string[m.end():]
    return f'"{said}"{end}' if not rest or rest[:1] == " " and rest[1:2].isupper() else f'"{said}"'


# Fields that hold a quote as their text (an action item, the intention, a realisation, a question, a value) and
# are read against the transcript by whoever locates them (the grounded-selection candidates): given back as
# written too. `restore` leaves a string it cannot find in a turn (prose) as it is.
QUOTED_TEXT = frozenset({"action", "behavior_change", "insight", "question", "description"})


def _holds_quotes(key: str) -> bool:
    """The fields whose strings are quotes: `evidence` and its kin, and the client's words that show trust."""
    return "evidence" in key or key == "trust_indicators"

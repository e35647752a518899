"""Giving an analysis' quotes back as the transcript has them, where the analyzer read a copy of it
(lower-cased, punctuated): every evidence string is turned back into the written words."""

from __future__ import annotations

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
        return value

    return msgspec.convert(walk(msgspec.to_builtins(content)), InsightContent)


# Fields that hold a quote as their text (an action item, the intention, a realisation, a question, a value) and
# are read against the transcript by whoever locates them (the grounded-selection candidates): given back as
# written too. `restore` leaves a string it cannot find in a turn (prose) as it is.
QUOTED_TEXT = frozenset({"action", "behavior_change", "insight", "question", "description"})


def _holds_quotes(key: str) -> bool:
    """The fields whose strings are quotes: `evidence` and its kin, and the client's words that show trust."""
    return "evidence" in key or key == "trust_indicators"

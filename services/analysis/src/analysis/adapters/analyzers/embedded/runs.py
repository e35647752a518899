"""One thought said over consecutive sentences is one item, not two or three.

"I suppose June's draft is trying to sound clever. That's why I hate it. Oh. That's why I can't edit
it" is one realisation; three discoveries, one of them "That's why I hate it.", read as fragments. Where
the scorer picks neighbouring sentences of one turn for the same section, they become one item: its
text is the turn's words from the first to the last (verbatim), its evidence each sentence's quote,
the rest of it the first-listed (surest) item's. A pick's companion (sentence_scorer.companions: the
sentence beside it that the section's model finds likely too, if under its bar) is joined the same way.
A sentence further along the turn that says it too (sentence_scorer.support) is not joined: the item quotes
it as evidence, and its text stays the client's words around the pick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .session import TurnView

T = TypeVar("T")
MOST_WORDS = 60  # a run longer than this is a passage, not a statement: it stays apart
GAP_WORDS = 2  # "Oh." or "Yeah, no." between two sentences does not break the thought


def merged(items: Sequence[T], turns: Sequence[TurnView], rebuilt: Callable[[T, str, list[str]], T]) -> list[T]:
    """`items` (each with `evidence`, its quote first) with the runs of neighbouring ones joined, in the
    order of each run's first-listed item; `rebuilt(item, text, evidence)` makes the joined item."""
    located = [_locate(item.evidence[0], turns) if item.evidence else None for item in items]
    order = sorted((i for i, at in enumerate(located) if at is not None), key=lambda i: located[i])
    runs: list[list[int]] = []
    for i in order:
        turn, start, end = located[i]
        if runs:
            last = located[runs[-1][-1]]
            first = located[runs[-1][0]]
            text = turns[turn].text
            if (last[0] == turn and last[2] <= start and len(text[last[2]:start].split()) <= GAP_WORDS
                    and len(text[first[1]:end].split()) <= MOST_WORDS):
                runs[-1].append(i)
                continue
        runs.append([i])
    joined: dict[int, T] = {}
    dropped: set[int] = set()
    for run in runs:
        if len(run) == 1:
            continue
        lead = min(run)  # the surest of the run keeps its place and what it says of the statement
        turn, start, _ = located[run[0]]
        end = located[run[-1]][2]
        joined[lead] = rebuilt(items[lead], turns[turn].text[start:end], [items[i].evidence[0] for i in run])
        dropped.update(i for i in run if i != lead)
    return [joined.get(i, item) for i, item in enumerate(items) if i not in dropped]


def _locate(quote: str, turns: Sequence[TurnView]) -> tuple[int, int, int] | None:
    """(turn position, start, end) of the client's turn that holds `quote`."""
    for n, turn in enumerate(turns):
        if turn.is_client:
            at = turn.text.find(quote)
            if at >= 0:
                return n, at, at + len(quote)
    return None

"""A plain-English session summary assembled from the findings (not the transcript)."""

from __future__ import annotations

from contracts.insight import ActionItem, EmotionalShift

from .presence import PresenceStats
from .wording import counted


def summarise(
    *,
    word_count: int,
    minutes: int | None,
    themes: list[str],
    presence: PresenceStats,
    actions: list[ActionItem],
    shifts: list[EmotionalShift],
    discoveries: int,
    quality: str,
) -> str:
    length = f"{minutes}-minute" if minutes else f"{word_count}-word"
    topic = f" focused on {_join(themes[:3])}" if themes else ""
    first = f"A {length} session{topic}, rated {quality.lower()} overall."
    second = (
        f"The coach asked {counted(presence.questions, 'question')}, {presence.open_questions} of them open, and "
        f"offered {counted(presence.reflections, 'reflection')}; the client spoke {round(100 * presence.client_share)}% of the words."
    )
    outcome = []
    if actions:
        firm = sum(a.client_commitment_level == "High" for a in actions)
        outcome.append(f"the client named {counted(len(actions), 'possible next step')}, {firm} of them firm")
    else:
        outcome.append("no concrete next steps were committed to")
    if discoveries:
        outcome.append(f"voiced {counted(discoveries, 'new realisation')}")
    if shifts:
        s = shifts[0]
        outcome.append(f"their tone moved from {s.initial_state.lower()} to {s.final_state.lower()}")
    third = _capitalise(_join(outcome)) + "."
    return " ".join([first, second, third])


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:]

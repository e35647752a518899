"""A last pass so that no two sections contradict or repeat each other."""

from __future__ import annotations

from contracts.insight import ActionItem, Intention, PowerfulQuestion, ValuesBeliefs


def values_once(items: list[ValuesBeliefs]) -> list[ValuesBeliefs]:
    """One statement is one kind of value or belief, never two."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.evidence[0] if item.evidence else item.description
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def intention_among_actions(intention: Intention | None, actions: list[ActionItem],
                            as_action: ActionItem | None) -> list[ActionItem]:
    """The intention is a commitment: it appears among the action items too."""
    if intention is None or as_action is None or any(a.action == intention.behavior_change for a in actions):
        return actions
    return [*actions, as_action]


def not_leading(powerful: list[PowerfulQuestion], leading: set[str]) -> list[PowerfulQuestion]:
    """A question the feedback calls leading is not also praised as powerful."""
    return [p for p in powerful if p.question not in leading]

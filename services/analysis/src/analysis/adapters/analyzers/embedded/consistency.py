"""A last pass so that no two sections contradict or repeat each other."""

from __future__ import annotations

from contracts.insight import ActionItem, CoachFeedback, Intention, PowerfulQuestion, ValuesBeliefs


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


# The feedback's missed opportunities that together mean the session built towards no plan of the client's: no
# outcome agreed at the start (PCC 3.1) and the actions set by the coach (8.5). What the client then says they
# will do was not designed in the session, however firmly it is worded ("I'm ringing her myself."). Four tuning
# folds (176 sessions): 27 sessions miss both; the labellers gave 26 of them no intention (the analyzer had named
# one in 14) and one an intention (a five-minute check-in, which the analyzer found).
NOT_BUILT = ("3.1", "8.5")


def intention_built(intention: Intention | None, feedback: CoachFeedback) -> Intention | None:
    """The intention, unless the session built towards none (NOT_BUILT)."""
    missed = {f.pcc_marker.split()[0] for f in feedback.missed_opportunities if f.pcc_marker}
    return None if all(m in missed for m in NOT_BUILT) else intention


def not_leading(powerful: list[PowerfulQuestion], leading: set[str]) -> list[PowerfulQuestion]:
    """A question the feedback calls leading is not also praised as powerful."""
    return [p for p in powerful if p.question not in leading]

"""Goal progress per theme: what the client said about each key theme, and how
far along they sound (a win, a plan, a setback, or just talk)."""

from __future__ import annotations

import re

from contracts.insight import GoalProgress

from .commitments import Commitment
from .evidence import dedupe, quote
from .session import Session
from .wins import NOT_A_WIN, WIN
from .wording import counted

MAX_GOALS = 3
_SETBACK = re.compile(
    r"\b(?:slipped|relapsed|went back to|gave up|failed|fell off|got worse|didn't manage|couldn't|"
    r"started again|messed up|screwed up)\b",
    re.I,
)
_BARRIER = re.compile(
    r"\b(?:hard|difficult|struggle|struggling|can't|problem|stress|stressed|worried|afraid|tempt\w*|"
    r"no time|busy|tired|pressure|expensive|craving)\b",
    re.I,
)


def goal_progress(session: Session, themes: list[str], commitments: list[Commitment]) -> list[GoalProgress]:
    # Themes the client attached a commitment to are the clearest goal areas.
    committed = " ".join(c.span.text.lower() for c in commitments)
    ordered = sorted(themes, key=lambda t: (t not in committed, themes.index(t)))
    goals = []
    for theme in ordered:
        goal = _goal(session, theme, commitments)
        if goal:
            goals.append(goal)
        if len(goals) == MAX_GOALS:
            break
    return goals


def _goal(session: Session, theme: str, commitments: list[Commitment]) -> GoalProgress | None:
    pattern = re.compile(r"\b" + re.escape(theme) + r"\b", re.I)
    mentions = [(t, s) for t in session.client_turns for s in t.spans if pattern.search(s.text)]
    if not mentions:
        return None
    texts = [s.text for _, s in mentions]
    steps = [c.text for c in commitments if pattern.search(c.span.text)]
    if any(WIN.search(x) and not NOT_A_WIN.search(x) for x in texts):
        level, how = "Significant", "reports progress already made"
    elif any(_SETBACK.search(x) for x in texts):
        level, how = "Setback", "describes a setback"
    elif steps:
        level, how = "Moderate", "has set next steps"
    else:
        level, how = "Minimal", "is exploring it, with no change reported yet"
    barriers = [quote(t, s) for t, s in mentions if _BARRIER.search(s.text)]
    return GoalProgress(
        goal_area=theme,
        progress_description=f"The client mentioned {theme} {counted(len(mentions), 'time')} and {how}.",
        progress_level=level,
        barriers_identified=dedupe(barriers, limit=2),
        next_steps=dedupe(steps, limit=2),
        evidence=dedupe([quote(t, s) for t, s in mentions], limit=2),
    )

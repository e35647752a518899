"""A relationship over time: how each session went, and whether what the client committed to
in one session shows up as done in a later one.

Follow-through is matched by meaning: a commitment (an action item) counts as reported done
when a later session's celebration or goal progress, or a statement quoted in any section but
the plans and the coaching feedback, is close to it in static sentence embeddings (cosine >=
FOLLOW_THROUGH_MIN). Questions and new plans ("I will ...", "I'm going to ...") report nothing
done, so they never count. The threshold
comes from pairs measured with wordllama (l2 supercat, 256 dimensions):
  "Hand over the weekly report to Priya by Friday" / "I finally delegated the report to Priya"   0.72
  "Go for a run three times a week" / "I started running regularly, three runs last week"        0.69
  "Talk to my manager about the promotion" / "I had the conversation with my boss about ..."     0.56
  "Ask the team for feedback on the roadmap" / "I asked everyone what they thought about ..."    0.54
while unrelated pairs from the same sessions scored 0.00-0.14 ("Ask the team for feedback on the
roadmap" / "We celebrated the product launch with the team" 0.14). 0.45 sits in that gap; it misses
paraphrases with no shared content words ("deep work" / "focused work" scored 0.23)."""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import get_args

import numpy as np

from contracts.insight import EmotionalState, QualityLabel

FOLLOW_THROUGH_MIN = 0.45
_PLAN = re.compile(r"(?:^|[:\"\u201c]\s*)(?:and\s+|so\s+|but\s+)?i(?:\s+will|'ll|\u2019ll|'m going to|\u2019m going to|"
                   r" am going to| plan to| want to|'d like to| would like to| need to| intend to)\b", re.I)
RECURRING_MIN_SESSIONS = 2
QUALITY_SCORE = {label: len(get_args(QualityLabel)) - n for n, label in enumerate(get_args(QualityLabel))}
EMOTION_LEVEL = {state.casefold(): n for n, state in enumerate(get_args(EmotionalState))}


@dataclass(frozen=True)
class SessionFacts:
    """One completed session as trends read it; vectors are unit-length rows."""

    insight_id: str
    session_date: datetime
    session_title: str | None
    quality: str
    client_talk_share: float | None
    open_question_ratio: float | None
    commitments: list[str]
    commitment_vectors: np.ndarray
    done_statements: list[str]  # celebration and goal progress claims, and quoted statements
    done_vectors: np.ndarray
    themes: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    emotional_start: str | None = None
    emotional_end: str | None = None


@dataclass(frozen=True)
class FollowThrough:
    commitment: str
    done_in: str  # the later session's insight id
    statement: str
    similarity: float


@dataclass(frozen=True)
class TrendPoint:
    insight_id: str
    session_date: datetime
    session_title: str | None
    quality: str
    quality_score: int | None  # 4 Excellent .. 1 Needs Improvement
    client_talk_share: float | None
    open_question_ratio: float | None
    commitments: int
    followed_through: int
    follow_through: list[FollowThrough]
    emotional_start: str | None
    emotional_end: str | None
    emotional_start_level: int | None  # 0 Distressed .. 4 Optimistic
    emotional_end_level: int | None


@dataclass(frozen=True)
class Recurring:
    label: str
    sessions: int


@dataclass(frozen=True)
class Trends:
    sessions: list[TrendPoint]  # oldest first
    recurring_themes: list[Recurring]
    recurring_values: list[Recurring]
    commitments: int
    followed_through: int
    # commitments made before the latest session that a later one reports done (None: none yet)
    follow_through_rate: float | None


def reports_something_done(statement: str) -> bool:
    return not statement.rstrip().endswith("?") and not _PLAN.search(statement)


def follow_through(session: SessionFacts, later: list[SessionFacts]) -> list[FollowThrough]:
    found = []
    reports = [np.array([reports_something_done(s) for s in other.done_statements], dtype=bool) for other in later]
    for n, commitment in enumerate(session.commitments):
        best: FollowThrough | None = None
        for other, usable in zip(later, reports, strict=True):
            if not usable.any():
                continue
            scores = np.where(usable, other.done_vectors @ session.commitment_vectors[n], -1.0)
            k = int(np.argmax(scores))
            if scores[k] >= FOLLOW_THROUGH_MIN and (best is None or scores[k] > best.similarity):
                best = FollowThrough(commitment, other.insight_id, other.done_statements[k], round(float(scores[k]), 3))
        if best is not None:
            found.append(best)
    return found


def recurring(per_session: list[list[str]]) -> list[Recurring]:
    counts: Counter[str] = Counter()
    label: dict[str, str] = {}
    for labels in per_session:
        for key in {x.strip().casefold() for x in labels if x.strip()}:
            counts[key] += 1
        for x in labels:
            label.setdefault(x.strip().casefold(), x.strip())
    return [Recurring(label[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if n >= RECURRING_MIN_SESSIONS]


def level(state: str | None) -> int | None:
    return EMOTION_LEVEL.get(state.casefold()) if state else None


def trends(sessions: list[SessionFacts]) -> Trends:
    ordered = sorted(sessions, key=lambda s: (s.session_date, s.insight_id))
    points = []
    for n, s in enumerate(ordered):
        done = follow_through(s, ordered[n + 1:])
        points.append(TrendPoint(
            insight_id=s.insight_id, session_date=s.session_date, session_title=s.session_title, quality=s.quality,
            quality_score=QUALITY_SCORE.get(s.quality), client_talk_share=s.client_talk_share,
            open_question_ratio=s.open_question_ratio, commitments=len(s.commitments), followed_through=len(done),
            follow_through=done, emotional_start=s.emotional_start, emotional_end=s.emotional_end,
            emotional_start_level=level(s.emotional_start), emotional_end_level=level(s.emotional_end)))
    earlier = points[:-1]
    made = sum(p.commitments for p in earlier)
    kept = sum(p.followed_through for p in earlier)
    return Trends(sessions=points, recurring_themes=recurring([s.themes for s in ordered]),
                  recurring_values=recurring([s.values for s in ordered]),
                  commitments=sum(p.commitments for p in points), followed_through=kept,
                  follow_through_rate=round(kept / made, 3) if made else None)

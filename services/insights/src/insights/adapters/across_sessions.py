"""Response shapes of trends and search (the gateway's OpenAPI describes the same)."""

from datetime import datetime

import msgspec

from insights.domain.search import SearchHit
from insights.domain.trends import Recurring, Trends


class FollowThroughItem(msgspec.Struct, kw_only=True):
    commitment: str
    done_in_insight_id: str
    statement: str
    similarity: float


class TrendSession(msgspec.Struct, kw_only=True):
    insight_id: str
    session_date: datetime
    session_title: str | None
    overall_session_quality: str
    quality_score: int | None
    client_talk_share: float | None
    open_question_ratio: float | None
    commitments: int
    followed_through: int
    follow_through: list[FollowThroughItem]
    emotional_start: str | None
    emotional_end: str | None
    emotional_start_level: int | None
    emotional_end_level: int | None


class RecurringLabel(msgspec.Struct, kw_only=True):
    label: str
    sessions: int


class TrendsResponse(msgspec.Struct, kw_only=True):
    relationship_id: str | None
    client_name: str | None
    coach_name: str | None
    sessions: list[TrendSession]
    recurring_themes: list[RecurringLabel]
    recurring_values: list[RecurringLabel]
    commitments: int
    followed_through: int
    follow_through_rate: float | None


class SnippetPart(msgspec.Struct, kw_only=True):
    text: str
    hit: bool


class SearchResult(msgspec.Struct, kw_only=True):
    insight_id: str
    section: str
    item: int
    kind: str
    match: str
    score: float
    text: str
    snippet: list[SnippetPart]
    session_title: str | None
    session_date: datetime | None
    coaching_relationship_id: str | None


class SearchResponse(msgspec.Struct, kw_only=True):
    query: str
    results: list[SearchResult]
    count: int


def _labels(found: list[Recurring]) -> list[RecurringLabel]:
    return [RecurringLabel(label=r.label, sessions=r.sessions) for r in found]


def trends_response(t: Trends, relationship_id: str | None = None, client_name: str | None = None,
                    coach_name: str | None = None) -> TrendsResponse:
    return TrendsResponse(
        relationship_id=relationship_id, client_name=client_name, coach_name=coach_name,
        sessions=[TrendSession(
            insight_id=p.insight_id, session_date=p.session_date, session_title=p.session_title,
            overall_session_quality=p.quality, quality_score=p.quality_score, client_talk_share=p.client_talk_share,
            open_question_ratio=p.open_question_ratio, commitments=p.commitments,
            followed_through=p.followed_through,
            follow_through=[FollowThroughItem(commitment=f.commitment, done_in_insight_id=f.done_in,
                                              statement=f.statement, similarity=f.similarity)
                            for f in p.follow_through],
            emotional_start=p.emotional_start, emotional_end=p.emotional_end,
            emotional_start_level=p.emotional_start_level, emotional_end_level=p.emotional_end_level)
            for p in t.sessions],
        recurring_themes=_labels(t.recurring_themes), recurring_values=_labels(t.recurring_values),
        commitments=t.commitments, followed_through=t.followed_through, follow_through_rate=t.follow_through_rate)


def search_response(query: str, hits: list[SearchHit]) -> SearchResponse:
    return SearchResponse(query=query, count=len(hits), results=[SearchResult(
        insight_id=h.insight_id, section=h.section, item=h.item, kind=h.kind, match=h.match, score=h.score,
        text=h.text, snippet=[SnippetPart(text=t, hit=b) for t, b in h.highlights], session_title=h.session_title,
        session_date=h.session_date, coaching_relationship_id=h.coaching_relationship_id) for h in hits])

"""Search in Postgres: full text over search_entries (a stored tsvector, GIN index, ts_rank,
ts_headline) and the candidate set for matches by meaning. Access is decided in the same
statement, against the grants as projected at that moment (domain.model.access_for in SQL):
a revoked coach finds nothing of the insight once the revocation is projected."""

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from insights.adapters.embeddings import from_bytes
from insights.domain.search import HIT_END, HIT_START, SearchFilters, SearchHit, highlight_parts
from insights.ports import SearchIndex

# the client's own; the coach named on a paired one; a coach with a live view grant on an unpaired one
# ("is_unpaired is false", word for word the predicate of the partial index ix_insights_coach_paired:
# "not is_unpaired" would not match it, and the planner scanned the whole table instead)
VISIBLE = """
visible as (
  select id from insights.insights where client_user_id = :user
  union
  select id from insights.insights where coach_user_id = :user and is_unpaired is false
  union
  select g.insight_id from insights.grants g join insights.insights s on s.id = g.insight_id
  where g.coach_user_id = :user and g.can_view and not g.revoked
    and (g.expires_at is null or g.expires_at > :now) and s.is_unpaired
)"""
# entries are short: most come back whole, a long one as its best 30-60 words
HEADLINE = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=60, MinWords=30, ShortWord=2"


def filtered(filters: SearchFilters) -> tuple[str, dict]:
    clauses, params = [], {}
    if filters.section:
        clauses.append("e.section = :section")
        params["section"] = filters.section
    if filters.relationship_id:
        clauses.append("i.coaching_relationship_id = :relationship_id")
        params["relationship_id"] = filters.relationship_id
    if filters.since:
        clauses.append("i.sort_at >= :since")
        params["since"] = filters.since
    if filters.until:
        clauses.append("i.sort_at < :until")
        params["until"] = filters.until
    return "".join(f" and {c}" for c in clauses), params


def hit(row, match: str, score: float, headline: str | None = None) -> SearchHit:
    return SearchHit(insight_id=row["insight_id"], section=row["section"], item=row["item"], kind=row["kind"],
                     text=row["text"], match=match, score=round(score, 4),
                     highlights=highlight_parts(headline) if headline else ((row["text"], False),),
                     session_title=row["session_title"], session_date=row["sort_at"],
                     coaching_relationship_id=row["coaching_relationship_id"])


def words_sql(where: str) -> str:
    # ranked over the caller's entries first; ts_headline (costly) only for the page kept
    return f"""
with {VISIBLE},
q as (select websearch_to_tsquery('english', :query) as q),
hits as (
  select e.insight_id, e.section, e.item, e.kind, e.text, ts_rank(e.tsv, q.q) as rank,
         i.session_title, i.sort_at, i.coaching_relationship_id
  from q, visible v
  join insights.search_entries e on e.insight_id = v.id
  join insights.insights i on i.id = e.insight_id
  where e.tsv @@ q.q{where}
  order by rank desc, i.sort_at desc, e.insight_id, e.position
  limit :limit
)
select hits.*, ts_headline('english', hits.text, q.q, :headline) as headline
from hits, q order by rank desc, sort_at desc"""


class SqlaSearchIndex(SearchIndex):
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def by_words(self, user_id: str, now: datetime, query: str, filters: SearchFilters,
                       limit: int) -> list[SearchHit]:
        where, params = filtered(filters)
        sql = text(words_sql(where))
        async with self._sessions() as session:
            rows = (await session.execute(sql, {"user": user_id, "now": now, "query": query, "limit": limit,
                                                "headline": HEADLINE, **params})).mappings().all()
        return [hit(row, "words", row["rank"], row["headline"]) for row in rows]

    async def candidates(self, user_id: str, now: datetime, filters: SearchFilters, cap: int):
        where, params = filtered(filters)
        sql = text(f"""
with {VISIBLE}
select e.insight_id, e.section, e.item, e.kind, e.text, e.embedding,
       i.session_title, i.sort_at, i.coaching_relationship_id
from visible v
join insights.insights i on i.id = v.id
join insights.search_entries e on e.insight_id = v.id
where true{where}
order by i.sort_at desc, e.insight_id, e.position
limit :cap""")
        async with self._sessions() as session:
            rows = (await session.execute(sql, {"user": user_id, "now": now, "cap": cap, **params})).mappings().all()
        return [hit(row, "meaning", 0.0) for row in rows], from_bytes([row["embedding"] for row in rows])

"""Read use cases. Access is decided here, in the service that serves the data:
not-yours is NotFound, never Forbidden (ids are not an oracle)."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from insights.domain.model import Access, InsightView, access_for
from insights.domain.search import SECTIONS, SearchFilters, SearchHit
from insights.domain.trends import Trends, trends
from insights.ports import Embedder, InsightReader, Relationship, SearchIndex

MAX_LIMIT = 100


class NotFound(Exception):
    pass


class NotPermitted(Exception):
    """The caller may read the insight but its grant lacks this permission. Not an
    oracle: they can already see that it exists."""


class NotReady(Exception):
    """Only a completed insight has sections to export."""


class InvalidPage(ValueError):
    pass


class InvalidSearch(ValueError):
    pass


@dataclass(frozen=True)
class Page:
    limit: int = 20
    offset: int = 0

    @classmethod
    def parse(cls, limit: object = 20, offset: object = 0) -> "Page":
        try:
            limit_n, offset_n = int(str(limit)), int(str(offset))
        except ValueError:
            raise InvalidPage("limit and offset must be whole numbers") from None
        if not 1 <= limit_n <= MAX_LIMIT:
            raise InvalidPage(f"limit must be between 1 and {MAX_LIMIT}")
        if offset_n < 0:
            raise InvalidPage("offset must be 0 or more")
        return cls(limit_n, offset_n)


@dataclass(frozen=True)
class MyInsights:
    paired: list[InsightView]
    unpaired: list[InsightView]
    total_count: int


@dataclass(frozen=True)
class Timeline:
    relationship: Relationship
    insights: list[InsightView]
    total_count: int


def now() -> datetime:
    return datetime.now(UTC)


async def readable(reader: InsightReader, insight_id: str, user_id: str) -> tuple[InsightView, Access]:
    insight = await reader.get(insight_id)
    access = access_for(insight, user_id, now()) if insight else None
    if insight is None or access is None:
        raise NotFound(insight_id)
    return insight, access


async def insight_detail(reader: InsightReader, insight_id: str, user_id: str) -> tuple[InsightView, Access]:
    return await readable(reader, insight_id, user_id)


async def exportable(reader: InsightReader, insight_id: str, user_id: str) -> tuple[InsightView, Access]:
    insight, access = await readable(reader, insight_id, user_id)
    if not access.can_export:
        raise NotPermitted(insight_id)
    if insight.status != "completed" or insight.content is None:
        raise NotReady(insight_id)
    return insight, access


async def my_insights(reader: InsightReader, user_id: str, page: Page, include_paired: bool = True,
                      include_unpaired: bool = True) -> MyInsights:
    """Each list is paged on its own (limit/offset apply to each); total_count counts both.
    Paired: as the client or as the relationship's coach."""
    paired, n_paired, unpaired, n_unpaired = await reader.my_insights_page(
        user_id, page.limit, page.offset, include_paired, include_unpaired)
    return MyInsights(paired=paired, unpaired=unpaired, total_count=n_paired + n_unpaired)


async def relationship_timeline(reader: InsightReader, relationship_id: str, user_id: str, page: Page) -> Timeline:
    """The relationship's sessions the caller may open: access to a paired insight follows
    the insight (its client, and the coach of the relationship when it was uploaded), as in
    detail, so the timeline lists exactly what detail opens. A current member sees the
    timeline even while it is empty; a former coach sees the sessions they coached; anyone
    else gets NotFound. An ended relationship keeps all of it."""
    relationship, insights, total = await reader.timeline_page(relationship_id, user_id, page.limit, page.offset)
    if relationship is None:
        raise NotFound(relationship_id)
    if not total and user_id not in (relationship.coach_user_id, relationship.client_user_id):
        raise NotFound(relationship_id)
    return Timeline(relationship=relationship, insights=insights, total_count=total)


async def my_relationships(reader: InsightReader, user_id: str) -> list[Relationship]:
    """The coaching relationships the caller is in, as coach or as client (any status: an
    ended relationship's timeline stays readable to both)."""
    return await reader.relationships_of(user_id)


async def shared_with_me(reader: InsightReader, coach_user_id: str, page: Page) -> tuple[list[InsightView], int]:
    """Unpaired insights with a live grant (view) for this coach; each carries only that grant."""
    return await reader.shared_with(coach_user_id, now(), page.limit, page.offset)


async def shares_will_expire(reader: InsightReader, coach_user_id: str) -> bool:
    """Whether time alone will change what shared_with_me lists (a live grant with an expiry),
    which no event announces: such an answer must not be kept."""
    return await reader.has_expiring_grant(coach_user_id, now())


def newest_first(insight: InsightView) -> tuple[float, float]:
    """Newest session first; an undated session by its upload time."""
    when = insight.session_date or insight.created_at
    return (-when.timestamp(), -insight.created_at.timestamp())


TREND_SESSIONS = 100  # the newest sessions a trend reads
# Meaning matches: a query's vector against every entry the caller may read that passes the
# filters, newest first, up to SEMANTIC_CAP entries (~25 per insight: some 200 insights), scored
# in numpy (~1 KB and ~1 us an entry). Beyond the cap, older sessions are found by words only.
SEMANTIC_CAP = 5000
# cosine of a short query to an entry about it, measured with wordllama: "running" / "Go for a run
# three times a week" 0.43, "jogging and exercise routine" / the same 0.36, "sleep" / "I was too tired
# to think" 0.52, "delegating work" / "I finally delegated the report" 0.51; unrelated entries of the
# same sessions scored 0.02-0.20. Static embeddings miss some paraphrases ("fear of public speaking" /
# "I feel nervous presenting to the board" 0.23): words still find those when they share one.
SEMANTIC_MIN = 0.3
LISTED_KINDS = {"claim", "summary", "theme", "feedback"}


@dataclass(frozen=True)
class RelationshipTrends:
    relationship: Relationship
    trends: Trends


async def relationship_trends(reader: InsightReader, relationship_id: str, user_id: str) -> RelationshipTrends:
    """Readable exactly when the relationship's timeline is (relationship_timeline), and over
    the sessions that timeline lists, completed ones only."""
    relationship = await reader.relationship(relationship_id)
    if relationship is None:
        raise NotFound(relationship_id)
    _, total = await reader.for_relationship(relationship_id, user_id, 1, 0)
    if not total and user_id not in (relationship.coach_user_id, relationship.client_user_id):
        raise NotFound(relationship_id)
    facts = await reader.relationship_facts(relationship_id, user_id, TREND_SESSIONS) if total else []
    return RelationshipTrends(relationship, trends(facts))


async def my_trends(reader: InsightReader, user_id: str) -> Trends:
    """The caller's own unpaired sessions (uploaded without a relationship)."""
    return trends(await reader.unpaired_facts(user_id, TREND_SESSIONS))


def search_filters(relationship_id: str | None, section: str | None, since: str | None,
                   until: str | None) -> SearchFilters:
    if section and section not in SECTIONS:
        raise InvalidSearch(f"section must be one of {', '.join(SECTIONS)}")
    _no_nul(relationship_id, "relationship_id")
    return SearchFilters(relationship_id=relationship_id or None, section=section or None,
                         since=_moment(since, "since"), until=_moment(until, "until"))


def _no_nul(value: str | None, name: str) -> None:
    """Postgres text cannot hold a NUL character: a search for one is the caller's error, not the store's
    (found by the API fuzzer: `q=%00` answered 500)."""
    if value and "\x00" in value:
        raise InvalidSearch(f"{name} must not contain NUL characters")


def _moment(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidSearch(f"{name} must be an ISO 8601 date, e.g. 2026-06-01") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _key(h: SearchHit) -> tuple[str, str, int]:
    return h.insight_id, h.section, h.item


async def search(index: SearchIndex, embedder: Embedder, user_id: str, query: str, filters: SearchFilters,
                 limit: int) -> list[SearchHit]:
    """Words first (Postgres full text, best rank first), then entries close in meaning that
    share no searched word (best first); one hit per claim. An empty query lists the claims
    the filters select, newest first ("all action items of this relationship since June")."""
    _no_nul(query, "q")
    query = query.strip()
    seen: set[tuple[str, str, int]] = set()
    found: list[SearchHit] = []

    def keep(hits) -> None:
        for h in hits:
            if _key(h) not in seen and len(found) < limit:
                seen.add(_key(h))
                found.append(h)

    if not query:
        if filters == SearchFilters():
            raise InvalidSearch("say what to search for (q), or filter by relationship, section or date")
        listed, _ = await index.candidates(user_id, now(), filters, SEMANTIC_CAP)
        keep(replace(h, match="listed") for h in listed if h.kind in LISTED_KINDS)
        return found
    keep(await index.by_words(user_id, now(), query, filters, limit * 3))
    if len(found) < limit:
        candidates, vectors = await index.candidates(user_id, now(), filters, SEMANTIC_CAP)
        if candidates:
            scores = vectors @ embedder.embed([query])[0]
            order = sorted(range(len(candidates)), key=lambda n: -scores[n])
            keep(replace(candidates[n], score=round(float(scores[n]), 4)) for n in order
                 if scores[n] >= SEMANTIC_MIN)
    return found

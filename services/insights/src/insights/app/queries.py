"""Read use cases. Access is decided here, in the service that serves the data:
not-yours is NotFound, never Forbidden (ids are not an oracle)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from insights.domain.model import Access, InsightView, access_for
from insights.ports import InsightReader, Relationship

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
    """Each list is paged on its own (limit/offset apply to each); total_count counts both."""
    paired: list[InsightView] = []
    unpaired: list[InsightView] = []
    total = 0
    if include_paired:  # as the client or as the relationship's coach
        paired, n_paired = await reader.paired_for(user_id, page.limit, page.offset)
        total += n_paired
    if include_unpaired:
        unpaired, n_unpaired = await reader.for_client(user_id, True, page.limit, page.offset)
        total += n_unpaired
    return MyInsights(paired=paired, unpaired=unpaired, total_count=total)


async def relationship_timeline(reader: InsightReader, relationship_id: str, user_id: str, page: Page) -> Timeline:
    """The relationship's sessions the caller may open: access to a paired insight follows
    the insight (its client, and the coach of the relationship when it was uploaded), as in
    detail, so the timeline lists exactly what detail opens. A current member sees the
    timeline even while it is empty; a former coach sees the sessions they coached; anyone
    else gets NotFound. An ended relationship keeps all of it."""
    relationship = await reader.relationship(relationship_id)
    if relationship is None:
        raise NotFound(relationship_id)
    insights, total = await reader.for_relationship(relationship_id, user_id, page.limit, page.offset)
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


def newest_first(insight: InsightView) -> tuple[float, float]:
    """Newest session first; an undated session by its upload time."""
    when = insight.session_date or insight.created_at
    return (-when.timestamp(), -insight.created_at.timestamp())

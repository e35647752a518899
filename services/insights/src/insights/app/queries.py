"""Read use cases. Access is decided here, in the service that serves the data:
not-yours is NotFound, never Forbidden (ids are not an oracle)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from insights.domain.model import InsightView, can_read
from insights.ports import InsightReader, Relationship


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class Page:
    limit: int = 20
    offset: int = 0


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


async def insight_detail(reader: InsightReader, insight_id: str, user_id: str) -> InsightView:
    insight = await reader.get(insight_id)
    if insight is None or not can_read(insight, user_id, datetime.now(UTC)):
        raise NotFound(insight_id)
    return insight


async def my_insights(reader: InsightReader, user_id: str, page: Page, include_paired: bool = True,
                      include_unpaired: bool = True) -> MyInsights:
    paired: list[InsightView] = []
    unpaired: list[InsightView] = []
    total = 0
    if include_paired:
        as_client, n_client = await reader.for_client(user_id, False, page.limit, page.offset)
        as_coach, n_coach = await reader.for_coach_paired(user_id, page.limit, page.offset)
        paired = sorted(as_client + as_coach, key=newest_first)[: page.limit]
        total += n_client + n_coach
    if include_unpaired:
        unpaired, n_unpaired = await reader.for_client(user_id, True, page.limit, page.offset)
        total += n_unpaired
    return MyInsights(paired=paired, unpaired=unpaired, total_count=total)


async def relationship_timeline(reader: InsightReader, relationship_id: str, user_id: str, page: Page) -> Timeline:
    relationship = await reader.relationship(relationship_id)
    if relationship is None or user_id not in (relationship.coach_user_id, relationship.client_user_id):
        raise NotFound(relationship_id)
    insights, total = await reader.for_relationship(relationship_id, page.limit, page.offset)
    return Timeline(relationship=relationship, insights=insights, total_count=total)


async def shared_with_me(reader: InsightReader, coach_user_id: str, page: Page) -> tuple[list[InsightView], int]:
    return await reader.shared_with(coach_user_id, datetime.now(UTC), page.limit, page.offset)


def newest_first(insight: InsightView) -> tuple[float, float]:
    """Newest session first; an undated session by its upload time."""
    when = insight.session_date or insight.created_at
    return (-when.timestamp(), -insight.created_at.timestamp())

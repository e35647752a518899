"""A page shows each insight's summary, themes and quality from columns Postgres derives from
the stored content (migration 0005): filled in for insights stored before them, and kept in
step when an insight is analysed again."""

import asyncpg
import msgspec
from chassis.db import make_engine, make_sessions
from insights.adapters.postgres.reader import SqlaInsightReader

from .test_replay import stored_before

OLD = {"session_summary": "Came to decide on the offer.", "key_themes": ["career change", "money"],
       "overall_session_quality": "Good"}
REDONE = {"session_summary": "Decided to take the offer.", "key_themes": ["career change"],
          "overall_session_quality": "Excellent"}


async def page(url: str) -> list[tuple[str, tuple[str, ...], str]]:
    engine = make_engine(url)
    reader = SqlaInsightReader(make_sessions(engine))
    try:
        _, _, unpaired, total = await reader.my_insights_page("client-dan", 20, 0)
    finally:
        await reader.close()
        await engine.dispose()
    assert total == len(unpaired)
    return [(v.overview.session_summary, v.overview.key_themes, v.overview.overall_session_quality)
            for v in unpaired]


async def test_pages_show_the_overview_of_insights_stored_before_migration_0005_and_after_a_rewrite(
        postgres_server):
    url = await stored_before(postgres_server, "0004", msgspec.json.encode(OLD).decode())
    assert await page(url) == [("Came to decide on the offer.", ("career change", "money"), "Good")]

    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        await conn.execute("update insights.insights set content = $1::jsonb where id = 'old'",
                           msgspec.json.encode(REDONE).decode())
        assert await page(url) == [("Decided to take the offer.", ("career change",), "Excellent")]
    finally:
        await conn.close()

"""The hot reads (my-insights, a relationship's timeline, an insight's detail), each one SQL
statement on a warm asyncpg pool: prepared once per connection (asyncpg's statement cache),
no ORM session, no pre-ping, no reset query on release (nothing here changes session state).

A page and its total come back together: a count over the same index the page reads
(ix_insights_client, ix_insights_coach_paired, ix_insights_relationship), and the page itself
joined laterally, so an empty page (offset past the end) still brings its total. Lists read
the overview columns Postgres derives from the content, never the document itself."""

import asyncio
from dataclasses import dataclass

import asyncpg
from chassis.db import asyncpg_connect_args

LIST_COLUMNS = """id, client_user_id, coach_user_id, coaching_relationship_id, is_unpaired, status, created_at,
    session_date, session_title, processing_error, completed_at,
    session_summary, key_themes, overall_session_quality, celebration_count, intention_count, discovery_count, action_item_count"""
ORDER = "order by sort_at desc, created_at desc"
PAIRED = "(client_user_id = $1 or coach_user_id = $1) and is_unpaired is false"
UNPAIRED = "client_user_id = $1 and is_unpaired is true"


def _page(where: str, limit: str, offset: str) -> str:
    """The page's rows in order: the ids picked and sorted first (narrow rows), the overview read out
    of the content JSONB for those rows only (a coach with hundreds of sessions pays for 20, not all)."""
    return f"""select {LIST_COLUMNS} from
        (select id as page_id, sort_at as page_sort_at, created_at as page_created_at from insights.insights
         where {where} {ORDER} limit {limit} offset {offset}) k
        join insights.insights on id = k.page_id
        order by k.page_sort_at desc, k.page_created_at desc"""


def _counted_page(which: str, where: str) -> str:
    return f"""select '{which}' as list, t.total, p.* from
    (select count(*) as total from insights.insights where {where}) t
    left join lateral ({_page(where, "$2", "$3")}) p on true"""


# $4 / $5: include paired / unpaired (a list not asked for is neither counted nor read)
MY_INSIGHTS = f"""{_counted_page('paired', f'$4::boolean and {PAIRED}')}
union all
{_counted_page('unpaired', f'$5::boolean and {UNPAIRED}')}"""

TIMELINE_WHERE = ("coaching_relationship_id = r.relationship_id and is_unpaired is false "
                  "and (client_user_id = $2 or coach_user_id = $2)")
TIMELINE = f"""select r.relationship_id as r_id, r.coach_user_id as r_coach, r.client_user_id as r_client,
    r.coach_name as r_coach_name, r.client_name as r_client_name, r.status as r_status, t.total, p.*
from insights.relationships r
cross join lateral (select count(*) as total from insights.insights where {TIMELINE_WHERE}) t
left join lateral ({_page(TIMELINE_WHERE, "$3", "$4")}) p on true
where r.relationship_id = $1"""

DETAIL = """select id, client_user_id, coach_user_id, coaching_relationship_id, is_unpaired, status, created_at,
    session_date, session_title, processing_error, completed_at, content::text as content,
    array(select row(g.coach_user_id, g.expires_at, g.changed_at, g.can_view, g.can_comment, g.can_export)
          from insights.grants g where g.insight_id = i.id and g.revoked is false) as grants
from insights.insights i where i.id = $1"""


@dataclass(frozen=True)
class RelationshipRow:
    relationship_id: str
    coach_user_id: str
    client_user_id: str
    coach_name: str | None
    client_name: str | None
    status: str


async def _no_reset(connection: asyncpg.Connection) -> None:
    """Only single read statements run here: nothing to reset between borrowers."""


class ReadPool:
    """An asyncpg pool for the hot reads, opened on first use inside the running loop."""

    def __init__(self, database_url: str, size: int = 10) -> None:
        bare, self._connect_args = asyncpg_connect_args(database_url)
        self._dsn = bare.set(drivername="postgresql").render_as_string(hide_password=False)
        self._size = size
        self._pool: asyncpg.Pool | None = None
        self._opening: asyncio.Lock | None = None

    async def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            self._opening = self._opening or asyncio.Lock()
            async with self._opening:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(self._dsn, min_size=1, max_size=self._size,
                                                           reset=_no_reset, **self._connect_args)
        return self._pool

    async def fetch(self, sql: str, *args) -> list[asyncpg.Record]:
        return await (await self.pool()).fetch(sql, *args)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

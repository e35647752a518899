"""Rate limits shared by every gateway replica: one row per key in `gateway.rate_limits`, its
GCRA theoretical arrival time, decided and updated in one statement (the row lock of the
upsert makes concurrent hits of one key queue, so replicas never both spend the last one).
Rows whose time has passed mean nothing and are deleted by `prune`."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.adapters.rate_limits.tables import rate_limits
from gateway.domain.rate import Decision, Rate
from gateway.ports import RateLimiter

_NOW = "extract(epoch from clock_timestamp())::double precision"  # the database's clock: one for all replicas
_HIT = sa.text(f"""
with clock as (select {_NOW} as now),
hit as (
    insert into gateway.rate_limits as r (key, tat)
    select :key, clock.now + :interval from clock
    on conflict (key) do update
        set tat = greatest(r.tat, (select now from clock)) + :interval
        where greatest(r.tat, (select now from clock)) + :interval - (select now from clock) <= :period
    returning r.tat
)
select (select tat from hit) as allowed,
       (select tat from gateway.rate_limits where key = :key) as tat,
       (select now from clock) as now
""")
_LOOK = sa.text(f"select tat, {_NOW} as now from gateway.rate_limits where key = :key")
_PRUNE = sa.text(f"delete from gateway.rate_limits where tat <= {_NOW}")


class PostgresRateLimiter(RateLimiter):
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def hit(self, key: str, rate: Rate) -> Decision:
        async with self._engine.begin() as conn:
            row = (await conn.execute(_HIT, {"key": key, "interval": rate.interval, "period": rate.period})).one()
        if row.allowed is not None:
            return Decision(True)
        wait = _retry_after(row, rate)
        if wait is None:  # refused by a row committed after this statement's snapshot: look again
            async with self._engine.connect() as conn:
                wait = _retry_after((await conn.execute(_LOOK, {"key": key})).one_or_none(), rate)
        return Decision(False, retry_after=wait or rate.interval)

    async def prune(self) -> int:
        async with self._engine.begin() as conn:
            return (await conn.execute(_PRUNE)).rowcount

    async def count(self) -> int:
        async with self._engine.connect() as conn:
            return (await conn.execute(sa.select(sa.func.count()).select_from(rate_limits))).scalar_one()


def _retry_after(row, rate: Rate) -> float | None:
    if row is None or row.tat is None:
        return None
    wait = max(row.tat, row.now) + rate.interval - rate.period - row.now
    return wait if wait > 0 else None

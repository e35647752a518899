"""Idempotent consumers: the handled event id is written in the same transaction as the
state change, so a redelivered event changes nothing. An id is kept as long as its message
can still be delivered (the streams keep messages STREAM_MAX_AGE), then pruned."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import Column, DateTime, Index, MetaData, String, Table, delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


def inbox_table(metadata: MetaData) -> Table:
    table = Table(
        "inbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("subject", String(200), nullable=False),
        Column("handled_at", DateTime(timezone=True), nullable=False),
    )
    Index("ix_inbox_handled_at", table.c.handled_at)
    return table


async def claim(session: AsyncSession, table: Table, event_id: str, subject: str) -> bool:
    """True the first time an event id is seen (inside the caller's transaction)."""
    result = await session.execute(
        insert(table)
        .values(event_id=event_id, subject=subject, handled_at=datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(table.c.event_id)
    )
    return result.first() is not None


async def prune_inbox(sessions: async_sessionmaker[AsyncSession], table: Table, keep: timedelta) -> int:
    """Forget ids handled longer ago than `keep` (no stream still holds their messages)."""
    async with sessions() as session, session.begin():
        pruned = await session.execute(delete(table).where(table.c.handled_at < datetime.now(UTC) - keep))
    return pruned.rowcount

"""Idempotent consumers: the handled event id is written in the same transaction as the
state change, so a redelivered event changes nothing."""

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, MetaData, String, Table
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("event_id", String(36), primary_key=True),
        Column("subject", String(200), nullable=False),
        Column("handled_at", DateTime(timezone=True), nullable=False),
    )


async def claim(session: AsyncSession, table: Table, event_id: str, subject: str) -> bool:
    """True the first time an event id is seen (inside the caller's transaction)."""
    result = await session.execute(
        insert(table)
        .values(event_id=event_id, subject=subject, handled_at=datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(table.c.event_id)
    )
    return result.first() is not None

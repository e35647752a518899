from chassis.inbox import inbox_table
from chassis.outbox import outbox_table
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA = "analysis"
metadata = MetaData(schema=SCHEMA)

analysis_runs = Table(
    "analysis_runs",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("insight_id", String(36), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("analyzer", String(100), nullable=False),
    Column("model", String(200)),
    Column("outcome", String(16), nullable=False),
    Column("latency_ms", Integer, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("prompt_tokens", Integer),
    Column("completion_tokens", Integer),
    Column("estimated_cost_usd", Float),
    Column("error", Text),
)
Index("ix_analysis_runs_insight", analysis_runs.c.insight_id)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)

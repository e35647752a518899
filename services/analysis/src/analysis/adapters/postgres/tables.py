from chassis.deadletter import dead_letter_table
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
    LargeBinary,
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
    Column("worker", String(200)),  # hostname:pid of the process that ran the attempt
)
Index("ix_analysis_runs_insight", analysis_runs.c.insight_id)

# Analysis' own copy of each TranscriptReceived (for operator re-runs); erased on InsightDeleted.
transcripts = Table(
    "transcripts",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("event_id", String(36), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

# Ids of erased insights only, so a late (re)delivery of the transcript is neither kept nor analysed.
erasures = Table(
    "erasures",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("erased_at", DateTime(timezone=True), nullable=False),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
dead_letters = dead_letter_table(metadata)

from chassis.inbox import inbox_table
from chassis.outbox import outbox_table
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

SCHEMA = "ingestion"
metadata = MetaData(schema=SCHEMA)

transcripts = Table(
    "transcripts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("client_user_id", String(200), nullable=False),
    Column("coach_user_id", String(200)),
    Column("coaching_relationship_id", String(200)),
    Column("created_by", String(200), nullable=False),
    Column("is_unpaired", Boolean, nullable=False),
    Column("transcript_source", String(32), nullable=False),
    Column("source_format", String(32), nullable=False),
    Column("source_filename", String(300)),
    Column("session_date", DateTime(timezone=True)),
    Column("session_title", Text),
    Column("word_count", Integer, nullable=False),
    Column("transcript", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_transcripts_client", transcripts.c.client_user_id)

relationships = Table(
    "relationships",
    metadata,
    Column("relationship_id", String(200), primary_key=True),
    Column("coach_user_id", String(200), nullable=False),
    Column("client_user_id", String(200), nullable=False),
    Column("status", String(32), nullable=False),
    Column("coach_name", Text),
    Column("client_name", Text),
    Column("changed_at", DateTime(timezone=True)),
)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)

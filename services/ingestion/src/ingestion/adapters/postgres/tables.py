from chassis.deadletter import dead_letter_table
from chassis.inbox import inbox_table
from chassis.outbox import outbox_table
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
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

# Idempotency-Key of a create request, kept 24 h (app/idempotency.py); erased with its
# transcript (ON DELETE CASCADE), so deleting an insight leaves no trace of it here.
idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("user_id", String(200), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("transcript_id", String(36), ForeignKey("ingestion.transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_idempotency_keys_created", idempotency_keys.c.created_at)
Index("ix_idempotency_keys_transcript", idempotency_keys.c.transcript_id)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
dead_letters = dead_letter_table(metadata)

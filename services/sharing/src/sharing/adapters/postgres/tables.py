from chassis.deadletter import dead_letter_table
from chassis.inbox import inbox_table
from chassis.outbox import outbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Identity,
    Index,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

SCHEMA = "sharing"
metadata = MetaData(schema=SCHEMA)

# ownership only, projected from TranscriptReceived: no transcript content lives here
insights = Table(
    "insights",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("owner_user_id", String(200), nullable=False),
    Column("is_unpaired", Boolean, nullable=False),
    Column("coach_user_id", String(200)),  # the relationship's coach, for a paired insight
)

grants = Table(
    "grants",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("coach_user_id", String(200), primary_key=True),
    Column("can_view", Boolean, nullable=False),
    Column("can_comment", Boolean, nullable=False),
    Column("can_export", Boolean, nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# the last version handed out per (insight, coach): outlives a revoked grant, so a share after
# a revocation still gets a higher number; its row is the lock share and revoke take first
grant_versions = Table(
    "grant_versions",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("coach_user_id", String(200), primary_key=True),
    Column("version", BigInteger, nullable=False),
)

# append-only trail of who granted, changed, revoked or erased what, and when
audit = Table(
    "audit",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("insight_id", String(36), nullable=False),
    Column("actor_user_id", String(200), nullable=False),
    Column("action", String(16), nullable=False),
    Column("coach_user_id", String(200)),
    Column("permissions", JSONB),
    Column("expires_at", DateTime(timezone=True)),
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_audit_insight", audit.c.insight_id, audit.c.at)

comments = Table(
    "comments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("insight_id", String(36), nullable=False),
    Column("author_user_id", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_comments_insight", comments.c.insight_id, comments.c.created_at)
Index("ix_comments_author", comments.c.author_user_id)
Index("ix_grants_coach", grants.c.coach_user_id)

outbox = outbox_table(metadata)
inbox = inbox_table(metadata)
dead_letters = dead_letter_table(metadata)

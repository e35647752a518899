from chassis.deadletter import dead_letter_table
from chassis.inbox import inbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    Computed,
    Float,
    LargeBinary,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR

SCHEMA = "insights"
metadata = MetaData(schema=SCHEMA)

insights = Table(
    "insights",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("client_user_id", String(200), nullable=False),
    Column("coach_user_id", String(200)),
    Column("coaching_relationship_id", String(200)),
    Column("is_unpaired", Boolean, nullable=False),
    Column("status", String(16), nullable=False),
    Column("processing_error", Text),
    Column("session_date", DateTime(timezone=True)),
    Column("session_title", Text),
    # newest session first; an undated session by its upload time
    Column("sort_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("completed_at", DateTime(timezone=True)),
    Column("content", JSONB),
    Column("celebration_count", Integer, nullable=False, server_default="0"),
    Column("intention_count", Integer, nullable=False, server_default="0"),
    Column("discovery_count", Integer, nullable=False, server_default="0"),
    Column("action_item_count", Integer, nullable=False, server_default="0"),
    Column("client_talk_share", Float),
    Column("open_question_ratio", Float),
    # what a list row shows, derived by Postgres from the content on every write: a page never
    # reads (and decompresses) the whole document (migration 0005)
    Column("session_summary", Text, Computed("content ->> 'session_summary'", persisted=True)),
    Column("key_themes", JSONB, Computed("content -> 'key_themes'", persisted=True)),
    Column("overall_session_quality", Text, Computed("content ->> 'overall_session_quality'", persisted=True)),
)
# a page, newest first with created_at breaking ties, read in order from the index alone
NEWEST_FIRST = (insights.c.sort_at.desc(), insights.c.created_at.desc())
Index("ix_insights_client", insights.c.client_user_id, insights.c.is_unpaired, *NEWEST_FIRST,
      postgresql_include=["id"])
Index("ix_insights_coach_paired", insights.c.coach_user_id, *NEWEST_FIRST, postgresql_include=["id"],
      postgresql_where=insights.c.is_unpaired.is_(False))
Index("ix_insights_relationship", insights.c.coaching_relationship_id, *NEWEST_FIRST, postgresql_include=["id"])

grants = Table(
    "grants",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("coach_user_id", String(200), primary_key=True),
    Column("can_view", Boolean, nullable=False),
    Column("can_comment", Boolean, nullable=False),
    Column("can_export", Boolean, nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    # share and revoke travel on separate consumers: the newest change wins (highest version,
    # else latest time: domain.model.supersedes), and a revocation stays as a row so an older
    # share cannot bring the grant back
    Column("revoked", Boolean, nullable=False, server_default="false"),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("version", BigInteger),
)
Index("ix_grants_coach", grants.c.coach_user_id)

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

# what search reads of a completed insight (domain.search.search_entries), one row per piece;
# written with the content, erased with the insight
search_entries = Table(
    "search_entries",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("section", String(40), nullable=False),
    Column("item", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("tsv", TSVECTOR, Computed("to_tsvector('english'::regconfig, text)", persisted=True)),
    # wordllama's unit-length sentence vector, float16 little-endian (256 x 2 bytes)
    Column("embedding", LargeBinary, nullable=False),
)
Index("ix_search_entries_tsv", search_entries.c.tsv, postgresql_using="gin")

# content-free tombstones: late events about an erased insight must not resurrect it
erased = Table(
    "erased",
    metadata,
    Column("insight_id", String(36), primary_key=True),
    Column("erased_at", DateTime(timezone=True), nullable=False),
)

inbox = inbox_table(metadata)
dead_letters = dead_letter_table(metadata)

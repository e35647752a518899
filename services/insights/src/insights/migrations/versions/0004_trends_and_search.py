"""trends and search: talk figures per insight, search entries (full text + embeddings)

Revision ID: 0004
Revises: 0003

Back-fill: every completed insight gets its search entries here, from its stored content
(500 at a time, ~1 ms an insight for the embeddings). The talk figures come from the
transcript, which this service never kept: rows stored before them stay NULL until a replay
of the transcript stream fills them in (the projection updates only NULLs).
"""

import msgspec
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

SCHEMA = 'insights'
BATCH = 500


def upgrade() -> None:
    op.add_column('insights', sa.Column('client_talk_share', sa.Float(), nullable=True), schema=SCHEMA)
    op.add_column('insights', sa.Column('open_question_ratio', sa.Float(), nullable=True), schema=SCHEMA)
    op.create_table('search_entries',
    sa.Column('insight_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=40), nullable=False),
    sa.Column('item', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tsv', postgresql.TSVECTOR(), sa.Computed("to_tsvector('english'::regconfig, text)", persisted=True),
              nullable=True),
    sa.Column('embedding', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('insight_id', 'position'),
    schema=SCHEMA
    )
    op.create_index('ix_search_entries_tsv', 'search_entries', ['tsv'], unique=False, schema=SCHEMA,
                    postgresql_using='gin')
    backfill()


def backfill() -> None:
    from insights.adapters.embeddings import WordLlamaEmbedder, to_bytes
    from insights.adapters.postgres.content import stored_content
    from insights.domain.search import search_entries

    bind = op.get_bind()
    embedder, after = WordLlamaEmbedder(), ''
    while True:
        rows = bind.execute(sa.text(
            f"select id, content from {SCHEMA}.insights where status = 'completed' and content is not null "
            "and id > :after order by id limit :batch"), {"after": after, "batch": BATCH}).all()
        if not rows:
            return
        values = []
        for insight_id, content in rows:
            raw = content if isinstance(content, dict) else msgspec.json.decode(content)
            entries = search_entries(stored_content(raw))
            vectors = embedder.embed([e.text for e in entries])
            values += [{"insight_id": insight_id, "position": n, "section": e.section, "item": e.item,
                        "kind": e.kind, "text": e.text, "embedding": to_bytes(vectors[n])}
                       for n, e in enumerate(entries)]
        if values:
            bind.execute(sa.text(
                f"insert into {SCHEMA}.search_entries (insight_id, position, section, item, kind, text, embedding) "
                "values (:insight_id, :position, :section, :item, :kind, :text, :embedding)"), values)
        after = rows[-1][0]


def downgrade() -> None:
    op.drop_index('ix_search_entries_tsv', table_name='search_entries', schema=SCHEMA, postgresql_using='gin')
    op.drop_table('search_entries', schema=SCHEMA)
    op.drop_column('insights', 'open_question_ratio', schema=SCHEMA)
    op.drop_column('insights', 'client_talk_share', schema=SCHEMA)

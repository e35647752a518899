"""messaging reliability: outbox rows set aside as dead, the insight id erasure finds rows
by (backfilled from the payload), payloads pruned after sending, inbox pruning index, dead
letters of the consumers

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SCHEMA = 'sharing'


def upgrade() -> None:
    op.add_column('outbox', sa.Column('insight_id', sa.String(length=36), nullable=True), schema=SCHEMA)
    op.add_column('outbox', sa.Column('dead_at', sa.DateTime(timezone=True), nullable=True), schema=SCHEMA)
    op.add_column('outbox', sa.Column('dead_reason', sa.Text(), nullable=True), schema=SCHEMA)
    op.alter_column('outbox', 'payload', existing_type=sa.LargeBinary(), nullable=True, schema=SCHEMA)
    # every event we publish names its insight; erasure now finds rows by this column
    op.execute(f"update {SCHEMA}.outbox set insight_id = convert_from(payload, 'UTF8')::jsonb ->> 'insight_id' "
               "where insight_id is null")
    op.drop_index('ix_outbox_unsent', table_name='outbox', schema=SCHEMA, postgresql_where=sa.text('sent_at IS NULL'))
    op.create_index('ix_outbox_pending', 'outbox', ['created_at'], unique=False, schema=SCHEMA,
                    postgresql_where=sa.text('sent_at IS NULL AND dead_at IS NULL'))
    op.create_index('ix_outbox_insight', 'outbox', ['insight_id'], unique=False, schema=SCHEMA)
    op.create_index('ix_outbox_sent', 'outbox', ['sent_at'], unique=False, schema=SCHEMA,
                    postgresql_where=sa.text('sent_at IS NOT NULL'))
    op.create_index('ix_outbox_dead', 'outbox', ['dead_at'], unique=False, schema=SCHEMA,
                    postgresql_where=sa.text('dead_at IS NOT NULL'))
    op.create_index('ix_inbox_handled_at', 'inbox', ['handled_at'], unique=False, schema=SCHEMA)
    op.create_table('dead_letters',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('consumer', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=True),
    sa.Column('insight_id', sa.String(length=36), nullable=True),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.Column('headers', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('deliveries', sa.Integer(), nullable=False),
    sa.Column('failed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('replayed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('replay_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    schema=SCHEMA
    )
    op.create_index('ix_dead_letters_insight', 'dead_letters', ['insight_id'], unique=False, schema=SCHEMA)
    op.create_index('ix_dead_letters_open', 'dead_letters', ['failed_at'], unique=False, schema=SCHEMA,
                    postgresql_where=sa.text('replayed_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_dead_letters_open', table_name='dead_letters', schema=SCHEMA)
    op.drop_index('ix_dead_letters_insight', table_name='dead_letters', schema=SCHEMA)
    op.drop_table('dead_letters', schema=SCHEMA)
    op.drop_index('ix_inbox_handled_at', table_name='inbox', schema=SCHEMA)
    op.drop_index('ix_outbox_dead', table_name='outbox', schema=SCHEMA)
    op.drop_index('ix_outbox_sent', table_name='outbox', schema=SCHEMA)
    op.drop_index('ix_outbox_insight', table_name='outbox', schema=SCHEMA)
    op.drop_index('ix_outbox_pending', table_name='outbox', schema=SCHEMA)
    op.create_index('ix_outbox_unsent', 'outbox', ['created_at'], unique=False, schema=SCHEMA,
                    postgresql_where=sa.text('sent_at IS NULL'))
    op.execute(f"delete from {SCHEMA}.outbox where payload is null")  # pruned: sent long ago
    op.alter_column('outbox', 'payload', existing_type=sa.LargeBinary(), nullable=False, schema=SCHEMA)
    op.drop_column('outbox', 'dead_reason', schema=SCHEMA)
    op.drop_column('outbox', 'dead_at', schema=SCHEMA)
    op.drop_column('outbox', 'insight_id', schema=SCHEMA)

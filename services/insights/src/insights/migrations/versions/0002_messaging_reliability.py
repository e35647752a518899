"""messaging reliability: inbox pruning index, dead letters of the consumers

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

SCHEMA = 'insights'


def upgrade() -> None:
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

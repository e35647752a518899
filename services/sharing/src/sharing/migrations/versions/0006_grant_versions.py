"""grant versions: a per-(insight, coach) counter handed out under the pair's row lock

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

SCHEMA = 'sharing'


def upgrade() -> None:
    # no backfill: a pair's first change after this gets version 1, and consumers compare a
    # versioned change with one stored before versions existed by time, as they did before
    op.create_table('grant_versions',
    sa.Column('insight_id', sa.String(length=36), nullable=False),
    sa.Column('coach_user_id', sa.String(length=200), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('insight_id', 'coach_user_id'),
    schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table('grant_versions', schema=SCHEMA)

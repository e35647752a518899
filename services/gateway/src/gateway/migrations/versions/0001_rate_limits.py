"""rate limits shared by gateway replicas

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rate_limits',
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('tat', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('key'),
    schema='gateway'
    )


def downgrade() -> None:
    op.drop_table('rate_limits', schema='gateway')

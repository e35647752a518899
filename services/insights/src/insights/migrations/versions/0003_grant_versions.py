"""grant versions: the version of the share or revocation a grant row holds

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SCHEMA = 'insights'


def upgrade() -> None:
    # rows stored before versions existed keep NULL: a change is compared with them by time
    op.add_column('grants', sa.Column('version', sa.BigInteger(), nullable=True), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column('grants', 'version', schema=SCHEMA)

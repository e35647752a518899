"""The gateway's own schema: rate-limit state only (keys are hashes, no user id is stored)."""

import sqlalchemy as sa

SCHEMA = "gateway"
metadata = sa.MetaData(schema=SCHEMA)

rate_limits = sa.Table(
    "rate_limits",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),  # bucket + hash of the user id or client address
    sa.Column("tat", sa.Double, nullable=False),  # GCRA theoretical arrival time, epoch seconds
)

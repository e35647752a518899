import os

from alembic import context
from chassis.migrate import run_migrations_online
from gateway.adapters.rate_limits.tables import SCHEMA, metadata

url = context.config.get_main_option("sqlalchemy.url") or os.environ["DATABASE_URL"]
run_migrations_online(metadata, SCHEMA, url)

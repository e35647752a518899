import os

from alembic import context
from analysis.adapters.postgres.tables import SCHEMA, metadata
from chassis.migrate import run_migrations_online

url = context.config.get_main_option("sqlalchemy.url") or os.environ["DATABASE_URL"]
run_migrations_online(metadata, SCHEMA, url)

"""Run a service's alembic migrations at start-up: own schema, own version table, and a
Postgres advisory lock so replicas starting together migrate once."""

import asyncio
import zlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncEngine


def alembic_config(migrations: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


async def upgrade_to_head(engine: AsyncEngine, migrations: Path, schema: str) -> None:
    lock_id = zlib.crc32(f"migrate:{schema}".encode())
    async with engine.connect() as conn:
        await conn.execute(text("select pg_advisory_lock(:id)"), {"id": lock_id})
        try:
            config = alembic_config(migrations, engine.url.render_as_string(hide_password=False))
            await asyncio.to_thread(command.upgrade, config, "head")
        finally:
            await conn.execute(text("select pg_advisory_unlock(:id)"), {"id": lock_id})


def run_migrations_online(metadata: MetaData, schema: str, url: str) -> None:
    """Body of every service's migrations/env.py (async engine, schema-filtered)."""
    from alembic import context
    from sqlalchemy.ext.asyncio import create_async_engine

    def do_run(connection) -> None:
        connection.execute(text(f'create schema if not exists "{schema}"'))
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table="alembic_version",
            version_table_schema=schema,
            include_schemas=True,
            include_name=lambda name, type_, parent: type_ != "schema" or name == schema,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(do_run)
        await engine.dispose()

    asyncio.run(run())

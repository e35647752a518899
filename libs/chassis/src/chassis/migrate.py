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
            # on this very connection (the engine's TLS settings, the lock held while migrating)
            config = alembic_config(migrations, engine.url.render_as_string(hide_password=False))

            def upgrade(sync_conn) -> None:
                config.attributes["connection"] = sync_conn
                command.upgrade(config, "head")

            await conn.run_sync(upgrade)
            await conn.commit()
        except BaseException:
            await conn.rollback()  # an aborted transaction would refuse the unlock
            raise
        finally:
            await conn.execute(text("select pg_advisory_unlock(:id)"), {"id": lock_id})
            await conn.commit()


def own_schema(connection, schema: str) -> None:
    """The migrating role must own the service's schema (provisioning made it so): tables a
    superuser or another role created there would be out of the service's reach. A role
    allowed to create schemas (tests, a one-role setup) makes its own."""
    owner, me = connection.execute(text(
        "select (select pg_get_userbyid(nspowner) from pg_namespace where nspname = :schema), current_user"),
        {"schema": schema}).one()
    if owner is None:
        connection.execute(text(f'create schema "{schema}"'))
    elif owner != me:
        raise RuntimeError(f'schema "{schema}" belongs to role "{owner}", not to "{me}" that migrates it: '
                           f"connect as {owner} (each service's own role, see python -m chassis.provision)")


def run_migrations_online(metadata: MetaData, schema: str, url: str) -> None:
    """Body of every service's migrations/env.py (async engine, schema-filtered)."""
    from alembic import context
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    from chassis.db import asyncpg_connect_args

    def do_run(connection) -> None:
        own_schema(connection, schema)
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
        bare_url, connect_args = asyncpg_connect_args(url)
        engine = create_async_engine(bare_url, poolclass=NullPool, connect_args=connect_args)
        async with engine.begin() as conn:
            await conn.run_sync(do_run)
        await engine.dispose()

    shared = context.config.attributes.get("connection")
    if shared is not None:  # upgrade_to_head's connection
        do_run(shared)
    else:
        asyncio.run(run())

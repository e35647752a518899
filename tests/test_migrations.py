"""Every service's alembic history: up, down, up again, each in its own schema with
its own version table, nothing in `public`."""

import asyncio
from pathlib import Path

import asyncpg
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from chassis.migrate import alembic_config

ROOT = Path(__file__).parents[1]
SERVICES = ["ingestion", "analysis", "insights", "sharing", "gateway"]


def migrations(service: str) -> Path:
    return ROOT / "services" / service / "src" / service / "migrations"


async def tables(database_url: str) -> set[tuple[str, str]]:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("select table_schema, table_name from information_schema.tables "
                                "where table_schema not in ('pg_catalog', 'information_schema')")
    finally:
        await conn.close()
    return {(r["table_schema"], r["table_name"]) for r in rows}


@pytest.mark.parametrize("service", SERVICES)
async def test_stairway_up_down_up_in_its_own_schema(service, database_url):
    config = alembic_config(migrations(service), database_url)
    revisions = list(reversed(list(ScriptDirectory.from_config(config).walk_revisions())))
    for revision in revisions:
        await asyncio.to_thread(command.upgrade, config, revision.revision)
        await asyncio.to_thread(command.downgrade, config, revision.down_revision or "base")
        await asyncio.to_thread(command.upgrade, config, revision.revision)
    found = await tables(database_url)
    assert (service, "alembic_version") in found
    assert {schema for schema, _ in found} == {service}, found

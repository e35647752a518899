"""Least privilege in Postgres: provisioning gives each service a role that owns its schema;
a service cannot read another's tables, create elsewhere, or migrate a schema it does not own."""

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import pytest
from chassis.db import make_engine
from chassis.migrate import upgrade_to_head
from chassis.provision import ServiceRole, check, libpq_dsn, provision
from sqlalchemy import make_url

ROOT = Path(__file__).parents[1]


def migrations(service: str) -> Path:
    return ROOT / "services" / service / "src" / service / "migrations"


def roles_for(database_url: str, *services: str) -> dict[str, ServiceRole]:
    tag = uuid.uuid4().hex[:8]  # roles live in the whole cluster: each test its own
    database = make_url(database_url).database
    return {s: ServiceRole(s, f"t{tag}_{s}", f"pw-{s}-{tag}", database) for s in services}


def role_url(database_url: str, role: ServiceRole) -> str:
    return make_url(database_url).set(username=role.role, password=role.password).render_as_string(False)


async def migrate_as(database_url: str, role: ServiceRole) -> None:
    engine = make_engine(role_url(database_url, role), pool_size=1)
    try:
        await upgrade_to_head(engine, migrations(role.service), role.schema)
    finally:
        await engine.dispose()


async def connect_as(database_url: str, role: ServiceRole) -> asyncpg.Connection:
    return await asyncpg.connect(libpq_dsn(role_url(database_url, role)))


async def test_analysis_reads_its_own_tables_and_not_sharings(database_url):
    roles = roles_for(database_url, "analysis", "sharing")
    await provision(database_url, list(roles.values()))
    for role in roles.values():
        await migrate_as(database_url, role)

    conn = await connect_as(database_url, roles["analysis"])
    try:
        assert await conn.fetchval("select count(*) from analysis.analysis_runs") == 0
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied for schema sharing"):
            await conn.fetch("select * from sharing.grants")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("create table public.stolen (x int)")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("create schema elsewhere")
    finally:
        await conn.close()
    assert await check_roles(database_url, roles) == []


async def check_roles(database_url: str, roles: dict[str, ServiceRole]) -> list[str]:
    conn = await asyncpg.connect(libpq_dsn(database_url))
    try:
        return await check(conn, list(roles.values()))
    finally:
        await conn.close()


async def test_a_role_cannot_migrate_a_schema_it_does_not_own(database_url):
    roles = roles_for(database_url, "analysis", "sharing")
    await provision(database_url, list(roles.values()))
    intruder = ServiceRole("analysis", roles["sharing"].role, roles["sharing"].password, roles["sharing"].database)
    with pytest.raises(RuntimeError, match=f'schema "analysis" belongs to role "{roles["analysis"].role}"'):
        await migrate_as(database_url, intruder)


async def test_a_database_migrated_before_roles_existed_is_handed_over(database_url):
    """Upgrading a one-role deployment: the admin's tables become the service role's."""
    engine = make_engine(database_url, pool_size=1)
    await upgrade_to_head(engine, migrations("sharing"), "sharing")
    await engine.dispose()
    roles = roles_for(database_url, "sharing")
    await provision(database_url, list(roles.values()))
    await migrate_as(database_url, roles["sharing"])  # owns the version table too: nothing to do, no error
    conn = await connect_as(database_url, roles["sharing"])
    try:
        assert await conn.fetchval("select count(*) from sharing.grants") == 0
        owners = await conn.fetch("select distinct tableowner from pg_tables where schemaname = 'sharing'")
        assert [r["tableowner"] for r in owners] == [roles["sharing"].role]
    finally:
        await conn.close()


async def test_provisioning_again_rotates_the_password(database_url):
    roles = roles_for(database_url, "insights")
    await provision(database_url, list(roles.values()))
    old = roles["insights"]
    new = ServiceRole(old.service, old.role, old.password + "-rotated", old.database)
    await provision(database_url, [new])
    with pytest.raises(asyncpg.InvalidPasswordError):
        await connect_as(database_url, old)
    conn = await connect_as(database_url, new)
    await conn.close()


async def test_a_role_not_provisioned_here_cannot_connect(database_url):
    roles = roles_for(database_url, "gateway")
    await provision(database_url, list(roles.values()))
    stranger = ServiceRole("gateway", f"{roles['gateway'].role}_x", "stranger-pw", roles["gateway"].database)
    admin = await asyncpg.connect(libpq_dsn(database_url))
    try:
        await admin.execute(f"create role {stranger.role} login password '{stranger.password}'")
    finally:
        await admin.close()
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied for database"):
        await connect_as(database_url, stranger)


async def test_a_superuser_given_to_a_service_is_refused(database_url):
    admin = make_url(database_url)
    roles = {"ingestion": ServiceRole("ingestion", admin.username, admin.password, admin.database)}
    with pytest.raises(RuntimeError, match="is a superuser"):
        await provision(database_url, list(roles.values()))


async def test_the_operators_command_provisions_from_the_services_urls_and_says_what_is_missing(database_url):
    roles = roles_for(database_url, "analysis", "sharing")
    env = {**os.environ, "ADMIN_DATABASE_URL": database_url,
           "ANALYSIS_DATABASE_URL": role_url(database_url, roles["analysis"]),
           "SHARING_DATABASE_URL": role_url(database_url, roles["sharing"])}
    done = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "chassis.provision", "analysis", "sharing"],
                                   env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"analysis: role {roles['analysis'].role} owns schema analysis" in done.stdout
    await migrate_as(database_url, roles["analysis"])

    del env["SHARING_DATABASE_URL"]
    missing = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "chassis.provision", "analysis",
                                                       "sharing"], env=env, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1
    assert missing.stderr.strip() == ("provisioning failed: SHARING_DATABASE_URL is not set "
                                      "(the role and password sharing connects with)")

"""Least privilege in Postgres: one login role per service that owns that service's schema
and nothing else. Run once per deployment (and again after rotating a password) with admin
credentials, before the services start; each service then migrates and runs as its role.

    ADMIN_DATABASE_URL=postgresql://admin:...@db/session_insights \\
    ANALYSIS_DATABASE_URL=postgresql+asyncpg://si_analysis:...@db/session_insights ... \\
    python -m chassis.provision ingestion analysis insights sharing gateway

A service's role and password are those of its `<SERVICE>_DATABASE_URL` (the secret the
service itself reads), its schema is the service's name. Idempotent: an existing role gets
the password again, a schema a former one-role setup created is handed over with all it holds.
"""

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

import asyncpg
from sqlalchemy import make_url

from chassis.settings import database_url_from_env


@dataclass(frozen=True)
class ServiceRole:
    service: str
    role: str
    password: str
    database: str

    @property
    def schema(self) -> str:
        return self.service

    @classmethod
    def from_url(cls, service: str, url: str) -> "ServiceRole":
        parsed = make_url(url)
        if not parsed.username or not parsed.password or not parsed.database:
            raise ValueError(f"{service.upper()}_DATABASE_URL must name a role, its password and a database")
        return cls(service, parsed.username, parsed.password, parsed.database)


def libpq_dsn(url: str, database: str | None = None) -> str:
    """asyncpg's form of a SQLAlchemy URL (it reads sslmode and friends from the query itself)."""
    parsed = make_url(url).set(drivername="postgresql")
    return (parsed.set(database=database) if database else parsed).render_as_string(hide_password=False)


async def _sql(conn: asyncpg.Connection, template: str, *values: str) -> None:
    """A utility statement with identifiers (%I) and literals (%L) quoted by the server."""
    casts = "".join(f", ${i}::text" for i in range(2, len(values) + 2))
    await conn.execute(await conn.fetchval(f"select format($1::text{casts})", template, *values))


async def _ensure_role(conn: asyncpg.Connection, role: ServiceRole) -> None:
    exists = await conn.fetchval("select true from pg_roles where rolname = $1", role.role)
    if not exists:
        try:
            await _sql(conn, "create role %I login password %L nosuperuser nocreatedb nocreaterole",
                       role.role, role.password)
            return
        except asyncpg.DuplicateObjectError:  # another provisioning run made it meanwhile
            pass
    await _sql(conn, "alter role %I login password %L", role.role, role.password)


async def _hand_over(conn: asyncpg.Connection, role: ServiceRole) -> None:
    """The schema and everything in it to the service's role (a database migrated before
    roles existed has them owned by the admin)."""
    if not await conn.fetchval("select pg_has_role(current_user, $1, 'MEMBER')", role.role):
        # a managed Postgres' admin is no superuser: it may hand objects only to roles it is in
        await _sql(conn, "grant %I to current_user", role.role)
    await _sql(conn, "create schema if not exists %I authorization %I", role.schema, role.role)
    await _sql(conn, "alter schema %I owner to %I", role.schema, role.role)
    kinds = {"r": "table", "p": "table", "f": "foreign table", "v": "view", "m": "materialized view",
             "S": "sequence"}
    # tables first: a sequence owned by a column follows its table
    for kind in ("r", "p", "f", "v", "m", "S"):
        names = await conn.fetch(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname = $1 and c.relkind::text = $2 and pg_get_userbyid(c.relowner) <> $3",
            role.schema, kind, role.role)
        for row in names:
            await _sql(conn, f"alter {kinds[kind]} %I.%I owner to %I", role.schema, row["relname"], role.role)
    for row in await conn.fetch(
            "select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace "
            "where n.nspname = $1 and t.typtype in ('e', 'd') and pg_get_userbyid(t.typowner) <> $2",
            role.schema, role.role):
        await _sql(conn, "alter type %I.%I owner to %I", role.schema, row["typname"], role.role)
    for row in await conn.fetch(
            "select p.oid::regprocedure::text as signature from pg_proc p join pg_namespace n "
            "on n.oid = p.pronamespace where n.nspname = $1 and pg_get_userbyid(p.proowner) <> $2",
            role.schema, role.role):
        await conn.execute(f'alter routine {row["signature"]} owner to "{role.role}"')
    await _sql(conn, "revoke all on schema %I from public", role.schema)


async def _close_database(conn: asyncpg.Connection, database: str) -> None:
    """Only roles granted CONNECT get in; nobody creates objects in `public`."""
    await _sql(conn, "revoke all on database %I from public", database)
    await conn.execute("revoke create on schema public from public")


async def check(conn: asyncpg.Connection, roles: list[ServiceRole]) -> list[str]:
    """What is wrong with the roles' separation (empty when each owns only its schema)."""
    problems = []
    for role in roles:
        row = await conn.fetchrow("select rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname = $1",
                                  role.role)
        if row is None:
            problems.append(f"role {role.role} ({role.service}) does not exist")
            continue
        if row["rolsuper"] or row["rolbypassrls"] or row["rolcreaterole"]:
            problems.append(f"role {role.role} ({role.service}) is a superuser or may create roles")
        owner = await conn.fetchval("select pg_get_userbyid(nspowner) from pg_namespace where nspname = $1",
                                    role.schema)
        if owner != role.role:
            problems.append(f"schema {role.schema} belongs to {owner}, not {role.role}")
        for other in roles:
            if other.schema != role.schema and await conn.fetchval(
                    "select has_schema_privilege($1, $2, 'USAGE') or has_schema_privilege($1, $2, 'CREATE')",
                    role.role, other.schema):
                problems.append(f"role {role.role} ({role.service}) may use schema {other.schema}")
    return problems


async def provision(admin_url: str, roles: list[ServiceRole]) -> None:
    """Create (or update) every role, hand it its schema, close the rest; raise if the result
    still lets a role into another's schema."""
    for database in sorted({role.database for role in roles}):
        conn = await asyncpg.connect(libpq_dsn(admin_url, database))
        try:
            here = [role for role in roles if role.database == database]
            # one provisioning at a time: roles are shared by the whole cluster
            await conn.execute("select pg_advisory_lock(hashtext('chassis.provision'))")
            await _close_database(conn, database)
            for role in here:
                await _ensure_role(conn, role)
                await _sql(conn, "grant connect, temporary on database %I to %I", database, role.role)
                await _hand_over(conn, role)
            problems = await check(conn, here)
        finally:
            await conn.close()
        if problems:
            raise RuntimeError("provisioning left roles too wide: " + "; ".join(problems))


def roles_from_env(services: list[str], environ: Mapping[str, str] = os.environ) -> list[ServiceRole]:
    roles = []
    for service in services:
        url = environ.get(f"{service.upper()}_DATABASE_URL")
        if not url:
            raise ValueError(f"{service.upper()}_DATABASE_URL is not set "
                             f"(the role and password {service} connects with)")
        roles.append(ServiceRole.from_url(service, url))
    return roles


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m chassis.provision", description=__doc__.split("\n\n")[0])
    parser.add_argument("services", nargs="+",
                        help="services to provision: ingestion analysis insights sharing gateway")
    args = parser.parse_args()
    admin_url = os.environ.get("ADMIN_DATABASE_URL") and database_url_from_env("admin")
    if not admin_url:
        sys.exit("ADMIN_DATABASE_URL is not set (a role that may create roles and schemas)")
    try:
        roles = roles_from_env(args.services)
        asyncio.run(provision(admin_url, roles))
    except (ValueError, RuntimeError, OSError, asyncpg.PostgresError) as exc:
        sys.exit(f"provisioning failed: {exc}")
    for role in roles:
        print(f"{role.service}: role {role.role} owns schema {role.schema} in database {role.database}")


if __name__ == "__main__":
    main()

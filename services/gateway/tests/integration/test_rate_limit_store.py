"""Rate limits on Postgres: one budget for every gateway replica, decided atomically, and a
table that holds only the callers of the last period."""

import asyncio
import time
from pathlib import Path

import asyncpg
import jwt
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from chassis.db import make_engine
from chassis.migrate import alembic_config, upgrade_to_head
from devstack.ports import free_port
from gateway.adapters.rate_limits import MemoryRateLimiter, PostgresRateLimiter
from gateway.domain.rate import Rate
from gateway.settings import GatewaySettings
from litestar.testing import TestClient

MIGRATIONS = Path(__file__).parents[2] / "src" / "gateway" / "migrations"
SECRET = "rate-limit-store-test-secret-0123456789"
API = "/api/v1/session-insights"


async def migrated_engine(database_url: str):
    engine = make_engine(database_url, pool_size=5)
    await upgrade_to_head(engine, MIGRATIONS, "gateway")
    return engine


async def test_migrations_up_down_up_in_the_gateway_schema_only(database_url):
    config = alembic_config(MIGRATIONS, database_url)
    for revision in reversed(list(ScriptDirectory.from_config(config).walk_revisions())):
        await asyncio.to_thread(command.upgrade, config, revision.revision)
        await asyncio.to_thread(command.downgrade, config, revision.down_revision or "base")
        await asyncio.to_thread(command.upgrade, config, revision.revision)
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        schemas = {r["table_schema"] for r in await conn.fetch(
            "select table_schema from information_schema.tables where table_schema not in "
            "('pg_catalog', 'information_schema')")}
    finally:
        await conn.close()
    assert schemas == {"gateway"}


async def test_two_replicas_share_one_budget_and_never_both_spend_the_last(database_url):
    replicas = [PostgresRateLimiter(await migrated_engine(database_url)) for _ in range(2)]
    rate = Rate(5, 60)
    decisions = await asyncio.gather(*(replicas[i % 2].hit("create:alice", rate) for i in range(20)))
    assert sum(d.allowed for d in decisions) == 5
    refused = [d for d in decisions if not d.allowed]
    assert all(0 < d.retry_after <= 12.5 for d in refused)  # one more every 12 s
    assert (await replicas[1].hit("create:bob", rate)).allowed


async def test_keys_gone_quiet_are_deleted(database_url):
    limiter = PostgresRateLimiter(await migrated_engine(database_url))
    for n in range(50):
        await limiter.hit(f"anonymous:{n}", Rate(10, 0.2))
    await limiter.hit("create:busy", Rate(1, 60))
    assert await limiter.count() == 51
    await asyncio.sleep(0.3)
    assert await limiter.prune() == 50
    assert await limiter.count() == 1


async def test_the_memory_store_is_bounded():
    clock = [1000.0]
    limiter = MemoryRateLimiter(max_keys=100, clock=lambda: clock[0])
    for n in range(1000):
        await limiter.hit(f"addr:{n}", Rate(3, 60))
    assert len(limiter) == 100
    clock[0] += 61
    assert await limiter.prune() == 100 and len(limiter) == 0


def token(sub: str) -> str:
    return jwt.encode({"sub": sub, "exp": int(time.time()) + 300}, SECRET, algorithm="HS256")


@pytest.fixture
def gateway_settings(database_url, monkeypatch):
    dead = free_port()
    for name in ("INGESTION", "INSIGHTS", "SHARING"):
        monkeypatch.setenv(f"{name}_URL", f"http://127.0.0.1:{dead}")
    monkeypatch.setenv("JWT_SECRET", SECRET)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("GATEWAY_CREATE_PER_MINUTE", "3")
    return GatewaySettings.from_env()


def test_gateway_replicas_count_one_upload_budget_per_user(gateway_settings):
    from gateway.main import create_app

    body = {"transcript_text": "Coach: Hi?\nClient: Hello."}
    alice = {"Authorization": f"Bearer {token('alice')}"}
    with TestClient(create_app(gateway_settings)) as one, TestClient(create_app(gateway_settings)) as two:
        statuses = [(one, two)[n % 2].post(f"{API}/unpaired/from-text", json=body, headers=alice).status_code
                    for n in range(4)]
        assert statuses == [503, 503, 503, 429]
        assert two.get("/ready").json()["checks"]["database"] == "ok"

"""What the container backend asks of the Docker engine (images, commands, env, ports, waits),
checked on the real testcontainers objects with the engine client left out; and the backend
for real where an engine answers."""

import json
import re
from pathlib import Path

import asyncpg
import nats
import pytest
import yaml
from devstack import containers, nats_auth
from devstack.ports import free_port
from testcontainers.core import container as tc_container
from testcontainers.core.wait_strategies import HttpWaitStrategy, LogMessageWaitStrategy

COMPOSE = Path(__file__).parents[3] / "deploy" / "compose.yaml"


class NoEngine:
    """Stands in for testcontainers' Docker client: configuring talks to no engine."""

    def __init__(self, **kwargs) -> None:
        pass


@pytest.fixture
def no_engine(monkeypatch):
    monkeypatch.setattr(tc_container, "DockerClient", NoEngine)


def test_the_images_are_pinned_and_those_compose_runs():
    images = [service["image"] for service in yaml.safe_load(COMPOSE.read_text())["services"].values()
              if "image" in service and not service["image"].startswith("$")]
    assert containers.NATS_IMAGE in images and containers.POSTGRES_IMAGE in images
    for image in (containers.NATS_IMAGE, containers.POSTGRES_IMAGE):
        assert re.fullmatch(r"[a-z]+:\d+\.\d+(\.\d+)?-[a-z]+", image), f"{image}: a full version, never a floating tag"


def test_nats_runs_jetstream_with_our_users_on_fixed_host_ports(no_engine):
    server = containers.NatsContainer()
    configured = server.configure()
    assert configured.image == containers.NATS_IMAGE
    assert configured._command == ["-js", "-c", containers.NATS_CONFIG]
    assert configured.ports == {"4222": server.host_port, "8222": server.monitor_port}
    [(content, destination, _mode)] = configured._transferable_specs
    config = json.loads(content)
    assert destination == containers.NATS_CONFIG
    assert config["listen"] == "0.0.0.0:4222" and config["jetstream"]["store_dir"] == "/data/jetstream"
    users = {user["user"]: user for user in config["authorization"]["users"]}
    assert users[nats_auth.ADMIN]["password"] == server.secret
    assert users["insights"]["password"] == nats_auth.password_for(server.secret, "insights")
    assert "analysis.v1.completed" not in json.dumps(users["insights"].get("permissions", {}).get("publish", {}))
    wait = configured._wait_strategy
    assert isinstance(wait, HttpWaitStrategy)
    assert (wait._port, wait._path) == (containers.NATS_MONITOR_PORT, "/healthz?js-enabled-only=true")
    assert server.url == f"nats://{nats_auth.ADMIN}:{server.secret}@127.0.0.1:{server.host_port}"


def test_postgres_runs_as_the_fixtures_superuser_and_waits_for_the_real_server(no_engine):
    server = containers.PostgresContainer(password="pw")
    configured = server.configure()
    assert configured.image == containers.POSTGRES_IMAGE
    assert configured.env == {"POSTGRES_USER": "postgres", "POSTGRES_PASSWORD": "pw", "POSTGRES_DB": "postgres"}
    assert configured._command[0] == "postgres" and "max_connections=300" in configured._command
    assert configured.ports == {"5432": server.host_port}
    wait = configured._wait_strategy
    assert isinstance(wait, LogMessageWaitStrategy)
    # the image's first start runs a temporary server: ready twice means the real one
    assert wait._message.pattern == "database system is ready to accept connections" and wait._times == 2
    assert server.url("t_1") == f"postgresql+asyncpg://postgres:pw@127.0.0.1:{server.host_port}/t_1"


def test_a_service_from_the_image_listens_beyond_loopback_and_is_ready_when_ready_says_so(no_engine, monkeypatch):
    monkeypatch.setenv(containers.SERVICE_IMAGE_ENV, "registry.example/session-insights:1.2.3")
    nats_url = containers.seen_from_containers("nats://analysis:pw@127.0.0.1:4222")
    db_url = containers.seen_from_containers("postgresql+asyncpg://si_analysis:pw@127.0.0.1:5432/si")
    service = containers.ServiceContainer(service="analysis", container_port=8002,
                                          env={"NATS_URL": nats_url, "ANALYSIS_DATABASE_URL": db_url})
    configured = service.configure()
    assert configured.image == "registry.example/session-insights:1.2.3"
    assert configured.env == {"NATS_URL": "nats://analysis:pw@host.docker.internal:4222",
                              "ANALYSIS_DATABASE_URL": "postgresql+asyncpg://si_analysis:pw@host.docker.internal:5432/si",
                              "SERVICE": "analysis", "ANALYSIS_HOST": "0.0.0.0", "ANALYSIS_PORT": "8002"}
    assert configured._kwargs["extra_hosts"] == {"host.docker.internal": "host-gateway"}
    assert configured.ports == {"8002": service.host_port}
    wait = configured._wait_strategy
    assert (type(wait), wait._port, wait._path) == (HttpWaitStrategy, 8002, "/ready")


async def test_the_image_system_gives_each_service_its_role_and_user_as_containers_reach_them(database_url):
    system = containers.ImageSystem(database_url=database_url, nats_url="nats://devstack:s3cret@127.0.0.1:4222")
    env = system.environment()
    assert env["NATS_URL"] == "nats://host.docker.internal:4222"
    assert env["INSIGHTS_NATS_USER"] == "insights"
    assert env["INSIGHTS_NATS_PASSWORD"] == nats_auth.password_for("s3cret", "insights")
    for service in containers.SERVICE_PORTS:
        url = env[f"{service.upper()}_DATABASE_URL"]
        assert url.startswith(f"postgresql+asyncpg://si_{service}:") and "@host.docker.internal:" in url
    assert "DATABASE_URL" not in env  # no service gets the admin's


def test_the_backend_is_local_unless_containers_are_asked_for(monkeypatch):
    monkeypatch.delenv(containers.BACKEND_ENV, raising=False)
    assert containers.backend() == "local"
    monkeypatch.setenv(containers.BACKEND_ENV, "containers")
    assert containers.backend() == "containers"
    monkeypatch.setenv(containers.BACKEND_ENV, "docker")
    with pytest.raises(ValueError, match="SI_TEST_BACKEND must be one of local, containers, not 'docker'"):
        containers.backend()


def test_an_engine_that_does_not_answer_is_named_as_the_reason_to_skip(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", f"tcp://127.0.0.1:{free_port()}")
    problem = containers.engine_problem()
    assert problem is not None and problem.startswith("testcontainers needs a Docker engine (DOCKER_HOST")


@pytest.fixture(scope="module")
def engine():
    if problem := containers.engine_problem():
        pytest.skip(problem)


async def test_jetstream_and_postgres_in_containers_keep_their_data_across_a_restart(engine):
    nats_server, postgres = containers.NatsContainer(), containers.PostgresContainer()
    try:
        nats_server.start()
        postgres.start()
        client = await nats.connect(nats_server.url)
        js = client.jetstream()
        await js.add_stream(name="PROBE", subjects=["probe.>"])
        assert (await js.publish("probe.one", b"x")).seq == 1
        await client.close()
        conn = await asyncpg.connect(postgres.dsn())
        await conn.execute("create table kept (x int); insert into kept values (7)")
        await conn.close()

        postgres.stop()
        assert postgres.process.poll() is not None
        postgres.start()
        conn = await asyncpg.connect(postgres.dsn())
        assert await conn.fetchval("select x from kept") == 7
        await conn.close()
    finally:
        nats_server.remove()
        postgres.remove()

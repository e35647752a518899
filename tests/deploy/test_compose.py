"""deploy/compose.yaml against the code (no `docker compose config` here): every variable a
service gets is one its code reads, its settings resolve from them to a listening address,
its own Postgres role and all three NATS nodes, and the health checks, dependencies and the
NATS cluster hang together."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from deploy_code import ROOT, SERVICES, reads
from deploy_settings import hears_hints, on_the_bus, resolve

COMPOSE = ROOT / "deploy" / "compose.yaml"
IMAGE_VARS = {"SERVICE"}  # read by the image's entrypoint, not the service
NATS_NODES = ("nats-1", "nats-2", "nats-3")


def interpolate(text: str, values: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}; a required one missing is an error."""
    def one(match: re.Match) -> str:
        name, op, arg = match.group(1), match.group(2) or "", match.group(3) or ""
        if values.get(name):
            return values[name]
        if op == ":?":
            raise KeyError(f"{name} is required: {arg}")
        return arg if op == ":-" else ""
    return re.sub(r"\$\{(\w+)(:-|:\?)?([^}]*)\}", one, text)


REQUIRED = {name: f"secret-{name.lower()}" for name in re.findall(r"\$\{(\w+):\?", COMPOSE.read_text())}
SPEC = yaml.safe_load(interpolate(COMPOSE.read_text(), REQUIRED))
SERVICES_IN = SPEC["services"]


def env_of(name: str) -> dict[str, str]:
    return {k: str(v) for k, v in (SERVICES_IN[name].get("environment") or {}).items()}


def test_every_secret_must_be_given_and_env_example_names_each():
    with pytest.raises(KeyError):
        interpolate(COMPOSE.read_text(), {})
    example = (ROOT / "deploy" / "env.example").read_text()
    for name in REQUIRED:
        assert re.search(rf"^{name}=", example, re.M), f"{name} missing from env.example"
    assert "secret-" not in COMPOSE.read_text() and not re.search(r"PASSWORD: [^$\s]", COMPOSE.read_text())


def test_the_system_is_all_there():
    expected = {*NATS_NODES, "postgres", "provision", *SERVICES, *(f"migrate-{s}" for s in SERVICES)}
    assert set(SERVICES_IN) == expected


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_gets_only_variables_its_code_reads(service: str):
    env = env_of(service)
    assert env["SERVICE"] == service
    unknown = [name for name in env if name not in IMAGE_VARS and not reads(service, name)]
    assert not unknown, f"{service} is given variables its code never reads: {unknown}"


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_s_settings_resolve_to_its_port_role_and_the_cluster(service: str):
    spec, settings = SERVICES_IN[service], resolve(service, env_of(service))
    assert settings.host == "0.0.0.0"
    published = [p.rsplit(":", 1)[-1] for p in spec.get("ports", [])]
    assert [str(settings.port)] == (published or spec["expose"])
    assert settings.database_host == "postgres" and settings.database_user == f"si_{service}"
    if on_the_bus(service):
        assert sorted(settings.nats_hosts) == list(NATS_NODES)
        assert settings.nats_replicas == len(NATS_NODES)
    elif hears_hints(service):  # the gateway: every node, for the status hints; it keeps no streams
        assert sorted(settings.nats_hosts) == list(NATS_NODES)
        assert "NATS_REPLICAS" not in env_of(service)
    else:
        assert not any(name.startswith("NATS_") for name in env_of(service))
    for upstream, (host, port) in settings.upstreams.items():
        assert host == upstream and port == resolve(upstream, env_of(upstream)).port
        assert SERVICES_IN[service]["depends_on"][upstream] == {"condition": "service_healthy"}


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_waits_for_its_migration_and_the_infrastructure_and_probes_readiness(service: str):
    spec = SERVICES_IN[service]
    depends = spec["depends_on"]
    assert depends[f"migrate-{service}"] == {"condition": "service_completed_successfully"}
    needed = ["postgres", *(NATS_NODES if on_the_bus(service) else ())]
    assert all(depends[name] == {"condition": "service_healthy"} for name in needed)
    if hears_hints(service) and not on_the_bus(service):
        assert not set(NATS_NODES) & set(depends), "it starts and serves without NATS (its streams poll)"
    assert spec["healthcheck"]["test"] == ["CMD", "python", "/app/entrypoint.py", "probe", "ready"]
    assert spec["read_only"] is True and spec["tmpfs"] == ["/tmp"]
    if service not in ("gateway",):
        assert "ports" not in spec, "only the gateway is published"


@pytest.mark.parametrize("service", SERVICES)
def test_each_migration_job_runs_as_the_service_s_role_after_provisioning(service: str):
    job = SERVICES_IN[f"migrate-{service}"]
    assert job["environment"]["SERVICE"] == f"migrate-{service}"
    key = f"{service.upper()}_DATABASE_URL"
    assert job["environment"][key] == env_of(service)[key] == env_of("provision")[key]
    assert job["depends_on"] == {"provision": {"condition": "service_completed_successfully"}}
    assert job["restart"] == "no"
    assert reads(service, key)


def test_analysis_runs_several_replicas_on_one_durable_consumer():
    assert SERVICES_IN["analysis"]["deploy"]["replicas"] >= 2


def test_the_nats_cluster_has_three_jetstream_members_routed_to_each_other():
    config_dir = ROOT / "deploy" / "nats"
    for node in NATS_NODES:
        spec = SERVICES_IN[node]
        assert re.fullmatch(r"nats:2\.\d+\.\d+(-alpine)?", spec["image"])
        assert spec["environment"]["NATS_SERVER_NAME"] == node
        mount = next(v for v in spec["volumes"] if v.endswith(":/etc/nats:ro"))
        assert (COMPOSE.parent / mount.split(":")[0]).resolve() == config_dir
        assert any(v.endswith(":/data") for v in spec["volumes"])
    config = (config_dir / "cluster.conf").read_text()
    routes = re.findall(r"nats://([\w-]+):6222", config)
    assert sorted(routes) == list(NATS_NODES)
    assert re.search(r"^jetstream\s*\{[^}]*store_dir: /data", config, re.M)
    # the real nats-server accepts the file as each member would read it
    nats_server = Path(sys.executable).parent / "nats-server"
    for node in NATS_NODES:
        result = subprocess.run([str(nats_server), "-c", "cluster.conf", "-t"], cwd=config_dir, capture_output=True,
                                text=True, env=env_of(node), timeout=30)
        assert result.returncode == 0, result.stderr
    # and refuses it when a user's password is missing: nobody gets in without one
    result = subprocess.run([str(nats_server), "-c", "cluster.conf", "-t"], cwd=config_dir, capture_output=True,
                            text=True, env={"NATS_SERVER_NAME": "nats-1"}, timeout=30)
    assert result.returncode != 0 and "NATS_PASSWORD" in result.stderr


def nats_users() -> dict[str, tuple[str, dict | None]]:
    """authorization.conf: user -> (password variable, permissions)."""
    text = (ROOT / "deploy" / "nats" / "authorization.conf").read_text()
    users = {}
    for name, var, perms in re.findall(r"\{user: ([\w-]+), password: \$(\w+)(?:, permissions: (\{.*\}))?\}", text):
        users[name] = (var, json.loads(perms) if perms else None)
    return users


def test_each_service_connects_to_nats_as_its_own_user_with_the_grants_devstack_tests():
    from devstack import nats_auth

    users = nats_users()
    assert users["platform"][1] == nats_auth.PLATFORM_PERMISSIONS
    assert users["admin"][1] is None, "the operators' user: full rights, used by no service"
    for service in SERVICES:
        env = env_of(service)
        if service in nats_auth.SERVICE_GRANTS:
            expected = nats_auth.permissions(nats_auth.SERVICE_GRANTS[service])
        elif service in nats_auth.LISTENERS:  # the gateway: subscribes to the status hints, nothing else
            expected = nats_auth.listener_permissions(nats_auth.LISTENERS[service])
        else:
            assert "NATS_USER" not in env
            continue
        variable, permissions = users[env["NATS_USER"]]
        assert env["NATS_USER"] == service and permissions == expected
        assert env["NATS_PASSWORD"] == REQUIRED[variable], "the password the servers expect for this user"
    helm = yaml.safe_load((ROOT / "deploy" / "nats" / "values.yaml").read_text())
    helm_users = {u["user"]: u for u in helm["config"]["merge"]["authorization"]["users"]}
    assert {name: u.get("permissions") for name, u in helm_users.items()} == {n: p for n, (_, p) in users.items()}
    for name, (variable, _) in users.items():
        assert helm_users[name]["password"] == f"<< ${variable} >>"
        assert helm["container"]["env"][variable]["valueFrom"]["secretKeyRef"] == {"name": "nats-users", "key": name}


def test_provisioning_gets_the_admin_and_every_role_and_waits_for_postgres():
    env = env_of("provision")
    assert env["SERVICE"] == "provision"
    assert reads("ingestion", "ADMIN_DATABASE_URL")
    assert {f"{s.upper()}_DATABASE_URL" for s in SERVICES} <= set(env)
    assert SERVICES_IN["provision"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}


def test_the_nats_users_files_are_what_write_users_makes_of_devstack_nats_auth():
    sys.path.insert(0, str(ROOT / "deploy" / "nats"))
    import write_users

    stale = "stale: run `uv run --no-sync python deploy/nats/write_users.py`"
    assert (ROOT / "deploy" / "nats" / "authorization.conf").read_text() == write_users.authorization_conf(), stale
    values = (ROOT / "deploy" / "nats" / "values.yaml").read_text()
    assert write_users.values_yaml(values) == values, stale

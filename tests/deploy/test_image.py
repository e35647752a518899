"""deploy/Dockerfile checked without a Docker engine: hadolint-style rules on its parsed
instructions, every file it copies present and not ignored, and its entrypoint run for real
(the service choice, the health probe, and a migration job on a real Postgres)."""

import asyncio
import http.server
import os
import re
import subprocess
import sys
import threading

import asyncpg
import pytest
from deploy_code import ROOT, SERVICES, default_port
from deploy_dockerfile import dockerignore, ignored, parse

DOCKERFILE = ROOT / "deploy" / "Dockerfile"
ENTRYPOINT = ROOT / "deploy" / "image" / "entrypoint.py"
COMPILERS = re.compile(r"\b(build-essential|gcc|g\+\+|clang|make|cmake|cargo|rustc|[\w.+-]+-dev)\b")
STAGES = parse(DOCKERFILE)
FINAL = STAGES[-1]


def test_every_base_image_is_pinned_to_an_exact_version_or_digest():
    for stage in STAGES:
        image = stage.base
        assert "@sha256:" in image or re.search(r":\d+\.\d+\.\d+", image), f"{image} is not pinned"
        assert not image.endswith(":latest")


def test_the_final_stage_copies_the_environment_built_before_it_and_nothing_to_build_with():
    builders = {s.name for s in STAGES[:-1]}
    copied = [c for c in FINAL.all("COPY") if "from" in c.flags]
    assert copied and all(c.flags["from"] in builders for c in copied)
    assert any(c.words[0] == "/app/.venv" for c in copied), "the venv comes from the builder"
    for run in FINAL.all("RUN"):
        assert not COMPILERS.search(run.args), f"line {run.line}: a compiler in the final stage"
        assert "pip install" not in run.args and "uv " not in run.args, f"line {run.line}: installs in the final stage"


def test_the_final_stage_runs_as_a_numeric_non_root_user():
    users = FINAL.all("USER")
    assert users, "no USER in the final stage"
    user = users[-1].words[0].split(":")[0]
    assert user.isdigit() and int(user) > 0, "a numeric uid (runAsNonRoot can check it) other than root"
    assert FINAL.instructions.index(users[-1]) > max(FINAL.instructions.index(r) for r in FINAL.all("RUN"))


def test_hadolint_rules_that_apply():
    for stage in STAGES:
        assert not stage.all("ADD"), "DL3020: COPY, not ADD"
        for workdir in stage.all("WORKDIR"):
            assert workdir.words[0].startswith("/"), "DL3000: absolute WORKDIR"
        for run in stage.all("RUN"):
            assert "sudo " not in run.args, "DL3004"
            assert not re.search(r"(^|&&|;)\s*cd ", run.args), "DL3003: WORKDIR, not cd"
            if "apt-get install" in run.args:
                assert "--no-install-recommends" in run.args, "DL3015"
                assert "rm -rf /var/lib/apt/lists/*" in run.args, "DL3009"
                assert re.search(r"\s-y\b", run.args), "DL3014"
            for pip in re.findall(r"pip install ([^&;]+)", run.args):
                packages = [w for w in pip.split() if not w.startswith("-")]
                assert all("==" in p for p in packages), f"DL3013: pin {packages}"
            if "uv sync" in run.args:
                assert "--locked" in run.args and "--no-dev" in run.args, "the lock, without dev tools"
    for keyword in ("ENTRYPOINT", "CMD", "HEALTHCHECK"):
        for instruction in FINAL.all(keyword):
            assert "[" in instruction.args, f"DL3025: exec form for {keyword}"


def test_uv_installs_exactly_the_five_services():
    for run in [r for s in STAGES for r in s.all("RUN") if "uv sync" in r.args]:
        assert sorted(re.findall(r"--package (\S+)", run.args)) == sorted(SERVICES)


def test_every_copied_path_exists_and_the_dockerignore_keeps_it():
    patterns = dockerignore(ROOT / ".dockerignore")
    sources = [w for s in STAGES for c in s.all("COPY") if "from" not in c.flags for w in c.words[:-1]]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: no such path"
        assert not ignored(source, patterns), f"COPY {source}: left out by .dockerignore"
    left_out = (".git", ".venv", ".data", ".env", "deploy/.env", "services/analysis/tests/unit", "deploy/k8s")
    for secret_or_bulk in left_out:
        assert ignored(secret_or_bulk, patterns), f"{secret_or_bulk} would be sent to the build"
    # every workspace member's metadata is copied before the dependency layer (uv --locked needs it)
    members = {str(p.parent.relative_to(ROOT)) for p in ROOT.glob("*/pyproject.toml")} | {
        str(p.parent.relative_to(ROOT)) for p in ROOT.glob("*/*/pyproject.toml") if ".venv" not in p.parts}
    assert {f"{m}/pyproject.toml" for m in members} <= set(sources)


def test_healthcheck_and_entrypoint_use_the_entrypoint_script_and_a_path_the_services_serve():
    from chassis.health import health_handlers

    served = {path for handler in health_handlers("x", {}) for path in handler.paths}
    (healthcheck,) = FINAL.all("HEALTHCHECK")
    command = re.search(r"CMD (\[.*\])", healthcheck.args).group(1)
    assert f"/{eval(command)[-1]}" in served  # noqa: S307 (our own JSON list)
    (entrypoint,) = FINAL.all("ENTRYPOINT")
    copied = {c.words[-1] for c in FINAL.all("COPY")}
    assert entrypoint.words[-1] in copied
    exposed = {int(p) for e in FINAL.all("EXPOSE") for p in e.words}
    assert exposed == {default_port(s) for s in SERVICES}


def run_entrypoint(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.endswith(("_PORT", "_HOST"))}
    return subprocess.run([sys.executable, str(ENTRYPOINT), *args], env={**base, **env}, capture_output=True,
                          text=True, timeout=60)


def test_the_entrypoint_refuses_an_unknown_service_naming_the_choices():
    result = run_entrypoint(SERVICE="reporting")
    assert result.returncode == 2
    assert all(s in result.stderr and f"migrate-{s}" in result.stderr for s in SERVICES)


def test_the_entrypoint_knows_each_service_s_default_port():
    sys.path.insert(0, str(ENTRYPOINT.parent))
    import entrypoint

    assert {s: default_port(s) for s in SERVICES} == entrypoint.PORTS


def test_the_probe_passes_on_200_and_fails_otherwise():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200 if self.path == "/health" else 503)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = str(server.server_address[1])
        assert run_entrypoint("probe", "health", SERVICE="insights", INSIGHTS_PORT=port).returncode == 0
        assert run_entrypoint("probe", "ready", SERVICE="insights", INSIGHTS_PORT=port).returncode != 0
        assert run_entrypoint("probe", "health", SERVICE="sharing", SHARING_PORT="1").returncode != 0
        assert run_entrypoint("probe", "health", SERVICE="migrate-sharing").returncode == 0  # a job: nothing to probe
    finally:
        server.shutdown()


@pytest.mark.timeout(120)
async def test_a_migration_job_brings_its_service_s_schema_to_head(database_url: str):
    # one of the five: the same code path for each, and every job costs seconds of imports
    migrated = ("sharing",)
    env = {k: v for k, v in os.environ.items() if "DATABASE" not in k}
    jobs = [await asyncio.create_subprocess_exec(
        sys.executable, str(ENTRYPOINT), env={**env, "SERVICE": f"migrate-{s}", "DATABASE_URL": database_url},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT) for s in migrated]
    outputs = [(await job.communicate())[0].decode() for job in jobs]
    assert [job.returncode for job in jobs] == [0] * len(migrated), outputs
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        for service in migrated:
            version = await conn.fetchval(f'select version_num from "{service}".alembic_version')
            assert version, f"{service} has no migration applied"
    finally:
        await conn.close()

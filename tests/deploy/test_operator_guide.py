"""deploy/README.md's commands: each fenced shell block is split into commands, and each
command is checked against what it names (files, just recipes, variables, Secrets and their
keys, namespaces, workloads, Services and ports, routes, streams and consumers); the
Kubernetes overlays it applies are rendered, and the backup and restore commands are run on a
real Postgres. A command of a kind this test does not know fails it."""

import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import asyncpg
import pytest
import yaml
from deploy_code import ROOT, SERVICES, default_port, env_reads
from deploy_k8s import find, kubectl, one, render

GUIDE = ROOT / "deploy" / "README.md"
TEXT = GUIDE.read_text()
BLOCKS = re.findall(r"```sh\n(.*?)```", TEXT, re.S)
NATS_VALUES = yaml.safe_load((ROOT / "deploy" / "nats" / "values.yaml").read_text())
PG_CLUSTER = yaml.safe_load((ROOT / "deploy" / "postgres" / "cluster.yaml").read_text())
COMPOSE = yaml.safe_load(re.sub(r"\$\{[^}]*\}", "x", (ROOT / "deploy" / "compose.yaml").read_text()))
EXAMPLE_VARS = set(re.findall(r"^(\w+)=", (ROOT / "deploy" / "env.example").read_text(), re.M))


def commands() -> list[str]:
    """Every simple command of the guide, in order: `;` and `|` split, $(...) taken out."""
    found = []
    for block in BLOCKS:
        for line in block.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            for inner in re.findall(r"\$\(([^)]*)\)", line):
                found += [c.strip() for c in inner.split("|")]
            line = re.sub(r"\$\([^)]*\)", "SUBSTITUTED", line)
            for part in re.split(r";|\|(?!\|)", line):
                if part.strip():
                    found.append(part.strip())
    return found


def assigned() -> set[str]:
    names = set()
    for command in commands():
        for word in shlex.split(command):
            if re.match(r"^\w+=", word):
                names.add(word.split("=", 1)[0])
            elif word not in ("export",):
                break
    return names


def justfile_recipes() -> dict[str, tuple[int, int]]:
    """recipe -> (required arguments, all arguments; -1: any number)."""
    recipes = {}
    header = re.compile(r"^([a-z][\w-]*)((?: +[*+]?[A-Z_]+(?:=\"[^\"]*\")?)*) *:", re.M)
    for match in header.finditer((ROOT / "justfile").read_text()):
        params = match.group(2).split()
        required = sum(1 for p in params if "=" not in p and not p.startswith(("*", "+")))
        recipes[match.group(1)] = (required, -1 if any(p.startswith(("*", "+")) for p in params) else len(params))
    return recipes


def routes() -> list[re.Pattern]:
    found = []
    for path in [*ROOT.glob("services/*/src/**/*.py"), *ROOT.glob("libs/chassis/src/**/*.py")]:
        for route in re.findall(r'@(?:get|post|put|delete|patch)\(\s*"([^"]+)"', path.read_text()):
            found.append(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", route) + "$"))
    return found


def code_vars() -> set[str]:
    return {r.template for s in SERVICES for r in env_reads(s) if "{" not in r.template}


def secret_keys(secret: str) -> tuple[set[str], set[str]]:
    """(keys the manifests need, keys they may use) of a Secret, over both overlays."""
    needed, optional = set(), set()
    for overlay in ("dev", "prod"):
        for obj in [*find(render(overlay), "Deployment"), *find(render(overlay), "Job")]:
            for container in obj["spec"]["template"]["spec"]["containers"]:
                for entry in container.get("env", []):
                    ref = entry.get("valueFrom", {}).get("secretKeyRef")
                    if ref and ref["name"] == secret:
                        (optional if ref.get("optional") else needed).add(ref["key"])
    return needed, needed | optional


NAMESPACES = {"nats": NATS_VALUES["namespaceOverride"], "postgres": PG_CLUSTER["metadata"]["namespace"]}


def check_kubectl(args: list[str]) -> None:
    namespace = None
    if args[0] == "-n":
        namespace, args = args[1], args[2:]
    prod = render("prod")
    app_namespaces = {one(render(o), "Namespace", next(iter(
        [n["metadata"]["name"] for n in find(render(o), "Namespace")]))) ["metadata"]["name"] for o in ("dev", "prod")}
    assert namespace is None or namespace in {*NAMESPACES.values(), *app_namespaces}, namespace
    verb, rest = args[0], args[1:]
    own = rest[:rest.index("--")] if "--" in rest else rest  # after `--`: the command run in the pod
    flags = {w.split("=", 1)[0] for w in own if w.startswith("--")}
    positional = [w for w in rest if not w.startswith("-")]
    if verb == "create" and rest[0] == "namespace":
        assert rest[1] in NAMESPACES.values()
    elif verb == "create" and rest[:2] == ["secret", "generic"]:
        name = rest[2]
        keys = {w.split("=", 2)[1] for w in rest if w.startswith("--from-literal=")}
        if name == "nats-users":
            assert namespace == NAMESPACES["nats"]
            expected = {e["valueFrom"]["secretKeyRef"]["key"] for e in NATS_VALUES["container"]["env"].values()}
            assert keys == expected, f"nats-users keys {keys} != {expected}"
        else:
            assert namespace == one(prod, "Namespace", "session-insights")["metadata"]["name"]
            needed, allowed = secret_keys(name)
            assert allowed, f"no manifest reads the Secret {name}"
            assert needed <= keys <= allowed, f"{name}: keys {sorted(keys)}; needed {sorted(needed)}"
    elif verb == "apply":
        if "-k" in rest:
            overlay = Path(rest[rest.index("-k") + 1])
            assert overlay.parent == Path("deploy/k8s/overlays") and render(overlay.name)
        else:
            target = rest[rest.index("-f") + 1]
            assert target == "-" or (ROOT / target).exists(), target
    elif verb == "wait":
        for ref in positional:
            kind, name = ref.split("/")
            if kind == "cluster":
                assert (namespace, name) == (NAMESPACES["postgres"], PG_CLUSTER["metadata"]["name"])
            else:
                one(prod, {"job": "Job"}[kind], name)
    elif verb == "rollout":
        for ref in rest[1:]:
            kind, name = ref.split("/")
            if kind == "statefulset":
                assert (namespace, name) == (NAMESPACES["nats"], NATS_VALUES["fullnameOverride"])
            else:
                one(prod, "Deployment", name)
    elif verb in ("get", "patch"):
        kind, name = positional[0], positional[1]
        if kind == "secret":
            assert name == f"{PG_CLUSTER['metadata']['name']}-superuser" and namespace == NAMESPACES["postgres"]
        elif kind == "hpa":
            assert name == "keda-hpa-" + one(prod, "ScaledObject", name.removeprefix("keda-hpa-"))["metadata"]["name"]
        else:
            scaled = one(prod, "ScaledObject", name)
            if verb == "patch":
                patch = json.loads(rest[rest.index("-p") + 1])
                assert set(patch["spec"]) <= set(scaled["spec"])
    elif verb == "delete":
        assert positional[0] == "job"
        for name in positional[1:]:
            one(prod, "Job", name)
    elif verb == "scale":
        one(prod, "Deployment", positional[0].split("/")[1])
    elif verb == "port-forward":
        kind, name = positional[0].split("/")
        local, remote = positional[1].split(":")
        assert kind == "svc" and local == remote
        if namespace == NAMESPACES["postgres"]:
            assert name == f"{PG_CLUSTER['metadata']['name']}-rw" and remote == "5432"
        else:
            (port,) = one(prod, "Service", name)["spec"]["ports"]
            assert int(remote) == port["port"] == default_port(name)
    elif verb == "exec":
        target, command = rest[0], rest[rest.index("--") + 1:]
        assert target == "deploy/nats-box" and NATS_VALUES["natsBox"]["enabled"] and namespace == NAMESPACES["nats"]
        check_nats(command)
    else:
        raise AssertionError(f"kubectl {verb}: not a command this test knows")
    assert not flags - {"--ignore-not-found", "--for", "--timeout", "--type", "--replicas", "--from-literal",
                        "--dry-run", "--force"}, flags


def check_nats(args: list[str]) -> None:
    from chassis.messaging import stream_name_of

    from contracts import EVENT_OF, SUBJECT_OF

    assert args[0] == "nats"
    server = args[args.index("--server") + 1]
    assert server == f"nats://{NATS_VALUES['fullnameOverride']}:4222"
    users = {u["user"] for u in NATS_VALUES["config"]["merge"]["authorization"]["users"]}
    assert args[args.index("--user") + 1] in users
    words = [w for w in args[1:] if not w.startswith("-") and w not in (server, "admin") and not w.startswith("$")]
    assert words[:2] == ["consumer", "rm"]
    stream, consumer = words[2], words[3]
    event_name = consumer.removeprefix("insights-")
    events = {event.__name__: event for event in EVENT_OF.values()}
    assert event_name in events, consumer
    assert stream == stream_name_of(SUBJECT_OF[events[event_name]])


def check(command: str, known_vars: set[str]) -> None:
    words = shlex.split(command)
    for variable in re.findall(r"\$(\w+)", command):
        assert variable in known_vars, f"${variable} is set nowhere: {command}"
    while words and re.match(r"^\w+=", words[0]):
        words = words[1:]
    if not words or words == ["export"]:
        return
    if words[0] == "export":
        return
    program, args = words[0], words[1:]
    if program == "SUBSTITUTED":
        return
    if program in ("set", "openssl", "base64"):
        return
    if program == ".":
        assert args == ["deploy/.env"] and (ROOT / "deploy" / "env.example").exists()
    elif program == "cp":
        assert (ROOT / args[0]).exists() and args[1] == "deploy/.env"
    elif program == "docker" and args[0] == "build":
        assert (ROOT / args[args.index("-f") + 1]).resolve() == ROOT / "deploy" / "Dockerfile" and args[-1] == "."
    elif program == "docker" and args[0] == "push":
        pass
    elif program == "docker" and args[0] == "compose":
        assert args[args.index("-f") + 1] == "deploy/compose.yaml"
        assert args[args.index("--env-file") + 1] == "deploy/.env"
        assert {"up", "ps"} & set(args)
        for scale in [w for w in args if "=" in w and not w.startswith("-")]:
            assert scale.split("=")[0] in COMPOSE["services"]
    elif program == "kubectl":
        check_kubectl(args)
    elif program == "helm":
        if args[:2] == ["repo", "add"]:
            assert args[2] == "nats"
        else:
            assert args[:5] == ["upgrade", "--install", NATS_VALUES["fullnameOverride"], "nats/nats", "--namespace"]
            assert args[5] == NATS_VALUES["namespaceOverride"] and (ROOT / args[args.index("-f") + 1]).exists()
    elif program == "just":
        recipes = justfile_recipes()
        assert args[0] in recipes, f"just {args[0]}: no such recipe"
        required, total = recipes[args[0]]
        assert required <= len(args) - 1 and (total == -1 or len(args) - 1 <= total), command
        if args[0] in ("dead-letters", "replay-dead-letter"):
            assert args[1] in SERVICES
    elif program == "curl":
        url = next(w for w in args if w.startswith("http"))
        match = re.match(r"http://127\.0\.0\.1:(\d+)(/\S*)", url)
        assert int(match.group(1)) in {default_port(s) for s in SERVICES}
        assert any(r.match(match.group(2)) for r in routes()), f"no route serves {match.group(2)}"
    elif program == "uv":
        assert args[:3] == ["run", "--no-sync", "python"] and (ROOT / args[3]).is_file()
    elif program in ("pg_dump", "pg_restore", "psql"):
        for schema in re.findall(r"--schema=(\w+)|drop schema (\w+)", command):
            assert {s for s in schema if s} <= set(SERVICES)
    else:
        raise AssertionError(f"{program}: not a command this test knows ({command})")


def test_the_guide_has_commands_for_every_task():
    for heading in ("Build the image", "Configure", "Run on one host", "Run on Kubernetes", "Migrate",
                    "Scale analysis", "Rotate keys and secrets", "Back up and restore", "Replay", "Erase a user"):
        assert f"## {heading}" in TEXT
    assert len(commands()) > 40


@pytest.mark.skipif(kubectl() is None, reason="kubectl (with its kustomize) is not installed")
def test_every_command_names_things_that_exist():
    known = EXAMPLE_VARS | assigned() | code_vars() | {"PG_SUPERUSER_PASSWORD"}
    failures = []
    for command in commands():
        try:
            check(command, known)
        except (AssertionError, ValueError, KeyError, IndexError, StopIteration) as exc:
            failures.append(f"{command[:120]}: {type(exc).__name__} {exc}")
    assert not failures, "\n".join(failures)


def test_every_setting_the_code_reads_is_documented():
    documented = set(re.findall(r"`([A-Z<][A-Z0-9_<>*]*)`", TEXT))
    missing = sorted({r.documented_as for s in SERVICES for r in env_reads(s)} - documented)
    assert not missing, f"settings the code reads that the guide does not document: {missing}"


def test_the_secrets_created_are_exactly_what_the_manifests_reference():
    created = {m.group(1) for m in re.finditer(r"create secret generic ([\w-]+)", TEXT)}
    workloads = [obj for o in ("dev", "prod") for kind in ("Deployment", "Job") for obj in find(render(o), kind)]
    referenced = {ref["name"] for obj in workloads for c in obj["spec"]["template"]["spec"]["containers"]
                  for e in c.get("env", []) if (ref := e.get("valueFrom", {}).get("secretKeyRef"))}
    nats = {e["valueFrom"]["secretKeyRef"]["name"] for e in NATS_VALUES["container"]["env"].values()}
    assert created == referenced | nats


async def test_the_backup_and_restore_commands_round_trip_a_schema(database_url: str, tmp_path: Path):
    backup = next(b for b in BLOCKS if "pg_dump" in b and "pg_restore" in b)
    steps = [line for line in backup.splitlines() if line.startswith(("pg_dump", "pg_restore"))]
    assert len(steps) == 2
    url = database_url.replace("+asyncpg", "")
    conn = await asyncpg.connect(url)
    try:
        schema = re.search(r"--schema=(\w+)", steps[0]).group(1)
        await conn.execute(f'create schema "{schema}"; create table "{schema}".kept (note text);'
                           f"insert into \"{schema}\".kept values ('before the backup')")
        env = {**os.environ, "PGURL": url}
        subprocess.run(["bash", "-ec", steps[0]], cwd=tmp_path, env=env, check=True, timeout=60)
        await conn.execute(f"delete from \"{schema}\".kept; insert into \"{schema}\".kept values ('after')")
        subprocess.run(["bash", "-ec", steps[1]], cwd=tmp_path, env=env, check=True, timeout=60)
        assert await conn.fetch(f'select note from "{schema}".kept') == [("before the backup",)]
    finally:
        await conn.close()

"""Write the NATS users of authorization.conf (compose) and values.yaml (Helm) from
devstack.nats_auth, the one definition of each service's grants:

    uv run --no-sync python deploy/nats/write_users.py

Passwords are never written: the server reads each from an environment variable
(<USER>_NATS_PASSWORD), which compose takes from deploy/.env and the chart from the Secret
nats-users. tests/deploy fails when these files and devstack.nats_auth disagree."""

import json
import sys
from pathlib import Path

import yaml
from devstack import nats_auth

HERE = Path(__file__).resolve().parent
ADMIN, PLATFORM = "admin", "platform"  # operators' tools (full rights); the platform's publisher
SECRET = "nats-users"


def users() -> list[tuple[str, dict | None]]:
    return [(ADMIN, None), (PLATFORM, nats_auth.PLATFORM_PERMISSIONS),
            *((name, nats_auth.permissions(grants)) for name, grants in nats_auth.SERVICE_GRANTS.items()),
            *((name, nats_auth.listener_permissions(subjects)) for name, subjects in nats_auth.LISTENERS.items())]


def variable(user: str) -> str:
    return f"{user.upper()}_NATS_PASSWORD"


def authorization_conf() -> str:
    lines = ["# Who may do what on the NATS cluster of compose.yaml (included by cluster.conf): one user per",
             "# service, allowed only its own subjects and durable consumers (the gateway: only to hear status",
             "# hints); `admin` (operators' tools) and `platform` (publishes relationship changes). Passwords",
             "# come from the environment.",
             "# Written by write_users.py from devstack.nats_auth; do not edit by hand.",
             "authorization {", "  users: ["]
    for name, permissions in users():
        entry = f"    {{user: {name}, password: ${variable(name)}"
        if permissions:
            entry += ", permissions: " + json.dumps(permissions)
        lines.append(entry + "}")
    return "\n".join([*lines, "  ]", "}"]) + "\n"


def values_yaml(current: str) -> str:
    """values.yaml with its `config.merge` and `container` blocks written afresh."""
    helm_users = []
    for name, permissions in users():
        helm_users.append({"user": name, "password": f"<< ${variable(name)} >>",
                           **({"permissions": permissions} if permissions else {})})
    merge = yaml.safe_dump({"merge": {"authorization": {"users": helm_users}}}, sort_keys=False, width=10000,
                           default_flow_style=None)
    env = {variable(name): {"valueFrom": {"secretKeyRef": {"name": SECRET, "key": name}}} for name, _ in users()}
    container = yaml.safe_dump({"container": {"env": env}}, sort_keys=False, width=10000, default_flow_style=None)
    start, end = current.index("  merge:\n"), current.index("\ncontainer:")
    rest = current[end + 1:]
    after = rest[rest.index("\n\n"):]  # the container block ends at the first blank line
    indented = "".join("  " + line + "\n" for line in merge.splitlines())
    return current[:start] + indented + "\n" + container.rstrip("\n") + after


def main() -> None:
    (HERE / "authorization.conf").write_text(authorization_conf())
    values = HERE / "values.yaml"
    values.write_text(values_yaml(values.read_text()))
    print(f"wrote {HERE / 'authorization.conf'} and {values}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""What the code reads from the environment, serves and names, found in the code itself: the
deployment files and the operator guide are checked against this, never against a copy."""

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = tuple(sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").exists()))
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
ENV_READERS = {"env", "getenv", "get", "_get", "either"}  # env(...), os.getenv, os.environ.get, wrappers


@dataclass(frozen=True)
class EnvRead:
    """One name the code reads: literal (`NATS_URL`) or a template whose `{...}` parts vary
    (`{prefix}_DATABASE_URL`, `INSIGHTS_LLM_{name}`)."""

    template: str
    where: str

    @property
    def pattern(self) -> re.Pattern:
        parts = re.split(r"\{[^}]*\}", self.template)
        return re.compile("^" + "[A-Z0-9_]+".join(re.escape(p) for p in parts) + "$")

    @property
    def documented_as(self) -> str:
        """How the operator guide writes it: `<SERVICE>_DATABASE_URL`, `INSIGHTS_LLM_*`."""
        text = re.sub(r"^\{[^}]*\}", "<SERVICE>", self.template)  # a leading part names a service
        return re.sub(r"\{[^}]*\}", "*", text)


def _template(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{" + ast.unparse(v.value) + "}"
                       for v in node.values)
    return None


def _is_env_call(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name == "get" and not (isinstance(func, ast.Attribute) and "environ" in ast.unparse(func.value)):
        return False
    return name in ENV_READERS and bool(node.args)


def _own_calls(fn: ast.FunctionDef):
    """Calls in fn's own body, not in functions nested in it."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _names_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    wrappers: dict[str, list[str]] = {}  # local function -> templates it reads with its parameter
    for fn in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]:
        params = {a.arg for a in fn.args.args}
        for call in [c for c in _own_calls(fn) if _is_env_call(c)]:
            arg = call.args[0]
            template = _template(arg)
            if isinstance(arg, ast.Name) and arg.id in params:
                wrappers.setdefault(fn.name, []).append("{" + arg.id + "}")
            elif template and any("{" + p + "}" in template for p in params):
                wrappers.setdefault(fn.name, []).append(template)
            elif template:
                found.add(template)
            elif isinstance(arg, ast.Name):  # a name from a table in this function: its string constants
                found |= {c.value for c in ast.walk(fn) if isinstance(c, ast.Constant)
                          and isinstance(c.value, str) and ENV_NAME.match(c.value)}
    for call in [c for c in ast.walk(tree) if isinstance(c, ast.Call)]:
        name = call.func.id if isinstance(call.func, ast.Name) else None
        if name in wrappers and call.args and isinstance(call.args[0], ast.Constant):
            fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)
            param = fn.args.args[0].arg
            found |= {t.replace("{" + param + "}", call.args[0].value) for t in wrappers[name]}
    for sub in [s for s in ast.walk(tree) if isinstance(s, ast.Subscript)]:  # os.environ["X"]
        if "environ" in ast.unparse(sub.value) and (t := _template(sub.slice)):
            found.add(t)
    return {n for n in found if ENV_NAME.match(re.sub(r"\{[^}]*\}", "X", n))}


def _sources(service: str) -> list[Path]:
    roots = [ROOT / "services" / service / "src", ROOT / "libs" / "chassis" / "src", ROOT / "contracts" / "src"]
    return [p for root in roots for p in sorted(root.rglob("*.py")) if "versions" not in p.parts]


@cache
def env_reads(service: str) -> tuple[EnvRead, ...]:
    """Every environment name `service` (its package, the chassis, the contracts) reads."""
    reads = {}
    for path in _sources(service):
        for name in _names_in(path):
            reads.setdefault(name, EnvRead(name, str(path.relative_to(ROOT))))
    return tuple(sorted(reads.values(), key=lambda r: r.template))


def reads(service: str, name: str) -> bool:
    return any(r.pattern.match(name) for r in env_reads(service))


@cache
def default_port(service: str) -> int:
    """The port a service listens on when <SERVICE>_PORT is unset, as its code says."""
    for path in sorted((ROOT / "services" / service / "src").rglob("*.py")):
        for call in [c for c in ast.walk(ast.parse(path.read_text())) if isinstance(c, ast.Call)]:
            args = [a.value for a in call.args if isinstance(a, ast.Constant)]
            if args[:1] == [service] and len(args) == 2 and isinstance(args[1], int):
                return args[1]  # CommonSettings.from_env("analysis", 8002)
            if args[:1] == [f"{service.upper()}_PORT"] and len(args) == 2:
                return int(args[1])  # env("GATEWAY_PORT", "8000")
    raise LookupError(f"no default port found for {service}")


def durable_consumers(service: str) -> dict[str, str]:
    """Durable consumer name -> the event type it takes, from durable_consumer(...) calls."""
    found = {}
    for path in sorted((ROOT / "services" / service / "src").rglob("*.py")):
        for call in [c for c in ast.walk(ast.parse(path.read_text())) if isinstance(c, ast.Call)]:
            if isinstance(call.func, ast.Name) and call.func.id == "durable_consumer" and len(call.args) >= 3:
                event, durable = call.args[1], call.args[2]
                if isinstance(durable, ast.Constant) and isinstance(event, ast.Name):
                    found[durable.value] = event.id
    return found


def needs_jwt(service: str) -> bool:
    """Whether the service verifies bearer tokens itself (its main builds a JWT verifier)."""
    return "jwt_verifier_from_env()" in (ROOT / "services" / service / "src" / service / "main.py").read_text()

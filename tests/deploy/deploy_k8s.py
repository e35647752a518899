"""The Kubernetes overlays rendered by kubectl's kustomize, and what a pod of them would see."""

import shutil
import subprocess
from functools import cache

import yaml
from deploy_code import ROOT

OVERLAYS = ("dev", "prod")


def kubectl() -> str | None:
    return shutil.which("kubectl")


@cache
def render(overlay: str) -> tuple[dict, ...]:
    result = subprocess.run([kubectl(), "kustomize", str(ROOT / "deploy" / "k8s" / "overlays" / overlay)],
                            capture_output=True, text=True, timeout=60, check=True)
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def find(objects, kind: str, name: str | None = None) -> list[dict]:
    return [o for o in objects if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]


def one(objects, kind: str, name: str) -> dict:
    (found,) = find(objects, kind, name)
    return found


def container(workload: dict) -> dict:
    (only,) = workload["spec"]["template"]["spec"]["containers"]
    return only


SECRET_PLACEHOLDER = "from-secret"


def pod_env(objects, workload: dict) -> dict[str, str]:
    """The environment the container gets: its ConfigMaps, then its own entries (a secret
    reference stands for itself: its value never is in the manifests)."""
    spec = container(workload)
    env: dict[str, str] = {}
    for source in spec.get("envFrom", []):
        env.update(one(objects, "ConfigMap", source["configMapRef"]["name"]).get("data", {}))
    for entry in spec.get("env", []):
        if "value" in entry:
            env[entry["name"]] = entry["value"]
        else:
            ref = entry["valueFrom"]["secretKeyRef"]
            env[entry["name"]] = f"{SECRET_PLACEHOLDER}:{ref['name']}/{ref['key']}"
    return env


def secret_refs(workload: dict) -> dict[str, tuple[str, str]]:
    return {e["name"]: (e["valueFrom"]["secretKeyRef"]["name"], e["valueFrom"]["secretKeyRef"]["key"])
            for e in container(workload).get("env", []) if "valueFrom" in e}


def matches(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())

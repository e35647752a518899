"""deploy/k8s rendered by kubectl's kustomize (both overlays) and checked: every object against
the Kubernetes schemas (kubernetes-validate, offline), the ScaledObject against KEDA's, and the
manifests against the code: the settings each pod resolves, the probes it serves, the consumer
and stream KEDA watches, and what the NetworkPolicies let through."""

import re

import pytest
import yaml
from deploy_code import ROOT, SERVICES, default_port, durable_consumers, reads
from deploy_dockerfile import parse
from deploy_k8s import (
    OVERLAYS,
    SECRET_PLACEHOLDER,
    container,
    find,
    kubectl,
    matches,
    one,
    pod_env,
    render,
    secret_refs,
)
from deploy_settings import on_nats, on_the_bus, resolve

pytestmark = pytest.mark.skipif(kubectl() is None, reason="kubectl (with its kustomize) is not installed")

K8S_VERSION = "1.32.0"
SECRET_NAMES = re.compile(r"PASSWORD|TOKEN|SECRET|API_KEY|DATABASE_URL")
NATS_VALUES = yaml.safe_load((ROOT / "deploy" / "nats" / "values.yaml").read_text())
PG_CLUSTER = yaml.safe_load((ROOT / "deploy" / "postgres" / "cluster.yaml").read_text())
IMAGE_USER = int(parse(ROOT / "deploy" / "Dockerfile")[-1].all("USER")[-1].words[0].split(":")[0])


@pytest.fixture(params=OVERLAYS)
def objects(request) -> tuple[dict, ...]:
    return render(request.param)


def resolvable(env: dict[str, str]) -> dict[str, str]:
    """Secret references replaced by values of the right shape, to resolve settings with."""
    def fake(name: str, value: str) -> str:
        if not value.startswith(SECRET_PLACEHOLDER):
            return value
        return "postgresql+asyncpg://role:secret@postgres/session_insights" if name.endswith("DATABASE_URL") else "x"
    return {name: fake(name, value) for name, value in env.items()}


def test_every_object_is_valid_kubernetes(objects):
    import kubernetes_validate

    checked = 0
    for obj in objects:
        if obj["apiVersion"].startswith("keda.sh/"):
            continue
        kubernetes_validate.validate(obj, K8S_VERSION, strict=True)
        checked += 1
    assert checked > 30


def test_the_scaled_object_is_valid_for_keda(objects):
    from cloudcoil.models.keda.v1alpha1 import ScaledObject

    scaled = one(objects, "ScaledObject", "analysis")
    parsed = ScaledObject.model_validate(scaled)
    # a field KEDA's schema does not know is dropped on the way through: the round trip shows it
    assert parsed.model_dump(by_alias=True, exclude_unset=True, mode="json") == scaled


def test_keda_scales_analysis_on_the_consumer_and_stream_the_code_creates(objects):
    from chassis.messaging import stream_name_of

    from contracts import SUBJECT_OF, TranscriptReceived

    workers = [name for name, event in durable_consumers("analysis").items() if event == TranscriptReceived.__name__]
    assert len(workers) == 1, "one durable consumer takes the transcripts every analysis replica shares"
    scaled = one(objects, "ScaledObject", "analysis")
    (trigger,) = scaled["spec"]["triggers"]
    assert trigger["type"] == "nats-jetstream"
    meta = trigger["metadata"]
    assert meta["consumer"] == workers[0]
    assert meta["stream"] == stream_name_of(SUBJECT_OF[TranscriptReceived])
    assert meta["account"] == "$G", "the services' users live in the global account"
    assert int(meta["lagThreshold"]) >= 1
    target = scaled["spec"]["scaleTargetRef"]
    deployment = one(objects, "Deployment", target["name"])
    assert (target["kind"], deployment["metadata"]["name"]) == ("Deployment", "analysis")
    assert "replicas" not in deployment["spec"], "KEDA owns the count; a fixed one would fight it"
    assert scaled["spec"]["minReplicaCount"] == 1 < scaled["spec"]["maxReplicaCount"]
    release, namespace = NATS_VALUES["fullnameOverride"], NATS_VALUES["namespaceOverride"]
    host, port = meta["natsServerMonitoringEndpoint"].split(":")
    assert host == f"{release}-headless.{namespace}.svc.cluster.local"
    assert int(port) == NATS_VALUES["config"]["monitor"]["port"]


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_has_a_hardened_probed_deployment_a_service_and_a_budget(objects, service):
    from chassis.health import health_handlers

    served = {path for handler in health_handlers("x", {}) for path in handler.paths}
    deployment = one(objects, "Deployment", service)
    pod, spec = deployment["spec"]["template"], container(deployment)
    assert matches(deployment["spec"]["selector"], pod["metadata"]["labels"])
    assert spec["livenessProbe"]["httpGet"]["path"] == "/health" in served
    assert spec["readinessProbe"]["httpGet"]["path"] == "/ready" in served
    assert spec["startupProbe"]["httpGet"]["path"] in served
    (port,) = spec["ports"]
    assert all(spec[p]["httpGet"]["port"] == port["name"] for p in ("livenessProbe", "readinessProbe", "startupProbe"))
    assert {"cpu", "memory"} <= set(spec["resources"]["requests"]) and "memory" in spec["resources"]["limits"]
    security = pod["spec"]["securityContext"]
    assert security["runAsNonRoot"] is True and security["runAsUser"] == IMAGE_USER
    assert spec["securityContext"] == {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                                       "capabilities": {"drop": ["ALL"]}}
    assert {"name": "tmp", "mountPath": "/tmp"} in spec["volumeMounts"], "the only writable place"
    assert pod["spec"]["automountServiceAccountToken"] is False

    svc = one(objects, "Service", service)
    assert matches({"matchLabels": svc["spec"]["selector"]}, pod["metadata"]["labels"])
    (svc_port,) = svc["spec"]["ports"]
    assert svc_port["targetPort"] == port["name"] and svc_port["port"] == port["containerPort"]
    budget = one(objects, "PodDisruptionBudget", service)
    assert matches(budget["spec"]["selector"], pod["metadata"]["labels"])


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_gets_what_its_code_reads_with_secrets_only_by_reference(objects, service):
    deployment = one(objects, "Deployment", service)
    env = pod_env(objects, deployment)
    assert env["SERVICE"] == service
    unknown = [name for name in env if name != "SERVICE" and not reads(service, name)]
    assert not unknown, f"{service} is given variables its code never reads: {unknown}"
    for name, value in env.items():
        if SECRET_NAMES.search(name):
            assert value.startswith(SECRET_PLACEHOLDER), f"{name} must come from a Secret"
    settings = resolve(service, resolvable(env))
    (port,) = container(deployment)["ports"]
    assert settings.host == "0.0.0.0" and settings.port == port["containerPort"]
    assert env[f"{service.upper()}_DATABASE_URL"].startswith(SECRET_PLACEHOLDER), "its own role, from a Secret"
    if on_nats(service):
        release, namespace = NATS_VALUES["fullnameOverride"], NATS_VALUES["namespaceOverride"]
        assert settings.nats_hosts == [f"{release}.{namespace}.svc.cluster.local"]
        if on_the_bus(service):  # its streams and durable consumers on all three nodes
            assert settings.nats_replicas == NATS_VALUES["config"]["cluster"]["replicas"] == 3
        assert env["NATS_USER"] == service and env["NATS_PASSWORD"].startswith(SECRET_PLACEHOLDER)
    else:
        assert not any(name.startswith("NATS_") for name in env)
    for upstream, (host, upstream_port) in settings.upstreams.items():
        (svc_port,) = one(objects, "Service", upstream)["spec"]["ports"]
        assert (host, upstream_port) == (upstream, svc_port["port"])


def test_no_secret_value_is_in_the_manifests(objects):
    assert not find(objects, "Secret")


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_has_a_migration_job_as_its_own_role_and_provisioning_knows_every_role(objects, service):
    job = one(objects, "Job", f"migrate-{service}")
    env = {e["name"]: e.get("value") for e in container(job)["env"]}
    assert env["SERVICE"] == f"migrate-{service}"
    key = f"{service.upper()}_DATABASE_URL"
    own = secret_refs(one(objects, "Deployment", service))[key]
    assert secret_refs(job)[key] == own == secret_refs(one(objects, "Job", "provision"))[key]
    assert "ADMIN_DATABASE_URL" in secret_refs(one(objects, "Job", "provision"))
    for workload in (job, one(objects, "Job", "provision")):
        assert workload["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
        assert container(workload)["securityContext"]["readOnlyRootFilesystem"] is True
        assert workload["spec"]["template"]["spec"]["restartPolicy"] == "Never"


def policies_for(objects, labels: dict, kind: str) -> list[dict]:
    return [p for p in find(objects, "NetworkPolicy") if kind in p["spec"]["policyTypes"]
            and matches(p["spec"]["podSelector"], labels)]


def peers(objects, labels: dict, direction: str) -> list[tuple[dict, set[int]]]:
    """(peer, ports) every policy selecting these pod labels allows in that direction."""
    key, side = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    found = []
    for policy in policies_for(objects, labels, direction):
        for rule in policy["spec"].get(key, []):
            ports = {p["port"] for p in rule.get("ports", [])}
            for peer in rule.get(side) or [{}]:  # no peers: from/to anywhere
                found.append((peer, ports))
    return found


def pod_labels(objects, name: str) -> dict:
    return one(objects, "Deployment", name)["spec"]["template"]["metadata"]["labels"]


def test_only_the_gateway_takes_traffic_from_outside(objects):
    deny = one(objects, "NetworkPolicy", "default-deny")
    assert deny["spec"]["podSelector"] == {} and set(deny["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    for service in SERVICES:
        labels = pod_labels(objects, service)
        open_to_all = [ports for peer, ports in peers(objects, labels, "Ingress") if peer == {} or "ipBlock" in peer]
        if service == "gateway":
            assert open_to_all == [{default_port("gateway")}]
        else:
            assert not open_to_all, f"{service} takes outside traffic"
        from_pods = {peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
                     for peer, _ in peers(objects, labels, "Ingress") if "podSelector" in peer and
                     "namespaceSelector" not in peer}
        upstreams = resolve("gateway", resolvable(pod_env(objects, one(objects, "Deployment", "gateway")))).upstreams
        assert from_pods == ({"gateway"} if service in upstreams else set())


def test_services_reach_nats_and_postgres_and_the_gateway_reaches_its_services(objects):
    nats_ns, pg_ns = NATS_VALUES["namespaceOverride"], PG_CLUSTER["metadata"]["namespace"]
    for service in SERVICES:
        labels = pod_labels(objects, service)
        egress = peers(objects, labels, "Egress")
        namespaces = {(peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"], port)
                      for peer, ports in egress if "namespaceSelector" in peer for port in ports}
        assert (pg_ns, 5432) in namespaces
        assert ((nats_ns, 4222) in namespaces) == on_nats(service)
        in_namespace = {(peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"], port)
                        for peer, ports in egress if "podSelector" in peer and "namespaceSelector" not in peer
                        for port in ports}
        if service == "gateway":
            assert in_namespace == {(s, default_port(s)) for s in ("ingestion", "insights", "sharing")}
        else:
            assert not in_namespace, f"{service} reaches other services directly"
        assert not [ports for peer, ports in egress if peer == {}], "no egress to everywhere"
    pg_pods = {"cnpg.io/cluster": PG_CLUSTER["metadata"]["name"]}
    postgres_rule = one(objects, "NetworkPolicy", "to-postgres")["spec"]["egress"][0]["to"][0]
    assert postgres_rule["podSelector"]["matchLabels"] == pg_pods


def test_the_nats_values_run_a_three_node_jetstream_cluster_on_file_storage():
    config = NATS_VALUES["config"]
    assert config["cluster"]["enabled"] is True and config["cluster"]["replicas"] == 3
    assert config["jetstream"]["enabled"] is True
    assert config["jetstream"]["fileStore"]["enabled"] is True
    assert config["jetstream"]["memoryStore"]["enabled"] is False
    assert config["monitor"]["enabled"] is True


def test_the_postgres_cluster_hosts_the_database_the_services_use():
    assert PG_CLUSTER["apiVersion"] == "postgresql.cnpg.io/v1" and PG_CLUSTER["kind"] == "Cluster"
    assert PG_CLUSTER["spec"]["instances"] >= 2
    assert PG_CLUSTER["spec"]["bootstrap"]["initdb"]["database"] == "session_insights"


def test_the_llm_egress_component_opens_https_for_analysis_alone(tmp_path):
    import os
    import subprocess

    import kubernetes_validate

    overlay = tmp_path / "with-llm"
    overlay.mkdir()
    base = ROOT / "deploy" / "k8s"
    (overlay / "kustomization.yaml").write_text(yaml.safe_dump({
        "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
        "resources": [os.path.relpath(base / "overlays" / "dev", overlay)],  # kustomize takes no absolute paths
        "components": [os.path.relpath(base / "components" / "llm-egress", overlay)]}))
    rendered = subprocess.run([kubectl(), "kustomize", "--load-restrictor", "LoadRestrictionsNone", str(overlay)],
                              capture_output=True, text=True, check=True, timeout=60).stdout
    objects = [o for o in yaml.safe_load_all(rendered) if o]
    policy = one(objects, "NetworkPolicy", "analysis-to-llm")
    kubernetes_validate.validate(policy, K8S_VERSION, strict=True)
    https = [(peer, ports) for peer, ports in peers(objects, pod_labels(objects, "analysis"), "Egress")
             if "ipBlock" in peer]
    assert https == [(policy["spec"]["egress"][0]["to"][0], {443})]
    for service in set(SERVICES) - {"analysis"}:
        assert policy not in policies_for(objects, pod_labels(objects, service), "Egress")


@pytest.mark.parametrize("service", SERVICES)
def test_a_pod_runs_one_process_where_the_code_would_start_several(objects, service):
    # serve() forks WEB_CONCURRENCY workers (unset: by the node's cores, not the pod's limit)
    env = pod_env(objects, one(objects, "Deployment", service))
    if reads(service, "WEB_CONCURRENCY") and f'serve("{service}.main:' in (
            ROOT / "services" / service / "src" / service / "main.py").read_text():
        assert env.get("WEB_CONCURRENCY") == "1"

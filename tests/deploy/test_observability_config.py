"""deploy/observability: the Prometheus config scrapes every service where compose runs it,
its rule files exist and parse, and the dashboard is a Grafana dashboard whose every query
names a job Prometheus has. (That every metric it names exists in a real /metrics output is
checked in tests/e2e/test_observability.py, against the running services.)"""

import json
import re
from pathlib import Path

import yaml

DEPLOY = Path(__file__).parents[2] / "deploy"
OBSERVABILITY = DEPLOY / "observability"
SERVICES = {"gateway", "ingestion", "analysis", "insights", "sharing"}


def prometheus() -> dict:
    return yaml.safe_load((OBSERVABILITY / "prometheus.yml").read_text())


def compose_port(service: str) -> int:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return int(compose["services"][service]["environment"][f"{service.upper()}_PORT"])


def test_every_service_is_scraped_at_the_port_compose_gives_it_with_the_metrics_token():
    jobs = {job["job_name"]: job for job in prometheus()["scrape_configs"]}
    assert set(jobs) == SERVICES
    for name, job in jobs.items():
        targets = [t for sc in job.get("static_configs", []) for t in sc["targets"]]
        targets += [f"{n}:{sd['port']}" for sd in job.get("dns_sd_configs", []) for n in sd["names"]]
        assert targets == [f"{name}:{compose_port(name)}"], name
        assert job["metrics_path"] == "/metrics"
        assert job["authorization"] == {"type": "Bearer", "credentials_file": "/etc/prometheus/metrics-token"}
    # every analysis replica is its own target
    assert jobs["analysis"]["dns_sd_configs"][0]["type"] == "A"


def test_rule_files_exist_and_every_rule_has_an_expression_and_a_summary():
    for name in prometheus()["rule_files"]:
        groups = yaml.safe_load((OBSERVABILITY / name).read_text())["groups"]
        rules = [rule for group in groups for rule in group["rules"]]
        assert rules
        for rule in rules:
            assert rule["alert"] and rule["expr"].strip() and rule["annotations"]["summary"]


def test_the_dashboard_is_a_grafana_dashboard_on_a_prometheus_datasource():
    dashboard = json.loads((OBSERVABILITY / "grafana-dashboard.json").read_text())
    assert dashboard["uid"] and dashboard["title"] and dashboard["schemaVersion"] >= 30
    panels = dashboard["panels"]
    assert len({p["id"] for p in panels}) == len(panels)
    for panel in panels:
        assert panel["targets"] and all(t["expr"] for t in panel["targets"])
        assert panel["datasource"]["type"] == "prometheus"
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= 24
    jobs = {job["job_name"] for job in prometheus()["scrape_configs"]}
    for expr in (t["expr"] for p in panels for t in p["targets"]):
        for job in re.findall(r'job="([^"]+)"', expr):
            assert job in jobs

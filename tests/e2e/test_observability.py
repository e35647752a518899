"""Operators' view of a pipeline run, with all five services as processes on real NATS and
Postgres: `/metrics` on every service moving (requests, outbox backlog, events consumed,
analysis time, the analysis workers' lag), and one OpenTelemetry trace from the upload at
the gateway to AnalysisCompleted in the insights projection, exported over OTLP/HTTP by each
process to a collector this test runs (the exporter the services use in production)."""

import gzip
import json
import os
import re
import secrets
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import yaml
from devstack.ports import free_port
from devstack.system import System
from devstack.testing import empty_streams, fresh_database
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from prometheus_client.parser import text_string_to_metric_families

API = "/api/v1/session-insights"
SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()
METRICS_TOKEN = "e2e-metrics-token"
SERVICES = ("gateway", "ingestion", "analysis", "insights", "sharing")
RECEIVED, COMPLETED = "insights.v1.transcript.received", "insights.v1.analysis.completed"
pytestmark = pytest.mark.timeout(900)


class Collector(ThreadingHTTPServer):
    """The OTLP/HTTP trace endpoint of a collector, keeping every span it is sent."""

    def __init__(self) -> None:
        self.spans: list[dict] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", free_port()), _OtlpHandler)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def of_trace(self, trace_id: str) -> list[dict]:
        with self.lock:
            return [s for s in self.spans if s["trace_id"] == trace_id]


class _OtlpHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        request = ExportTraceServiceRequest.FromString(body)
        found = []
        for resource_spans in request.resource_spans:
            service = next(a.value.string_value for a in resource_spans.resource.attributes if a.key == "service.name")
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    found.append({"service": service, "name": span.name, "trace_id": span.trace_id.hex(),
                                  "span_id": span.span_id.hex(), "parent": span.parent_span_id.hex()})
        with self.server.lock:
            self.server.spans.extend(found)
        reply = ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def collector():
    server = Collector()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
async def observed(postgres_server, nats_server, collector):
    system = System(database_url=await fresh_database(postgres_server), nats_url=await empty_streams(nats_server),
                    extra_env={"METRICS_TOKEN": METRICS_TOKEN, "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
                               "OTEL_BSP_SCHEDULE_DELAY": "100"})
    system.start(timeout=400)  # a loaded machine (the suite, other work) can take minutes to boot five services
    yield system
    system.stop()


def scrape(system, service: str) -> dict[tuple[str, tuple], float]:
    response = httpx.get(f"{system.url(service)}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"},
                         timeout=10)
    assert response.status_code == 200, (service, response.text)
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(response.text) for s in family.samples}


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def total(samples: dict, name: str, **labels: str) -> float:
    """Summed over the labels not given."""
    return sum(v for (n, found), v in samples.items()
               if n == name and all(dict(found).get(k) == want for k, want in labels.items()))


def upload(client: httpx.Client, headers: dict, title: str) -> str:
    created = client.post(f"{API}/unpaired/from-text", headers=headers,
                          json={"transcript_text": SAMPLE, "session_title": title})
    assert created.status_code == 202, created.text
    return created.json()["id"]


def wait_completed(client: httpx.Client, headers: dict, ids: list[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    for insight_id in ids:
        while (status := client.get(f"{API}/{insight_id}", headers=headers).json()["status"]) != "completed":
            assert status != "failed" and time.monotonic() < deadline, f"{insight_id} is {status}"
            time.sleep(0.1)


def test_metrics_on_every_service_move_during_a_pipeline_run(observed, nats_server):
    system, alice = observed, observed.headers("client-alice")
    before = {service: scrape(system, service) for service in SERVICES}
    lag = {"stream": "INGESTION", "consumer": "analysis-workers"}
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        # NATS paused: uploads are accepted and wait in ingestion's outbox
        os.kill(nats_server.process.pid, signal.SIGSTOP)
        try:
            ids = [upload(client, alice, f"metrics {n}") for n in range(4)]
            time.sleep(0.3)
            backlog = scrape(system, "ingestion")
        finally:
            os.kill(nats_server.process.pid, signal.SIGCONT)
        # the four reach analysis at once: watch its workers' lag while they drain
        most_behind, deadline = 0.0, time.monotonic() + 120
        while time.monotonic() < deadline:
            analysis = scrape(system, "analysis")
            most_behind = max(most_behind, value(analysis, "jetstream_consumer_pending_messages", **lag)
                              + value(analysis, "jetstream_consumer_ack_pending_messages", **lag))
            if total(analysis, "events_consumed_total", subject=RECEIVED) - total(
                    before["analysis"], "events_consumed_total", subject=RECEIVED) >= 4:
                break
            time.sleep(0.05)
        wait_completed(client, alice, ids)
    time.sleep(0.5)  # the last acks
    after = {service: scrape(system, service) for service in SERVICES}

    def grew(service: str, name: str, **labels: str) -> float:
        return total(after[service], name, **labels) - total(before[service], name, **labels)

    assert value(backlog, "outbox_pending_events") >= 4
    assert value(backlog, "outbox_oldest_pending_age_seconds") > 0.2
    assert value(after["ingestion"], "outbox_pending_events") == 0
    assert most_behind >= 1
    assert value(after["analysis"], "jetstream_consumer_pending_messages", **lag) == 0

    assert grew("gateway", "http_requests_total", route=f"{API}/unpaired/from-text", status="202") == 4
    assert grew("gateway", "http_request_duration_seconds_count", route=f"{API}/unpaired/from-text") == 4
    assert grew("ingestion", "http_requests_total", method="POST") >= 4
    assert grew("insights", "http_requests_total", method="GET", status="200") >= 4
    assert grew("ingestion", "outbox_published_total", subject=RECEIVED) == 4
    assert grew("analysis", "events_consumed_total", subject=RECEIVED) == 4
    assert grew("analysis", "analysis_duration_seconds_count", analyzer="embedded", outcome="completed") == 4
    assert grew("analysis", "outbox_published_total", subject=COMPLETED) == 4
    assert grew("insights", "events_consumed_total", subject=RECEIVED) == 4
    assert grew("insights", "events_consumed_total", subject=COMPLETED) == 4
    assert grew("sharing", "events_consumed_total", subject=RECEIVED) == 4
    for service in SERVICES:
        assert total(after[service], "events_failed_total") == 0, service


def test_one_trace_runs_from_the_upload_to_analysis_completed(observed, collector):
    system, alice = observed, observed.headers("client-alice")
    trace_id, caller_span = secrets.token_hex(16), secrets.token_hex(8)
    traced = {**alice, "traceparent": f"00-{trace_id}-{caller_span}-01"}
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        insight_id = upload(client, traced, "traced")
        wait_completed(client, alice, [insight_id])

    deadline, projected = time.monotonic() + 30, None
    while projected is None and time.monotonic() < deadline:
        projected = next((s for s in collector.of_trace(trace_id)
                          if s["service"] == "insights" and s["name"] == f"process {COMPLETED}"), None)
        time.sleep(0.1)
    assert projected, f"no insights span in trace {trace_id}: {collector.of_trace(trace_id)}"
    time.sleep(0.5)  # the rest of the batch
    spans = {s["span_id"]: s for s in collector.of_trace(trace_id)}

    chain, span = [], projected
    while span is not None:  # from the projection up to the caller of the gateway, parent by parent
        chain.append((span["service"], span["name"]))
        if span["parent"] == caller_span:
            break
        span = spans.get(span["parent"])
    assert span is not None, f"the chain breaks after {chain}"
    assert chain[::-1] == [
        ("gateway", f"POST {API}/unpaired/from-text"),
        ("gateway", "POST ingestion"),
        ("ingestion", chain[::-1][2][1]),  # ingestion's own route
        ("ingestion", f"publish {RECEIVED}"),
        ("analysis", f"process {RECEIVED}"),
        ("analysis", f"publish {COMPLETED}"),
        ("insights", f"process {COMPLETED}"),
    ]
    assert chain[::-1][2][1].startswith("POST ")
    assert ("analysis", "analyze") in {(s["service"], s["name"]) for s in spans.values()}
    assert {s["service"] for s in spans.values()} >= {"gateway", "ingestion", "analysis", "insights", "sharing"}


PROMQL_WORDS = {"sum", "max", "min", "avg", "count", "by", "without", "rate", "increase", "irate",
                "histogram_quantile", "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "offset"}


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (label matchers, groupings, ranges and
    strings taken out first)."""
    expr = re.sub(r'"[^"]*"', "", expr)
    expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", expr)
    return {name for name, call in re.findall(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\(?)", expr)
            if not call and name not in PROMQL_WORDS}


def exposed_names(text: str) -> set[str]:
    names = set()
    for family in text_string_to_metric_families(text):
        names |= {family.name, *(s.name for s in family.samples)}
        if family.type == "counter":
            names.add(f"{family.name}_total")
        if family.type == "histogram":
            names |= {f"{family.name}_{suffix}" for suffix in ("bucket", "count", "sum")}
    return names


def test_every_metric_the_dashboard_and_the_alerts_read_is_exposed(observed):
    deploy = Path(__file__).parents[2] / "deploy" / "observability"
    dashboard = json.loads((deploy / "grafana-dashboard.json").read_text())
    exprs = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    rules = yaml.safe_load((deploy / "alerts.yml").read_text())["groups"]
    exprs += [rule["expr"] for group in rules for rule in group["rules"]]
    exposed = set()
    for service in SERVICES:
        response = httpx.get(f"{observed.url(service)}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        exposed |= exposed_names(response.text)
    wanted = set().union(*(metric_names(expr) for expr in exprs))
    assert {"http_requests_total", "analysis_duration_seconds_bucket", "llm_tokens_total",
            "jetstream_consumer_pending_messages", "outbox_oldest_pending_age_seconds"} <= wanted
    assert wanted - exposed == set()

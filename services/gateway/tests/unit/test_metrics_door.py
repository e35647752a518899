"""The gateway is the public door: its /metrics is off without a metrics token, and with
one it answers only to that token, counting the API's requests by route and status."""

import pytest
from devstack.ports import free_port
from litestar.testing import TestClient
from prometheus_client.parser import text_string_to_metric_families

API = "/api/v1/session-insights"


def gateway(monkeypatch, metrics_token: str | None) -> TestClient:
    dead = free_port()
    for name in ("INGESTION", "INSIGHTS", "SHARING"):
        monkeypatch.setenv(f"{name}_URL", f"http://127.0.0.1:{dead}")
    monkeypatch.setenv("JWT_SECRET", "metrics-door-test-secret-0123456789abcdef")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("GATEWAY_DATABASE_URL", raising=False)
    if metrics_token:
        monkeypatch.setenv("METRICS_TOKEN", metrics_token)
    else:
        monkeypatch.delenv("METRICS_TOKEN", raising=False)
    from gateway.main import create_app

    return TestClient(create_app())


def requests_counted(text: str, route: str, status: str) -> float:
    return sum(s.value for family in text_string_to_metric_families(text) for s in family.samples
               if s.name == "http_requests_total" and s.labels["route"] == route and s.labels["status"] == status)


def test_without_a_metrics_token_the_gateway_serves_no_metrics(monkeypatch):
    with gateway(monkeypatch, None) as client:
        assert client.get("/metrics").status_code == 404
        assert client.get("/metrics", headers={"Authorization": "Bearer anything"}).status_code == 404


@pytest.mark.parametrize("given", [None, "Bearer wrong", "s3cret-metrics", "Basic czNjcmV0LW1ldHJpY3M="])
def test_metrics_answer_only_the_metrics_token(monkeypatch, given):
    with gateway(monkeypatch, "s3cret-metrics") as client:
        response = client.get("/metrics", headers={"Authorization": given} if given else {})
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")


def test_with_the_token_metrics_count_the_api_by_route_template_and_status(monkeypatch):
    auth = {"Authorization": "Bearer s3cret-metrics"}
    with gateway(monkeypatch, "s3cret-metrics") as client:
        before = client.get("/metrics", headers=auth).text
        for _ in range(3):
            assert client.get(f"{API}/01234567-0000-7000-8000-000000000000").status_code == 401
        after = client.get("/metrics", headers=auth)
    assert after.status_code == 200 and after.headers["content-type"].startswith("text/plain")
    route = f"{API}/{{insight_id}}"
    assert requests_counted(after.text, route, "401") - requests_counted(before, route, "401") == 3
    assert requests_counted(after.text, "/metrics", "200") == 0  # scrapes are not counted

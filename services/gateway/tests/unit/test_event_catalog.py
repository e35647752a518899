"""The gateway serves the event catalog, and its OpenAPI names the label values."""

import pytest
from devstack.ports import free_port
from litestar.testing import TestClient


@pytest.fixture
def client(monkeypatch):
    dead = free_port()  # the catalog needs no backing service
    for name in ("INGESTION", "INSIGHTS", "SHARING"):
        monkeypatch.setenv(f"{name}_URL", f"http://127.0.0.1:{dead}")
    monkeypatch.setenv("JWT_SECRET", "event-catalog-test-secret-0123456789")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("GATEWAY_DATABASE_URL", raising=False)
    from gateway.main import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


def test_the_asyncapi_catalog_is_served_without_a_token(client):
    response = client.get("/api/v1/asyncapi.json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    catalog = response.json()
    assert catalog["asyncapi"] == "3.0.0"
    completed = catalog["channels"]["analysisCompleted"]
    assert completed["address"] == "insights.v1.analysis.completed"
    assert completed["x-jetstream"]["stream"] == "ANALYSIS"


def test_openapi_label_fields_are_enums(client):
    schemas = client.get("/schema/openapi.json").json()["components"]["schemas"]

    def enum_of(schema: dict) -> set:
        options = schema.get("oneOf") or schema.get("anyOf") or [schema]
        return {value for option in options for value in option.get("enum", [option.get("const")]) if value}

    detail = next(s for name, s in schemas.items() if name.endswith("SessionInsightDetail"))
    assert {"Excellent", "Good", "Average", "Needs Improvement"} <= enum_of(detail["properties"]["overall_session_quality"])
    action = next(s for name, s in schemas.items() if name.endswith("ActionItem"))
    assert enum_of(action["properties"]["client_commitment_level"]) == {"High", "Medium", "Low"}

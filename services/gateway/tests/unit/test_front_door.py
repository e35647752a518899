"""The gateway's front door with no backing service running: auth, limits, headers, 503s."""

import time

import jwt
import pytest
from devstack.ports import free_port
from litestar.testing import TestClient

SECRET = "front-door-test-secret-0123456789abcdef"
API = "/api/v1/session-insights"


def token(sub="client-1", secret=SECRET, ttl=300, **claims) -> str:
    return jwt.encode({"sub": sub, "exp": int(time.time()) + ttl, **claims}, secret, algorithm="HS256")


@pytest.fixture
def client(monkeypatch):
    dead = free_port()  # nothing listens there: every backing service is down
    for name in ("INGESTION", "INSIGHTS", "SHARING"):
        monkeypatch.setenv(f"{name}_URL", f"http://127.0.0.1:{dead}")
    monkeypatch.setenv("JWT_SECRET", SECRET)
    monkeypatch.delenv("DATABASE_URL", raising=False)  # rate limits in memory here; Postgres: tests/integration
    monkeypatch.delenv("GATEWAY_DATABASE_URL", raising=False)
    monkeypatch.setenv("GATEWAY_CREATE_PER_MINUTE", "3")
    monkeypatch.setenv("GATEWAY_COMMENTS_PER_MINUTE", "2")
    monkeypatch.setenv("GATEWAY_ANONYMOUS_PER_MINUTE", "4")
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", "https://app.example.com")
    from gateway.main import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer not-a-jwt"},
    {"Authorization": f"Bearer {token(secret='another-secret-0123456789abcdefghij')}"},
    {"Authorization": f"Bearer {token(ttl=-60)}"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
])
def test_without_a_valid_token_every_route_is_401_problem(client, headers):
    response = client.get(f"{API}/my-insights", headers=headers)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] in ("missing_token", "invalid_token")


def test_a_service_that_is_down_gives_a_clear_503_not_a_hang(client):
    started = time.monotonic()
    response = client.get(f"{API}/my-insights", headers={"Authorization": f"Bearer {token()}"})
    assert response.status_code == 503 and response.json()["code"] == "service_unavailable"
    assert time.monotonic() - started < 5


def test_create_endpoints_are_rate_limited_per_user_with_retry_after(client):
    body = {"transcript_text": "Coach: Hi?\nClient: Hello."}
    alice = {"Authorization": f"Bearer {token('alice')}"}
    statuses = [client.post(f"{API}/unpaired/from-text", json=body, headers=alice).status_code for _ in range(4)]
    assert statuses == [503, 503, 503, 429]
    limited = client.post(f"{API}/unpaired/from-text", json=body, headers=alice)
    assert int(limited.headers["retry-after"]) >= 1 and limited.json()["code"] == "rate_limited"
    bob = {"Authorization": f"Bearer {token('bob')}"}
    assert client.post(f"{API}/unpaired/from-text", json=body, headers=bob).status_code == 503
    # reads are not limited
    assert all(client.get(f"{API}/my-insights", headers=alice).status_code == 503 for _ in range(5))


def test_a_forged_token_naming_someone_does_not_spend_their_budget(client):
    body = {"transcript_text": "Coach: Hi?\nClient: Hello."}
    forged = {"Authorization": f"Bearer {token('alice', secret='not-the-secret-0123456789abcdefghijkl')}"}
    statuses = [client.post(f"{API}/unpaired/from-text", json=body, headers=forged).status_code for _ in range(6)]
    # the forger's address budget (4 a minute) runs out; alice's own budget is untouched
    assert statuses == [401, 401, 401, 401, 429, 429]
    alice = {"Authorization": f"Bearer {token('alice')}"}
    assert [client.post(f"{API}/unpaired/from-text", json=body, headers=alice).status_code
            for _ in range(4)] == [503, 503, 503, 429]


def test_comment_creation_is_rate_limited_per_user(client):
    alice = {"Authorization": f"Bearer {token('alice')}"}
    statuses = [client.post(f"{API}/some-id/comments", json={"body": "hi"}, headers=alice).status_code
                for _ in range(3)]
    assert statuses == [503, 503, 429]
    assert client.post(f"{API}/some-id/comments", json={"body": "hi"},
                       headers={"Authorization": f"Bearer {token('bob')}"}).status_code == 503


def test_request_id_is_kept_or_made_and_security_headers_are_set(client):
    kept = client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    made = client.get("/health", headers={"X-Request-ID": "bad id\nwith newline"})
    assert made.headers["x-request-id"] != "bad id\nwith newline" and len(made.headers["x-request-id"]) == 32
    assert made.headers["x-content-type-options"] == "nosniff" and made.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in made.headers["content-security-policy"]


def test_cors_only_for_the_configured_origin(client):
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    allowed = client.options(f"{API}/my-insights", headers={"Origin": "https://app.example.com", **preflight})
    assert allowed.headers.get("access-control-allow-origin") == "https://app.example.com"
    refused = client.options(f"{API}/my-insights", headers={"Origin": "https://evil.example", **preflight})
    assert refused.headers.get("access-control-allow-origin") != "https://evil.example"


def test_openapi_document_lists_every_route_with_its_answers_and_errors(client):
    document = client.get("/schema/openapi.json").json()
    documented = {(method.upper(), path) for path, ops in document["paths"].items() for method in ops}
    served = {(method, route.path.replace(":str}", "}")) for route in client.app.routes
              for method in getattr(route, "methods", ()) if route.path.startswith(API) and method != "OPTIONS"}
    assert served and served <= documented, served - documented
    for method, path in served:
        answers = document["paths"][path][method.lower()]["responses"]
        assert answers["401"]["content"]["application/problem+json"], (method, path)
        assert any(code.startswith("2") for code in answers), (method, path)
    detail = document["paths"][f"{API}/{{insight_id}}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert detail["schema"]["$ref"].endswith("SessionInsightDetail")
    assert "PowerfulQuestion" in document["components"]["schemas"]


def test_openapi_names_coach_feedback_and_every_label_as_an_enum(client):
    schemas = client.get("/schema/openapi.json").json()["components"]["schemas"]

    def enum_of(schema: dict) -> set:
        found = set(schema.get("enum", [])) | ({schema["const"]} if "const" in schema else set())
        for option in schema.get("oneOf", []) + schema.get("anyOf", []):
            found |= enum_of(option)
        return found

    def field(struct: str, name: str) -> dict:
        return next(s for key, s in schemas.items() if key.endswith(struct))["properties"][name]

    def ref(schema: dict) -> str:
        refs = [o["$ref"] for o in schema.get("oneOf", [schema]) if "$ref" in o]
        return refs[0].rsplit("/", 1)[1]

    assert ref(field("SessionInsightDetail", "coach_feedback")).endswith("CoachFeedback")
    assert ref(field("SharedInsight", "coach_feedback")).endswith("CoachFeedback")
    assert enum_of(field("SessionInsightDetail", "overall_session_quality")) == {
        "Excellent", "Good", "Average", "Needs Improvement", ""}
    assert enum_of(field("SessionInsight", "status")) == {"pending", "processing", "completed", "failed"}
    assert "Listens Actively" in enum_of(field("FeedbackItem", "competency"))
    assert enum_of(field("FeedbackItem", "kind")) == {"strength", "missed_opportunity"}
    assert {"pcc_marker", "observation", "suggestion", "evidence"} <= set(schemas["FeedbackItem"]["properties"])
    assert "quality_rationale" in schemas["CoachFeedback"]["properties"]
    assert enum_of(field("ActionItem", "missing_smart")["items"]) >= {"measurable", "time-bound"}
    assert enum_of(field("EmotionalShift", "direction")) - {None} == {"improved", "declined"}
    assert enum_of(field("ActionItem", "client_commitment_level")) == {"High", "Medium", "Low"}
    assert enum_of(field("Relationship", "role")) == {"coach", "client"}
    assert enum_of(field("AuditEntry", "action")) == {"granted", "updated", "revoked", "erased"}


@pytest.mark.parametrize("insight_id", ["%0A", "a%0Db", "%C2%87%04%20", "..", "x%2F..%2F..%2Finternal"])
def test_path_parameters_are_escaped_for_the_services_never_a_500(client, insight_id):
    # found by the API fuzzer: control characters made an invalid upstream URL (500)
    response = client.get(f"{API}/{insight_id}/comments", headers={"Authorization": f"Bearer {token()}"})
    assert response.status_code in (404, 503), response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_nul_characters_are_refused_at_the_front_door(client):
    # found by the API fuzzer: Postgres text cannot hold NUL, and ingestion answered 500
    alice = {"Authorization": f"Bearer {token('alice')}"}
    body = client.post(f"{API}/unpaired/from-text", json={"transcript_text": "Coach: Hi?\x00"}, headers=alice)
    assert body.status_code == 400 and body.headers["content-type"].startswith("application/problem+json")
    comment = client.post(f"{API}/some-id/comments", json={"body": "\x00"}, headers=alice)
    assert comment.status_code == 400
    path = client.get(f"{API}/a%00b", headers=alice)
    assert path.status_code == 404 and path.json()["code"] == "not_found"

"""The dashboard's local sign-in, without a browser: who may mint tokens and how."""

import jwt
import pytest
from chassis.problems import EXCEPTION_HANDLERS
from gateway.adapters.dashboard import DashboardConfig, dashboard_routes
from gateway.adapters.dashboard.config import parse_users
from litestar import Litestar
from litestar.testing import TestClient

SECRET = "local-secret-for-the-sign-in-test-0123456789"
USERS = parse_users("client-daniel:Daniel Ortiz (client),coach-x:<script>alert(1)</script> (coach)")


def client(secret: str | None) -> TestClient:
    config = DashboardConfig(local_secret=secret, demo_users=USERS)
    return TestClient(Litestar(route_handlers=dashboard_routes(config), exception_handlers=EXCEPTION_HANDLERS))


def test_a_demo_user_gets_a_token_the_gateway_accepts():
    with client(SECRET) as http:
        response = http.post("/dashboard/sign-in", json={"user_id": "client-daniel"})
    assert response.status_code == 200
    claims = jwt.decode(response.json()["token"], SECRET, algorithms=["HS256"])
    assert claims["sub"] == "client-daniel" and claims["name"] == "Daniel Ortiz"


@pytest.mark.parametrize(("secret", "body", "content_type", "status"), [
    (SECRET, b'{"user_id": "client-daniel"}', "text/plain", 415),  # a cross-site form could send this
    (SECRET, b'{"user_id": "someone-else"}', "application/json", 404),  # demo users only
    (None, b'{"user_id": "client-daniel"}', "application/json", 404),  # JWKS mode: never mint tokens
])
def test_sign_in_refuses(secret, body, content_type, status):
    with client(secret) as http:
        response = http.post("/dashboard/sign-in", content=body, headers={"content-type": content_type})
    assert response.status_code == status
    assert "token" not in response.text


def test_pages_escape_what_they_show_and_list_demo_users_only_in_local_mode():
    with client(SECRET) as http:
        page = http.get("/sign-in").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    with client(None) as http:
        assert 'data-user-id="client-daniel"' not in http.get("/sign-in").text
        assert http.get("/dashboard/static/js/app.js").status_code == 200

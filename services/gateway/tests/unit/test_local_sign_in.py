"""Demo-user sign-in mints tokens only when switched on explicitly (GATEWAY_LOCAL_SIGN_IN),
never merely because an HS256 secret is configured; attempts spend the address's budget."""

import pytest
from devstack.ports import free_port
from gateway.adapters.dashboard import DashboardConfig
from litestar.testing import TestClient

SECRET = "sign-in-setting-test-secret-0123456789abc"


@pytest.fixture
def environment(monkeypatch):
    dead = free_port()
    for name in ("INGESTION", "INSIGHTS", "SHARING"):
        monkeypatch.setenv(f"{name}_URL", f"http://127.0.0.1:{dead}")
    for name in ("DATABASE_URL", "GATEWAY_DATABASE_URL", "JWT_JWKS_URL", "GATEWAY_LOCAL_SIGN_IN", "JWT_SECRET_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JWT_SECRET", SECRET)
    monkeypatch.setenv("GATEWAY_ANONYMOUS_PER_MINUTE", "3")
    return monkeypatch


def sign_in(client: TestClient) -> int:
    return client.post("/dashboard/sign-in", json={"user_id": "client-daniel"}).status_code


def test_a_secret_alone_does_not_turn_sign_in_on(environment):
    from gateway.main import create_app

    assert DashboardConfig.from_env().local_secret is None
    with TestClient(create_app()) as client:
        assert sign_in(client) == 404
        assert 'data-user-id="client-daniel"' not in client.get("/sign-in").text


def test_the_explicit_setting_turns_it_on_and_attempts_are_rate_limited(environment):
    from gateway.main import create_app

    environment.setenv("GATEWAY_LOCAL_SIGN_IN", "true")
    with TestClient(create_app()) as client:
        assert 'data-user-id="client-daniel"' in client.get("/sign-in").text
        assert [sign_in(client) for _ in range(4)] == [200, 200, 200, 429]


@pytest.mark.parametrize(("setting", "message"), [
    ({"JWT_JWKS_URL": "https://id.example/jwks"}, "unset it when JWT_JWKS_URL"),
    ({"JWT_SECRET": ""}, "needs JWT_SECRET"),
])
def test_the_setting_with_a_real_identity_provider_or_no_secret_refuses_to_start(environment, setting, message):
    environment.setenv("GATEWAY_LOCAL_SIGN_IN", "true")
    for name, value in setting.items():
        environment.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        DashboardConfig.from_env()

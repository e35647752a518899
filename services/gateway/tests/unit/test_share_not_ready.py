"""Sharing right after an upload: sharing learns of the upload from its event a moment later, so
the gateway waits for it a little, then tells the uploader to try again; anyone else gets 404."""

import time

import jwt
import pytest
from chassis.identity import JwtVerifier, identity_dependency
from chassis.problems import EXCEPTION_HANDLERS
from gateway.adapters.routes import sharing
from gateway.adapters.routes.common import Services
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import TestClient

from .test_live_status import NOT_FOUND, ScriptedService

SECRET = "share-not-ready-secret-0123456789abcdef"
URL = "/api/v1/session-insights/i-1/share"
BODY = {"coach_user_id": "coach-sam", "permissions": {"view": True}}


def client(sharing_answers: ScriptedService, ingestion_answers: ScriptedService) -> TestClient:
    services = Services(ingestion=ingestion_answers, insights=ScriptedService(NOT_FOUND), sharing=sharing_answers)
    app = Litestar(route_handlers=sharing.routes(services),
                   dependencies={"caller": Provide(identity_dependency(JwtVerifier(hs256_secret=SECRET)))},
                   exception_handlers=EXCEPTION_HANDLERS)
    return TestClient(app)


def headers(sub: str = "client-alice") -> dict[str, str]:
    return {"Authorization": "Bearer " + jwt.encode({"sub": sub, "exp": int(time.time()) + 300}, SECRET,
                                                     algorithm="HS256")}


UPLOADED = (200, {"status": "pending", "is_unpaired": True, "client_user_id": "client-alice"})


def test_sharing_right_after_the_upload_waits_for_sharing_to_know_it():
    sharing_answers = ScriptedService(NOT_FOUND, NOT_FOUND, (200, {"message": "shared"}))
    with client(sharing_answers, ScriptedService(UPLOADED)) as http:
        assert http.post(URL, json=BODY, headers=headers()).status_code == 200


def test_the_uploader_is_told_to_retry_when_sharing_stays_behind(monkeypatch):
    monkeypatch.setattr(sharing, "NOT_READY_WAIT_SECONDS", 0.5)
    with client(ScriptedService(NOT_FOUND), ScriptedService(UPLOADED)) as http:
        first = http.post(URL, json=BODY, headers=headers())
        assert first.status_code == 409 and first.json()["code"] == "not_ready"
        assert first.headers["retry-after"] == "1"
        assert first.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("ingestion_answer", [
    NOT_FOUND,
    (401, {"code": "invalid_token"}),
    # the relationship's coach sees the client's paired upload in ingestion, but it is not theirs to share
    (200, {"status": "pending", "is_unpaired": False, "client_user_id": "client-alice"}),
])
def test_someone_elses_or_an_unknown_insight_stays_404(ingestion_answer):
    with client(ScriptedService(NOT_FOUND), ScriptedService(ingestion_answer)) as http:
        refused = http.post(URL, json=BODY, headers=headers("coach-rel"))
        assert refused.status_code == 404 and refused.json()["code"] == "not_found"

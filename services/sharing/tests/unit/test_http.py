"""The HTTP adapter's shapes and problem codes, over the in-memory fakes."""

import time
from datetime import timedelta

import jwt
import pytest
from chassis.identity import JwtVerifier, identity_dependency
from chassis.problems import EXCEPTION_HANDLERS
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import AsyncTestClient
from sharing.adapters import http
from sharing.domain.model import OwnedInsight

CLIENT, COACH = "user_client", "user_coach"
SECRET = "unit-test-secret-of-at-least-32-bytes"


def as_user(user_id: str) -> dict[str, str]:
    token = jwt.encode({"sub": user_id, "exp": int(time.time()) + 600}, SECRET, algorithm="HS256")
    return {"authorization": f"Bearer {token}"}


@pytest.fixture
async def client(uow, clock):
    await uow.insights.add(OwnedInsight(insight_id="ins-1", owner_user_id=CLIENT, is_unpaired=True))
    await uow.insights.add(OwnedInsight(insight_id="ins-paired", owner_user_id=CLIENT, is_unpaired=False))
    verifier = JwtVerifier(hs256_secret=SECRET)
    ids = iter(f"c-{n}" for n in range(1000))
    app = Litestar(http.routes(lambda: uow, clock, lambda: next(ids), "op-secret"),
                   dependencies={"caller": Provide(identity_dependency(verifier))},
                   exception_handlers=EXCEPTION_HANDLERS)
    async with AsyncTestClient(app) as test_client:
        yield test_client


async def test_share_list_revoke(client, clock):
    until = (clock.now + timedelta(days=1)).isoformat()
    shared = await client.post("/v1/shares/ins-1", headers=as_user(CLIENT), json={
        "coach_user_id": COACH, "permissions": {"view": True, "comment": True, "export": False},
        "expires_at": until})
    assert shared.status_code == 200
    assert shared.json() == {"message": "Insight shared", "insight_id": "ins-1", "coach_user_id": COACH}

    listed = (await client.get("/v1/shares/ins-1", headers=as_user(CLIENT))).json()
    [grant] = listed["grants"]
    assert grant["coach_user_id"] == COACH and grant["permissions"]["comment"] is True
    assert listed["audit"][0]["action"] == "granted" and listed["audit"][0]["actor_user_id"] == CLIENT

    revoked = await client.delete(f"/v1/shares/ins-1/{COACH}", headers=as_user(CLIENT))
    assert revoked.status_code == 200 and revoked.json()["message"] == "Sharing revoked"
    again = await client.delete(f"/v1/shares/ins-1/{COACH}", headers=as_user(CLIENT))
    assert again.status_code == 404 and again.json()["code"] == "not_found"


async def test_not_yours_is_404_and_paired_is_409(client):
    body = {"coach_user_id": COACH}
    not_yours = await client.post("/v1/shares/ins-1", headers=as_user("user_other"), json=body)
    assert not_yours.status_code == 404 and not_yours.json()["code"] == "not_found"
    listing = await client.get("/v1/shares/ins-1", headers=as_user(COACH))
    assert listing.status_code == 404
    paired = await client.post("/v1/shares/ins-paired", headers=as_user(CLIENT), json=body)
    assert paired.status_code == 409 and paired.json()["code"] == "not_shareable"


async def test_bad_expiry_is_a_clear_problem(client, clock):
    for value in ("tomorrow", (clock.now - timedelta(seconds=1)).isoformat()):
        refused = await client.post("/v1/shares/ins-1", headers=as_user(CLIENT),
                                    json={"coach_user_id": COACH, "expires_at": value})
        assert refused.status_code == 422 and refused.json()["code"] == "invalid_expires_at"


async def test_comments_owner_commenting_coach_and_view_only_coach(client):
    for coach, comment in ((COACH, True), ("viewer", False)):
        await client.post("/v1/shares/ins-1", headers=as_user(CLIENT), json={
            "coach_user_id": coach, "permissions": {"view": True, "comment": comment}})
    made = await client.post("/v1/comments/ins-1", headers=as_user(COACH), json={"body": " Lovely work "})
    assert made.status_code == 201 and made.json()["body"] == "Lovely work"
    thanks = await client.post("/v1/comments/ins-1", headers=as_user(CLIENT), json={"body": "Thanks"})
    assert thanks.status_code == 201
    listed = (await client.get("/v1/comments/ins-1", headers=as_user(CLIENT))).json()
    assert [c["author_user_id"] for c in listed["comments"]] == [COACH, CLIENT]
    denied = await client.get("/v1/comments/ins-1", headers=as_user("viewer"))
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert (await client.get("/v1/comments/ins-1", headers=as_user("stranger"))).status_code == 404
    empty = await client.post("/v1/comments/ins-1", headers=as_user(CLIENT), json={"body": "  "})
    assert empty.status_code == 422 and empty.json()["code"] == "invalid_comment"
    await client.delete(f"/v1/shares/ins-1/{COACH}", headers=as_user(CLIENT))
    assert (await client.get("/v1/comments/ins-1", headers=as_user(COACH))).status_code == 404
    assert len((await client.get("/v1/comments/ins-1", headers=as_user(CLIENT))).json()["comments"]) == 2


async def test_operator_erase_needs_the_operator_token(client, uow):
    await client.post("/v1/shares/ins-1", headers=as_user(CLIENT), json={
        "coach_user_id": COACH, "permissions": {"view": True, "comment": True}})
    await client.post("/v1/comments/ins-1", headers=as_user(COACH), json={"body": "hello"})
    assert (await client.post(f"/internal/v1/users/{COACH}/erase")).status_code == 401
    wrong = await client.post(f"/internal/v1/users/{COACH}/erase", headers={"x-operator-token": "nope"})
    assert wrong.status_code == 401
    done = await client.post(f"/internal/v1/users/{COACH}/erase", headers={"x-operator-token": "op-secret"})
    assert done.json() == {"user_id": COACH, "grants_revoked": 1, "comments_deleted": 1}
    assert uow.grants.rows == {} and uow.comments.rows == []
    assert all(COACH not in (e.actor_user_id, e.coach_user_id) for e in uow.audit.entries)
    assert [type(e).__name__ for e in uow.emitted][-1] == "InsightShareRevoked"


async def test_comments_and_audit_come_a_page_at_a_time(client):
    for n in range(5):
        await client.post("/v1/comments/ins-1", headers=as_user(CLIENT), json={"body": f"note {n}"})
        await client.post("/v1/shares/ins-1", headers=as_user(CLIENT), json={
            "coach_user_id": COACH, "permissions": {"view": True, "export": n % 2 == 1}})

    page = (await client.get("/v1/comments/ins-1?limit=2&offset=1", headers=as_user(CLIENT))).json()
    assert [c["body"] for c in page["comments"]] == ["note 1", "note 2"] and page["total_count"] == 5
    first = (await client.get("/v1/comments/ins-1", headers=as_user(CLIENT))).json()
    assert len(first["comments"]) == 5  # default limit 20, as the other lists
    shares = (await client.get("/v1/shares/ins-1?limit=2&offset=3", headers=as_user(CLIENT))).json()
    assert [e["action"] for e in shares["audit"]] == ["updated", "updated"] and shares["audit_total_count"] == 5
    assert len(shares["grants"]) == 1  # current grants: one per coach, never paged

    for query in ("limit=0", "limit=101", "limit=ten", "offset=-1", "offset=x"):
        for path in ("/v1/comments/ins-1", "/v1/shares/ins-1"):
            refused = await client.get(f"{path}?{query}", headers=as_user(CLIENT))
            assert refused.status_code == 422 and refused.json()["code"] == "invalid_input", (path, query)
    assert (await client.get("/v1/comments/ins-1?limit=100", headers=as_user(CLIENT))).status_code == 200

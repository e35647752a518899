"""Every endpoint x every kind of caller, against one started system (module-scoped):
the access rules of DESIGN.md, enforced by the service that serves the data.
Not-yours is 404; a coach who can see an insight but whose grant lacks comment/export
gets 403 (a 404 would hide nothing from them)."""

import asyncio
import time
from pathlib import Path

import asyncpg
import httpx
import pytest
from devstack.relationship import publish
from devstack.system import System
from devstack.tokens import make_token

from contracts import CoachingRelationshipChanged

API = "/api/v1/session-insights"
SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()
REL = "rel-matrix"
# this module's own users: others on the shared system have an Alice and a Bob too
USERS = {"owner": "client-alice-matrix", "rel_coach": "coach-rel", "view": "coach-view", "comment": "coach-comment",
         "export": "coach-export", "revoked": "coach-revoked", "other_coach": "coach-other",
         "other_client": "client-bob-matrix"}
ACTORS = [*USERS, "no_token", "expired_token", "bad_signature"]

# expected status per endpoint, in ACTORS order
EXPECTED = {
    "detail":         [200, 200, 200, 200, 200, 404, 404, 404, 401, 401, 401],
    "my_insights":    [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    "timeline":       [200, 200, 404, 404, 404, 404, 404, 404, 401, 401, 401],
    "trends":         [200, 200, 404, 404, 404, 404, 404, 404, 401, 401, 401],  # as the timeline
    "my_trends":      [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    "search":         [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],  # what it finds: below
    "shared_with_me": [200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
    "share":          [200, 404, 404, 404, 404, 404, 404, 404, 401, 401, 401],
    "revoke":         [200, 404, 404, 404, 404, 404, 404, 404, 401, 401, 401],
    "shares":         [200, 404, 404, 404, 404, 404, 404, 404, 401, 401, 401],
    "comments_get":   [200, 200, 403, 200, 403, 404, 404, 404, 401, 401, 401],
    "comments_post":  [201, 201, 403, 201, 403, 404, 404, 404, 401, 401, 401],
    "export":         [200, 200, 403, 403, 200, 404, 404, 404, 401, 401, 401],
    "delete":         [204, 204, 404, 404, 404, 404, 404, 404, 401, 401, 401],
}
CASES = [(endpoint, actor, status) for endpoint, statuses in EXPECTED.items()
         for actor, status in zip(ACTORS, statuses, strict=True)]


def call(client: httpx.Client, endpoint: str, headers: dict, target: str) -> httpx.Response:
    requests = {
        "detail": ("GET", f"/{target}", None), "my_insights": ("GET", "/my-insights", None),
        "timeline": ("GET", f"/relationship/{REL}", None), "shared_with_me": ("GET", "/shared-with-me", None),
        "trends": ("GET", f"/relationship/{REL}/trends", None), "my_trends": ("GET", "/my-trends", None),
        "search": ("GET", "/search?q=roadmap", None),
        "share": ("POST", f"/{target}/share", {"coach_user_id": "coach-new"}),
        "revoke": ("DELETE", f"/{target}/share/coach-spare", None), "shares": ("GET", f"/{target}/shares", None),
        "comments_get": ("GET", f"/{target}/comments", None),
        "comments_post": ("POST", f"/{target}/comments", {"body": "A thought on this session."}),
        "export": ("GET", f"/{target}/export?format=json", None), "delete": ("DELETE", f"/{target}", None),
    }
    method, path, body = requests[endpoint]
    return client.request(method, API + path, headers=headers, json=body)


def wait_until(check, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")






@pytest.fixture(scope="module")
async def world(shared_systems):
    """The shared system with the default settings; a paired insight P (coach-rel,
    client-alice-matrix), an unpaired U shared with coaches view / comment / export / spare and
    shared-then-revoked with coach-revoked, and one throwaway insight for each caller allowed
    to delete."""
    system = await shared_systems.get()
    await publish(system.nats_url, CoachingRelationshipChanged(
        relationship_id=REL, coach_user_id=USERS["rel_coach"], client_user_id=USERS["owner"], status="active",
        coach_name="Maya", client_name="Alice"))
    await relationship_known(system.database_url)
    return system, setup_insights(system)


async def relationship_known(database_url: str) -> None:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        for _ in range(600):  # paired uploads need ingestion's projection of the relationship
            if await conn.fetchval("select count(*) from ingestion.relationships where relationship_id = $1", REL):
                return
            await asyncio.sleep(0.05)
    finally:
        await conn.close()
    raise AssertionError("the relationship never reached ingestion")


def setup_insights(system: System) -> dict[str, str]:
    alice, coach = system.headers(USERS["owner"]), system.headers(USERS["rel_coach"])
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        def paired() -> str:
            made = client.post(f"{API}/from-text", headers=coach,
                               json={"coaching_relationship_id": REL, "transcript_text": SAMPLE})
            assert made.status_code == 202, made.text
            return made.json()["id"]

        ids = {"P": paired(), "D_coach": paired()}
        for key in ("U", "D_owner"):
            ids[key] = client.post(f"{API}/unpaired/from-text", headers=alice,
                                   json={"transcript_text": SAMPLE, "session_title": key}).json()["id"]
        for key in ("P", "U"):
            wait_until(lambda k=key: client.get(f"{API}/{ids[k]}", headers=alice).json()["status"] == "completed",
                       f"{key} to complete")
        grants = {"view": {}, "comment": {"comment": True}, "export": {"export": True}, "revoked": {"comment": True},
                  "spare": {}}
        for who, permissions in grants.items():
            coach_id = USERS.get(who, "coach-spare")
            shared = client.post(f"{API}/{ids['U']}/share", headers=alice,
                                 json={"coach_user_id": coach_id, "permissions": {"view": True, **permissions}})
            assert shared.status_code == 200, shared.text
        assert client.delete(f"{API}/{ids['U']}/share/{USERS['revoked']}", headers=alice).status_code == 200
        assert client.post(f"{API}/{ids['U']}/comments", headers=alice, json={"body": "Notes"}).status_code == 201
        for who in ("view", "comment", "export"):  # the insights projection has every grant
            headers = system.headers(USERS[who])
            wait_until(lambda h=headers: client.get(f"{API}/{ids['U']}", headers=h).status_code == 200, who)
        wait_until(lambda: client.get(f"{API}/{ids['U']}", headers=system.headers(USERS["revoked"])).status_code
                   == 404, "the revocation")
    return ids


def headers_of(system: System, actor: str) -> dict[str, str]:
    if actor == "no_token":
        return {}
    if actor == "expired_token":
        return {"Authorization": f"Bearer {make_token(system.jwt_secret, USERS['owner'], ttl_seconds=-60)}"}
    if actor == "bad_signature":
        return {"Authorization": f"Bearer {make_token('another-secret-' * 4, USERS['owner'])}"}
    return system.headers(USERS[actor])


def target_of(endpoint: str, actor: str, ids: dict[str, str]) -> str:
    if endpoint == "delete" and actor in ("owner", "rel_coach"):
        return ids["D_owner" if actor == "owner" else "D_coach"]
    return ids["P"] if actor == "rel_coach" else ids["U"]


@pytest.mark.parametrize(("endpoint", "actor", "status"), CASES, ids=[f"{e}-{a}" for e, a, _ in CASES])
def test_access(world, endpoint, actor, status):
    system, ids = world
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        response = call(client, endpoint, headers_of(system, actor), target_of(endpoint, actor, ids))
    assert response.status_code == status, response.text
    if status >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")


def test_shared_with_me_lists_live_grants_only_with_their_permissions(world):
    system, ids = world
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        for who, flags in (("view", (False, False)), ("comment", (True, False)), ("export", (False, True))):
            listed = client.get(f"{API}/shared-with-me", headers=system.headers(USERS[who])).json()
            assert [i["id"] for i in listed["insights"]] == [ids["U"]] and listed["total_count"] == 1
            item = listed["insights"][0]
            assert (item["permissions"]["comment"], item["permissions"]["export"]) == flags
            assert item["action_item_count"] >= 1 and item["session_summary"]
            detail = client.get(f"{API}/{ids['U']}", headers=system.headers(USERS[who])).json()
            assert "metadata" not in detail or detail["metadata"] is None
        for who in ("revoked", "other_coach", "rel_coach"):
            assert client.get(f"{API}/shared-with-me", headers=system.headers(USERS[who])).json()["total_count"] == 0


def found_by(client: httpx.Client, system: System, actor: str, query: str = "q=roadmap") -> set[str]:
    response = client.get(f"{API}/search?{query}", headers=system.headers(USERS[actor]))
    assert response.status_code == 200, response.text
    return {hit["insight_id"] for hit in response.json()["results"]}


def test_search_finds_exactly_what_each_caller_may_read(world):
    system, ids = world
    expected = {"owner": {ids["P"], ids["U"]}, "rel_coach": {ids["P"]}, "view": {ids["U"]}, "comment": {ids["U"]},
                "export": {ids["U"]}, "revoked": set(), "other_coach": set(), "other_client": set()}
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        for actor, insights in expected.items():
            # P and D_* may be gone (the delete cases), and the throwaways are the same session
            assert found_by(client, system, actor) - {ids["D_owner"], ids["D_coach"]} == insights, actor
            listed = found_by(client, system, actor, f"section=action_items&relationship_id={REL}")
            assert listed <= {ids["P"], ids["D_coach"]} and bool(listed) == (actor in ("owner", "rel_coach")), actor
        hit = client.get(f"{API}/search?q=roadmap", headers=system.headers(USERS["view"])).json()["results"][0]
        assert any(part["hit"] for part in hit["snippet"]) and hit["match"] == "words"


def test_a_revoked_coach_finds_nothing_once_the_revocation_is_projected(world):
    system, ids = world
    alice = system.headers(USERS["owner"])
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        shared = client.post(f"{API}/{ids['U']}/share", headers=alice, json={"coach_user_id": "coach-brief"})
        assert shared.status_code == 200, shared.text
        brief = system.headers("coach-brief")
        wait_until(lambda: client.get(f"{API}/search?q=roadmap", headers=brief).json()["count"] > 0, "the grant")
        assert client.delete(f"{API}/{ids['U']}/share/coach-brief", headers=alice).status_code == 200
        wait_until(lambda: client.get(f"{API}/{ids['U']}", headers=brief).status_code == 404, "the revocation")
        for query in ("q=roadmap", "q=leadership%20and%20team", "section=action_items"):
            assert client.get(f"{API}/search?{query}", headers=brief).json()["results"] == [], query


def test_trends_read_the_relationship_sessions_each_caller_may_open(world):
    system, ids = world
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        for actor in ("owner", "rel_coach"):
            trends = client.get(f"{API}/relationship/{REL}/trends", headers=system.headers(USERS[actor])).json()
            sessions = {s["insight_id"]: s for s in trends["sessions"]}
            assert ids["P"] in sessions and trends["client_name"] == "Alice", actor
            p = sessions[ids["P"]]
            assert p["overall_session_quality"] and 0 < p["client_talk_share"] < 1 and p["commitments"] >= 1
        mine = client.get(f"{API}/my-trends", headers=system.headers(USERS["owner"])).json()
        assert ids["U"] in {s["insight_id"] for s in mine["sessions"]} and ids["P"] not in str(mine)
        assert client.get(f"{API}/my-trends", headers=system.headers(USERS["view"])).json()["sessions"] == []


@pytest.mark.parametrize("query", ["section=nope", "since=june", "limit=0", ""])
def test_bad_search_is_422_invalid_input(world, query):
    system, _ = world
    response = httpx.get(f"{system.gateway_url}{API}/search?{query}", headers=system.headers(USERS["owner"]))
    assert response.status_code == 422 and response.json()["code"] == "invalid_input", response.text


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=abc", "offset=-1"])
def test_paging_out_of_bounds_is_422_invalid_input(world, query):
    system, ids = world
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        for path in ("my-insights", "shared-with-me", f"relationship/{REL}", f"{ids['U']}/comments",
                     f"{ids['U']}/shares"):
            response = client.get(f"{API}/{path}?{query}", headers=system.headers(USERS["owner"]))
            assert response.status_code == 422, (path, response.text)
            assert response.json()["code"] == "invalid_input"


def test_the_services_themselves_refuse_unverified_callers(world):
    system, ids = world  # bypassing the gateway changes nothing: each service verifies the token
    forged = {"Authorization": f"Bearer {make_token('another-secret-' * 4, USERS['owner'])}"}
    assert httpx.get(f"{system.url('insights')}/v1/insights/{ids['U']}", headers=forged).status_code == 401
    assert httpx.get(f"{system.url('sharing')}/v1/comments/{ids['U']}").status_code == 401

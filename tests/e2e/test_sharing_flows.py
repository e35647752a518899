"""Sharing end to end: revocation takes effect within a second, expiry ends access,
comments (kept for the owner after a revoke), and export in every format."""

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from devstack.system import System

API = "/api/v1/session-insights"
SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()






def wait_until(check, what: str, timeout: float = 30, every: float = 0.02) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
async def stack(shared_systems):
    """The shared system with the default settings (these clients and coaches are this
    module's alone)."""
    return await shared_systems.get()


@pytest.fixture
def client(stack):
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as http:
        yield http


def completed_insight(stack: System, client: httpx.Client, owner: str, title: str = "Offsite debrief") -> str:
    headers = stack.headers(owner)
    made = client.post(f"{API}/unpaired/from-text", headers=headers,
                       json={"transcript_text": SAMPLE, "session_title": title})
    assert made.status_code == 202, made.text
    insight_id = made.json()["id"]
    wait_until(lambda: client.get(f"{API}/{insight_id}", headers=headers).json()["status"] == "completed",
               "the analysis")
    return insight_id


def share(stack, client, insight_id, owner, coach, **extra) -> None:
    response = client.post(f"{API}/{insight_id}/share", headers=stack.headers(owner),
                           json={"coach_user_id": coach, **extra})
    assert response.status_code == 200, response.text
    wait_until(lambda: client.get(f"{API}/{insight_id}", headers=stack.headers(coach)).status_code == 200,
               "the grant to reach the insights service")


def test_revocation_takes_effect_within_a_second_and_the_owner_keeps_the_thread(stack, client):
    insight_id = completed_insight(stack, client, "client-rita")
    share(stack, client, insight_id, "client-rita", "coach-ann", permissions={"view": True, "comment": True})
    coach, owner = stack.headers("coach-ann"), stack.headers("client-rita")
    said = client.post(f"{API}/{insight_id}/comments", headers=coach, json={"body": "Great offsite!"})
    assert said.status_code == 201
    assert client.post(f"{API}/{insight_id}/comments", headers=owner, json={"body": "Thank you"}).status_code == 201

    revoked = client.delete(f"{API}/{insight_id}/share/coach-ann", headers=owner)
    assert revoked.status_code == 200
    took = wait_until(lambda: client.get(f"{API}/{insight_id}", headers=coach).status_code == 404, "revocation", 5)
    assert took < 1.0, f"revocation took {took:.2f}s"
    assert client.get(f"{API}/{insight_id}/comments", headers=coach).status_code == 404
    assert client.get(f"{API}/shared-with-me", headers=coach).json()["total_count"] == 0
    thread = client.get(f"{API}/{insight_id}/comments", headers=owner).json()["comments"]
    assert [(c["author_user_id"], c["body"]) for c in thread] == [("coach-ann", "Great offsite!"),
                                                                   ("client-rita", "Thank you")]
    audit = client.get(f"{API}/{insight_id}/shares", headers=owner).json()["audit"]
    assert [a["action"] for a in audit] == ["granted", "revoked"]


def test_an_expired_grant_gives_no_access(stack, client):
    insight_id = completed_insight(stack, client, "client-eve")
    until = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
    share(stack, client, insight_id, "client-eve", "coach-tim", expires_at=until)
    coach = stack.headers("coach-tim")
    assert client.get(f"{API}/shared-with-me", headers=coach).json()["total_count"] == 1
    wait_until(lambda: client.get(f"{API}/{insight_id}", headers=coach).status_code == 404, "expiry", 5)
    assert datetime.now(UTC) >= datetime.fromisoformat(until)
    assert client.get(f"{API}/shared-with-me", headers=coach).json()["total_count"] == 0
    assert client.get(f"{API}/{insight_id}/export", headers=coach).status_code == 404


def test_export_in_every_format_for_the_owner_and_an_export_grant(stack, client):
    insight_id = completed_insight(stack, client, "client-ola", title="Offsite: déjà vu — Q3")
    share(stack, client, insight_id, "client-ola", "coach-exp", permissions={"view": True, "export": True})
    detail = client.get(f"{API}/{insight_id}", headers=stack.headers("client-ola")).json()
    for user in ("client-ola", "coach-exp"):
        for fmt, media, magic in (("md", "text/markdown", b"# Offsite"), ("pdf", "application/pdf", b"%PDF"),
                                  ("json", "application/json", b"{")):
            got = client.get(f"{API}/{insight_id}/export", params={"format": fmt}, headers=stack.headers(user))
            assert got.status_code == 200, got.text
            assert got.headers["content-type"].startswith(media) and got.content.startswith(magic)
            # a safe name from the title and the id: no quotes, slashes or spaces to abuse
            disposition = got.headers["content-disposition"]
            assert re.fullmatch(rf'attachment; filename="[a-z0-9-]+-{insight_id[:8]}\.{fmt}"', disposition)
        markdown = client.get(f"{API}/{insight_id}/export", headers=stack.headers(user)).text
        for section in ("## Celebration", "## Action items", "## Powerful questions"):
            assert section in markdown
        assert detail["action_items"][0]["action"] in markdown
    assert client.get(f"{API}/{insight_id}/export", params={"format": "docx"},
                      headers=stack.headers("client-ola")).status_code == 422

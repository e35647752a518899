"""A coach reads a relationship over time (trends, charts in SVG), searches across the sessions
they may read and opens a hit at its section, and talks with the client in an insight's comment
thread; a coach whose grant is view-only sees no thread."""

import time
from pathlib import Path

import httpx
from devstack.relationship import publish
from playwright.async_api import expect

from contracts import CoachingRelationshipChanged

from .test_dashboard import DESKTOP, open_as, view

SAMPLES = Path(__file__).parents[2] / "samples"
API = "/api/v1/session-insights"
REL = "rel-browser"


def create(client: httpx.Client, path: str, headers: dict, body: dict) -> str:
    for _ in range(300):  # a paired upload is 404 until ingestion has projected the relationship
        made = client.post(f"{API}{path}", headers=headers, json=body)
        if made.status_code != 404:
            break
        time.sleep(0.1)
    assert made.status_code == 202, made.text
    return made.json()["id"]


def completed(client: httpx.Client, headers: dict, insight_id: str) -> None:
    deadline = time.monotonic() + 120
    while client.get(f"{API}/{insight_id}", headers=headers).json().get("status") != "completed":
        assert time.monotonic() < deadline, f"{insight_id} never completed"
        time.sleep(0.25)


async def sessions(system) -> dict[str, str]:
    await publish(system.nats_url, CoachingRelationshipChanged(
        relationship_id=REL, coach_user_id="coach-maya", client_user_id="client-daniel", status="active",
        coach_name="Maya Chen", client_name="Daniel Ortiz"))
    maya, daniel = system.headers("coach-maya"), system.headers("client-daniel")
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        ids = {"first": create(client, "/from-text", maya, {
                   "coaching_relationship_id": REL, "session_title": "Team offsite debrief", "session_date": "2026-05-04",
                   "transcript_text": (SAMPLES / "leadership-session.txt").read_text()}),
               "second": create(client, "/from-text", maya, {
                   "coaching_relationship_id": REL, "session_title": "A week on", "session_date": "2026-06-15",
                   "transcript_text": (SAMPLES / "follow-up-session.txt").read_text()}),
               "own": create(client, "/unpaired/from-text", daniel, {
                   "session_title": "On my own", "transcript_text": (SAMPLES / "follow-up-session.txt").read_text()})}
        for key, headers in (("first", maya), ("second", maya), ("own", daniel)):
            completed(client, headers, ids[key])
        shared = client.post(f"{API}/{ids['own']}/share", headers=daniel,
                             json={"coach_user_id": "coach-sam", "permissions": {"view": True}})
        assert shared.status_code == 200, shared.text
    return ids


async def test_trends_search_and_comments(browser, system, shoot):
    ids = await sessions(system)
    problems: list[str] = []
    maya = await open_as(browser, system.gateway_url, "coach-maya", DESKTOP, problems)

    # trends: from the relationship's card
    await view(maya, "relationships")
    await maya.evaluate("document.body.removeAttribute('data-ready')")
    await maya.click(f'a[href="#/trends/{REL}"]')
    await maya.wait_for_selector('body[data-ready="trends"]')
    await expect(maya.locator("#trends-title")).to_have_text("Trends · Maya Chen & Daniel Ortiz")
    await expect(maya.locator("svg.chart")).to_have_count(4)
    await shoot(maya, "11-trends")
    await expect(maya.locator("svg.chart circle.quality")).to_have_count(2)  # one point per session
    # the first session's "hold back in my one-to-ones" is reported done in the second
    await expect(maya.locator("#follow-through li").first).to_contain_text("hold back in my one-to-ones")
    await expect(maya.locator("#follow-through blockquote").first).to_contain_text("held back")
    assert (await maya.locator("#trend-follow-through strong").text_content()).endswith("%")

    # search: words, highlighted; then every action item of the relationship since June
    await view(maya, "search")
    await maya.fill("#search-q", "one-to-ones advice")
    await maya.click("#search-submit")
    await maya.wait_for_selector("#search-results li")
    first_hit = maya.locator("#search-results a.search-hit").first
    await expect(first_hit.locator("mark").first).to_be_visible()
    assert ids["own"] not in await maya.locator("#search-results").inner_html()  # Daniel's private session
    await shoot(maya, "12-search")
    await maya.fill("#search-q", "")
    await maya.select_option("#search-relationship", REL)
    await maya.select_option("#search-section", "action_items")
    await maya.fill("#search-since", "2026-06-01")
    await maya.click("#search-submit")
    await expect(maya.locator("#search-count")).to_have_text("1 result")
    await expect(maya.locator("#search-results")).to_contain_text("honest feedback")
    await maya.evaluate("document.body.removeAttribute('data-ready')")
    await maya.click("#search-results a.search-hit")
    await maya.wait_for_selector('body[data-ready="detail"]')
    assert maya.url.endswith(f"#/insight/{ids['second']}/action_items")
    await expect(maya.locator('#detail-sections [data-section="action_items"].focused')).to_be_in_viewport()

    # comments: the coach writes, the client reads and answers
    await maya.fill("#comment-body", "Great follow-through on the one-to-ones.")
    await maya.click("#comment-submit")
    await expect(maya.locator("#comment-list li")).to_have_count(1)
    daniel = await open_as(browser, system.gateway_url, "client-daniel", DESKTOP, problems)
    await daniel.evaluate(f"location.hash = '#/insight/{ids['second']}'")
    await daniel.wait_for_selector('body[data-ready="detail"]')
    await expect(daniel.locator("#comment-list")).to_contain_text("Great follow-through on the one-to-ones.")
    await expect(daniel.locator("#comment-list")).to_contain_text("Maya Chen")
    await daniel.fill("#comment-body", "Thanks! Feedback to Sam is next.")
    await daniel.click("#comment-submit")
    await expect(daniel.locator("#comment-list li")).to_have_count(2)
    await expect(daniel.locator("#comment-count")).to_have_text("2")
    await shoot(daniel, "13-comments", daniel.locator("#comments-panel"))

    # a view-only grant: the insight, but no thread
    sam = await open_as(browser, system.gateway_url, "coach-sam", DESKTOP, problems)
    await sam.evaluate(f"location.hash = '#/insight/{ids['own']}'")
    await sam.wait_for_selector('body[data-ready="detail"]')
    await expect(sam.locator('[data-section="action_items"]')).to_have_count(1)
    await expect(sam.locator("#comments-panel")).to_be_hidden()
    # and Daniel's own unpaired sessions have trends of their own
    await daniel.evaluate("document.body.removeAttribute('data-ready')")
    await daniel.evaluate("location.hash = '#/trends'")
    await daniel.wait_for_selector('body[data-ready="trends"]')
    await expect(daniel.locator("#trends-title")).to_have_text("Trends · my unpaired sessions")
    await expect(daniel.locator("svg.chart circle.quality")).to_have_count(1)
    assert problems == []

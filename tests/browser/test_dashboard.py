"""A client signs in, uploads a sample, watches it complete, shares it with a coach; the
coach sees it under "Shared with me"; the client revokes; the coach no longer sees it."""

import re
import time
from pathlib import Path

from playwright.async_api import expect

SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()
API = "/api/v1/session-insights"
SECTIONS = ("celebration", "intention", "client_discoveries", "goal_progress", "coaching_presence",
            "powerful_questions", "action_items", "emotional_shifts", "values_beliefs", "communication_patterns",
            "coach_feedback", "session_summary", "key_themes", "overall_session_quality", "metadata")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


async def open_as(browser, base_url: str, user_id: str, viewport: dict, problems: list):
    context = await browser.new_context(base_url=base_url, viewport=viewport)
    page = await context.new_page()
    # Uncaught errors and CSP violations fail the test; a 404 the page expects does not.
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    await page.goto("/")
    await page.wait_for_url("**/sign-in")
    await page.click(f'button[data-user-id="{user_id}"]')
    await page.wait_for_selector('body[data-ready="insights"]')
    return page


async def view(page, name: str) -> None:
    """Clicks a main navigation link (a refresh when already there) and waits for app.js to render it."""
    await page.evaluate("document.body.removeAttribute('data-ready')")
    await page.click(f'[data-nav="{name}"]')
    await page.wait_for_selector(f'body[data-ready="{name}"]')


async def no_sideways_scroll(page) -> None:
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide at {page.viewport_size['width']}px"


async def upload_and_wait(page, title: str) -> str:
    await page.click("text=Upload session")
    await page.wait_for_selector('body[data-ready="upload"]')
    await page.fill("#session-title", title)
    await page.fill("#transcript-text", SAMPLE)
    await page.click("#upload-submit")
    await page.wait_for_url("**/#/insight/*")
    await expect(page.locator("#detail-status")).to_have_text("completed", timeout=60_000)
    await page.wait_for_selector('[data-section="action_items"]')
    return page.url.rsplit("/", 1)[1]


async def shared_count_becomes(page, insight_id: str, expected: int, timeout: float = 15) -> None:
    """Grants reach the insights projection through NATS a moment after the sharing service
    answers, so the coach's list is refreshed until it agrees (or the timeout says it never did)."""
    deadline = time.monotonic() + timeout
    while True:
        await view(page, "shared")
        found = await page.locator(f'#shared-list a[href="#/insight/{insight_id}"]').count()
        if found == expected or time.monotonic() > deadline:
            assert found == expected, f"shared-with-me lists it {found} times, expected {expected}"
            return
        await page.wait_for_timeout(250)




async def test_client_uploads_shares_and_revokes_and_the_coach_sees_it_come_and_go(browser, system, shoot):
    # `browser` comes before `system` so a missing Chromium skips before the stack starts
    problems: list[str] = []
    client = await open_as(browser, system.gateway_url, "client-alice", DESKTOP, problems)
    await shoot(client, "01-client-my-insights-empty")

    await client.click("text=Upload session")
    await client.wait_for_selector('body[data-ready="upload"]')
    await client.fill("#session-title", "Offsite debrief")
    await client.fill("#transcript-text", SAMPLE)
    await shoot(client, "02-client-upload-form")
    await client.click("#upload-submit")
    await client.wait_for_url("**/#/insight/*")
    insight_id = client.url.rsplit("/", 1)[1]
    await expect(client.locator("#detail-status")).to_have_text("completed", timeout=60_000)
    await client.wait_for_selector('[data-section="action_items"]')
    await shoot(client, "03-client-insight-completed")

    for section in SECTIONS:
        assert await client.locator(f'[data-section="{section}"]').count() >= 1, section
    quotes = await client.locator("blockquote.evidence").all_text_contents()
    assert quotes and all(quote in SAMPLE for quote in quotes)
    await no_sideways_scroll(client)
    async with client.expect_download() as download:
        await client.click('[data-export="md"]')
    assert (await download.value).suggested_filename.endswith(".md")

    await client.click("#share-open")
    await client.select_option("#share-coach", "coach-maya")
    await client.check("#perm-export")
    await shoot(client, "04-client-share-dialog")
    await client.click("#share-submit")
    await client.wait_for_selector('[data-revoke="coach-maya"]')
    await shoot(client, "05-client-shared-with-maya")

    coach = await open_as(browser, system.gateway_url, "coach-maya", PHONE, problems)
    await shared_count_becomes(coach, insight_id, 1)
    await no_sideways_scroll(coach)
    await shoot(coach, "06-coach-shared-with-me-phone")

    await client.click('[data-revoke="coach-maya"]')
    await client.wait_for_selector("#grant-empty:not([hidden])")
    await shoot(client, "07-client-revoked")

    await shared_count_becomes(coach, insight_id, 0)
    await shoot(coach, "08-coach-after-revoke-phone")
    assert not problems, problems


async def test_the_completed_insight_shows_feedback_on_the_coaching(browser, system, shoot):
    problems: list[str] = []
    client = await open_as(browser, system.gateway_url, "client-alice", DESKTOP, problems)
    await upload_and_wait(client, "Offsite debrief: feedback")

    section = client.locator('[data-section="coach_feedback"]')
    await expect(section).to_have_count(1)
    await expect(section.locator("h2")).to_have_text("Feedback on the coaching")
    await shoot(client, "09-coach-feedback", section)  # before the checks, so a failure still leaves the picture
    items = section.locator(".feedback-item")
    assert await items.count() >= 1, "the feedback on the coaching has no strength or missed opportunity"
    first = items.first
    await expect(first.locator(".pcc-marker")).to_have_text(re.compile(r"^PCC marker \S"))
    await expect(first.locator(".observation")).not_to_be_empty()
    words = await section.locator("blockquote.coach-words").all_text_contents()
    assert words and all(quote in SAMPLE for quote in words), words  # the coach's verbatim words
    await expect(section.locator('[data-section="quality_rationale"] .badge.quality')).to_have_text(
        re.compile(r"^Quality: (Excellent|Good|Average|Needs Improvement)$"))

    await client.set_viewport_size(PHONE)
    await no_sideways_scroll(client)
    await shoot(client, "10-coach-feedback-phone", section)
    assert not problems, problems

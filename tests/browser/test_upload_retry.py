"""An upload whose answer never reaches the browser (the gateway timed out, the network
dropped) may have been stored all the same. Sending the same form again must not store it
twice: the dashboard sends an Idempotency-Key, the same one for the retry, and a new one for
the next upload."""

import time
from collections import Counter
from pathlib import Path

import httpx

SAMPLE = (Path(__file__).parents[2] / "samples" / "leadership-session.txt").read_text()
API = "/api/v1/session-insights"
USER = "client-alice"


async def signed_in(browser, base_url: str):
    context = await browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto("/")
    await page.wait_for_url("**/sign-in")
    await page.click(f'button[data-user-id="{USER}"]')
    await page.wait_for_selector('body[data-ready="insights"]')
    return page


def unpaired_titles(system) -> Counter:
    mine = httpx.get(f"{system.gateway_url}{API}/my-insights", params={"include_paired": "false", "limit": 100},
                     headers=system.headers(USER), timeout=30).json()
    return Counter(i["session_title"] for i in mine["unpaired_insights"])


async def fill_file_upload(page, title: str) -> None:
    await page.evaluate("document.body.removeAttribute('data-ready'); location.hash = '#/upload'")
    await page.wait_for_selector('body[data-ready="upload"]')
    await page.check('input[name="source"][value="file"]')
    await page.fill("#session-title", title)
    await page.set_input_files("#transcript-file", files=[
        {"name": "session.txt", "mimeType": "text/plain", "buffer": SAMPLE.encode()}])


async def test_a_retried_upload_is_stored_once_and_the_next_upload_is_new(browser, system):
    page = await signed_in(browser, system.gateway_url)
    before = unpaired_titles(system)  # the dashboard's tests upload as this demo user too (shared system)
    keys: list[str | None] = []

    async def first_answer_lost(route):
        keys.append(route.request.headers.get("idempotency-key"))
        if len(keys) == 1:
            stored = await route.fetch()  # ingestion stores it...
            assert stored.status == 202
            await route.abort("timedout")  # ...but the browser never hears back
        else:
            await route.continue_()

    await page.route("**/api/v1/session-insights/unpaired", first_answer_lost)
    await fill_file_upload(page, "Retried upload")
    await page.click("#upload-submit")
    await page.wait_for_selector("#upload-error:not([hidden])")
    await page.click("#upload-submit")  # the user tries again, same form
    await page.wait_for_url("**/#/insight/*")
    first_id = page.url.rsplit("/", 1)[1]

    await fill_file_upload(page, "Another session")
    await page.click("#upload-submit")
    await page.wait_for_url("**/#/insight/*")
    await page.wait_for_function(f"!location.hash.endsWith('{first_id}')")

    assert keys[0] and keys[0] == keys[1], keys  # the retry carries the first attempt's key
    assert keys[2] and keys[2] != keys[0], keys  # a new upload, a new key
    deadline = time.monotonic() + 30
    while True:  # the list is insights' projection of the uploads: it catches up within moments
        titles = sorted((unpaired_titles(system) - before).elements())  # what this test stored
        if len(titles) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert titles == ["Another session", "Retried upload"], titles

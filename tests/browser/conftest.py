"""Browser tests: Debian's Chromium driven by Playwright against the real system.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without it the
tests skip locally, but in CI (CI=true) they must run, so `.ci/run` installs it.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps dialling Google on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
_taken: list[Path] = []

@pytest.fixture(scope="module")
async def system(shared_systems):
    """The shared system with the default settings (starting five services is the slow part),
    as tests/e2e modules have it. The demo users are few: a module signing in as one another
    module uses too counts only what it made itself (the upload retry test: before and after)."""
    return await shared_systems.get()


@pytest.fixture
async def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run should have installed Debian's chromium")
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium): browser test skipped")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        await launched.close()


@pytest.fixture
def shoot():
    """Saves a screenshot under artifacts/screenshots/ and remembers its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    async def take(page, name: str, element=None) -> Path:
        """The full page, or only `element` (a locator) when the part to look at is far down."""
        path = SCREENSHOTS / f"{name}.png"
        if element is None:
            await page.screenshot(path=str(path), full_page=True)
        else:  # cut from the full page: an element shot scrolls, and the sticky top bar lands on it
            box = await element.bounding_box()
            scroll = await page.evaluate("({x: window.scrollX, y: window.scrollY})")
            clip = {"x": box["x"] + scroll["x"], "y": box["y"] + scroll["y"],
                    "width": box["width"], "height": box["height"]}
            await page.screenshot(path=str(path), full_page=True, clip=clip)
        _taken.append(path)
        print(f"screenshot: {path}")
        return path

    return take


def pytest_terminal_summary(terminalreporter):
    if _taken:
        terminalreporter.write_sep("-", "browser screenshots")
        for path in _taken:
            terminalreporter.write_line(str(path))

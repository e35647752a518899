import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def retry_until_ready(what: str, attempt: Callable[[], Awaitable[object]], timeout: float = 60) -> None:
    """Dependencies start together under the process runner: wait for them, then fail clearly."""
    deadline = time.monotonic() + timeout
    delay = 0.1
    while True:
        try:
            await attempt()
            return
        except Exception as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} not reachable after {timeout:.0f}s: {exc}") from exc
            log.info("waiting for %s (%s)", what, exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)

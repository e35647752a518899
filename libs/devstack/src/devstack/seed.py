"""Demo data for `just up`, the first time only: a coaching relationship (Maya coaches
Daniel) with two paired sessions a week apart, and one unpaired session Daniel uploaded himself.

Runs as a Procfile process, so it must never exit: honcho stops every process when one
ends. It waits for the gateway, seeds unless `$SI_DATA_DIR/seeded` exists, then idles
until SIGTERM.
"""

import asyncio
import datetime as dt
import logging
import signal
import sys
from pathlib import Path

import httpx

from contracts import CoachingRelationshipChanged
from devstack import nats_auth
from devstack.local import LocalStack
from devstack.relationship import publish
from devstack.tokens import ensure_secret, make_token

log = logging.getLogger("seed")
API = "/api/v1/session-insights"
# The same ids as the gateway dashboard's DASHBOARD_DEMO_USERS default (gateway must not import devstack).
COACH, CLIENT, RELATIONSHIP = "coach-maya", "client-daniel", "rel-demo"
SAMPLE = Path(__file__).resolve().parents[4] / "samples" / "leadership-session.txt"
# A week on: Daniel reports one of the first session's commitments done (trends' follow-through).
FOLLOW_UP = SAMPLE.with_name("follow-up-session.txt")
UNPAIRED_SESSION = """\
Jo: Welcome back, Daniel. What would you like to explore today?
Daniel: I've been offered a bigger role running two teams, and I can't decide whether to take it.
Jo: What makes it a hard decision?
Daniel: I love the craft part of my job. I'm worried I'll turn into someone who only sits in meetings.
Jo: What would you need to believe to say yes with confidence?
Daniel: That I can still shape how the work is done.
Daniel: I realise I've assumed managing more means caring less about quality.
Jo: Where does that assumption come from?
Daniel: Honestly, from watching my old director burn out. That was his story, not necessarily mine.
Jo: How does it feel to say that?
Daniel: Lighter. I feel more hopeful than when we started.
Jo: What is one step you could take this week?
Daniel: I will ask the two current leads what they need from a manager, and I'll decide by next Friday.
"""


async def wait_until_ready(client: httpx.AsyncClient) -> None:
    for attempt in range(10**9):
        try:
            if (await client.get("/ready")).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if attempt % 60 == 59:
            log.info("seed: still waiting for the gateway to be ready")
        await asyncio.sleep(1)


async def create(client: httpx.AsyncClient, path: str, token: str, body: dict, key: str) -> httpx.Response:
    # An Idempotency-Key makes a re-run after a partial seed harmless: no duplicate sessions.
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    return await client.post(f"{API}{path}", json=body, headers=headers)


def check(response: httpx.Response) -> None:
    # A reused key: an earlier run (on another day, so another date) already made this session.
    if response.status_code == 409 and response.json().get("code") == "idempotency_key_reused":
        return
    response.raise_for_status()


async def seed(stack: LocalStack, env: dict[str, str], client: httpx.AsyncClient) -> None:
    secret = ensure_secret(stack.jwt_secret_file)
    coach, daniel = make_token(secret, COACH, "Maya Chen"), make_token(secret, CLIENT, "Daniel Ortiz")
    await publish(stack.nats_url_as(nats_auth.PLATFORM), CoachingRelationshipChanged(
        relationship_id=RELATIONSHIP, coach_user_id=COACH, client_user_id=CLIENT, status="active",
        coach_name="Maya Chen", client_name="Daniel Ortiz"))
    last_week = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    paired = {"coaching_relationship_id": RELATIONSHIP, "transcript_text": SAMPLE.read_text(),
              "session_title": "Team offsite debrief", "session_date": last_week}
    # Ingestion learns of the relationship from the event: until then a paired upload is 404.
    # Slow retries: create endpoints are rate limited per user (30 a minute by default).
    for _ in range(100):
        response = await create(client, "/from-text", coach, paired, "demo-seed-paired-1")
        if response.status_code not in (404, 429):
            break
        await asyncio.sleep(float(response.headers.get("retry-after", 3)))
    check(response)
    follow_up = {**paired, "transcript_text": FOLLOW_UP.read_text(), "session_title": "A week on",
                 "session_date": (dt.date.today() - dt.timedelta(days=1)).isoformat()}
    check(await create(client, "/from-text", coach, follow_up, "demo-seed-paired-2"))
    unpaired = {"transcript_text": UNPAIRED_SESSION, "session_title": "Taking the bigger role?",
                "session_date": dt.date.today().isoformat()}
    check(await create(client, "/unpaired/from-text", daniel, unpaired, "demo-seed-unpaired-1"))


async def seed_once(stop: asyncio.Event) -> None:
    stack = LocalStack.from_env()
    marker = stack.root / "seeded"
    env = stack.environment()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{env['GATEWAY_PORT']}", timeout=15) as client:
        waiting = asyncio.ensure_future(wait_until_ready(client))
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait([waiting, stopping], return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        stopping.cancel()
        if stop.is_set() or marker.exists():
            return
        try:
            await seed(stack, env, client)
            marker.touch()
            log.info("seed: demo data ready; sign in at http://127.0.0.1:%s/ as Daniel or Maya", env["GATEWAY_PORT"])
        except Exception as exc:  # never exit: honcho would stop the whole stack
            log.warning("seed: demo data not created (%s); restart `just up` to retry", exc)


async def main(once: bool) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per readiness poll
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await seed_once(stop)
    if not once:
        await stop.wait()  # stay up until honcho stops us with everything else


if __name__ == "__main__":
    asyncio.run(main(once="--once" in sys.argv[1:]))

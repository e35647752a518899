"""Server-sent status: what the stream says when the token expires, a service restarts or the
insight is deleted, how many streams one user may hold, and what wakes it: a status hint (with
its own looks set far apart, only the hint can), its own look when the hint is lost, polling
when no hints can come."""

import asyncio
import json
import time

import jwt
import pytest
from chassis.identity import JwtVerifier, identity_dependency
from chassis.problems import EXCEPTION_HANDLERS, Problem
from gateway.adapters.routes import live
from gateway.adapters.routes.common import Services
from gateway.adapters.routes.live import StreamSlots
from gateway.adapters.status_hints import Watchers
from gateway.ports import StatusHints, Upstream
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import TestClient

SECRET = "live-status-test-secret-0123456789abcdef"
URL = "/api/v1/session-insights/i-1/events"


class ScriptedService:
    """Answers GET /v1/... from a script, one step per call; the last step repeats."""

    def __init__(self, *steps) -> None:
        self.steps = list(steps)

    async def call(self, method, path, token, json=None, params=None, headers=None) -> Upstream:
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, Exception):
            raise step
        status, body = step
        return Upstream(status, body if isinstance(body, bytes) else _json(body), "application/json")

    async def forward(self, *args, **kwargs):
        raise NotImplementedError

    async def reachable(self) -> None:
        return None


def _json(body) -> bytes:
    return json.dumps(body).encode()


def status(value: str) -> tuple[int, dict]:
    return 200, {"status": value, "processing_error": None}


NOT_FOUND = (404, {"code": "not_found"})
EXPIRED = (401, {"code": "invalid_token"})
DOWN = Problem(503, "service_unavailable", "The insights service is unavailable.")


class FakeHints:
    """Hints as the NATS adapter gives them (its Watchers), live or not as a test says."""

    def __init__(self, live: bool = False) -> None:
        self.watchers = Watchers()
        self.live = live

    def watch(self, insight_id: str):
        return self.watchers.watch(insight_id)


class HintingService(ScriptedService):
    """Hints (wakes the watchers of i-1) right after answering its n-th call, as the insights
    service would after committing the change that its next answer shows."""

    def __init__(self, hints: FakeHints, hint_after: int, *steps, delay: float = 0.05) -> None:
        super().__init__(*steps)
        self.hints, self.hint_after, self.calls, self.delay = hints, hint_after, 0, delay

    async def call(self, *args, **kwargs) -> Upstream:
        answer = await super().call(*args, **kwargs)
        self.calls += 1
        if self.calls == self.hint_after:
            asyncio.get_running_loop().call_later(self.delay, self.hints.watchers.wake, "i-1")
        return answer


def app(insights: ScriptedService, ingestion: ScriptedService | None = None, slots: StreamSlots | None = None,
        hints: StatusHints | None = None, safety_net: float = 0.01):
    services = Services(ingestion=ingestion or ScriptedService(NOT_FOUND), insights=insights,
                        sharing=ScriptedService(NOT_FOUND))
    return Litestar(route_handlers=live.routes(services, slots or StreamSlots(5), hints or FakeHints(),
                                               safety_net_seconds=safety_net),
                    dependencies={"caller": Provide(identity_dependency(JwtVerifier(hs256_secret=SECRET)))},
                    exception_handlers=EXCEPTION_HANDLERS)


def headers(sub: str = "client-1") -> dict[str, str]:
    return {"Authorization": "Bearer " + jwt.encode({"sub": sub, "exp": int(time.time()) + 60}, SECRET,
                                                    algorithm="HS256")}


def events_of(application: Litestar) -> list[tuple[str, dict]]:
    with TestClient(application, timeout=10) as client, client.stream("GET", URL, headers=headers()) as response:
        assert response.status_code == 200
        text = "".join(response.iter_text())
    found = []
    for block in text.strip().split("\r\n\r\n" if "\r\n" in text else "\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        found.append((lines.get("event"), json.loads(lines["data"])))
    return found


@pytest.fixture(autouse=True)
def fast_polling(monkeypatch):
    monkeypatch.setattr(live, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(live, "DOWN_POLL_SECONDS", 0.01)


def test_an_expired_token_is_reported_as_such_not_as_a_deletion():
    found = events_of(app(ScriptedService(status("processing"), status("processing"), EXPIRED)))
    assert [kind for kind, _ in found] == ["status", "error"]
    assert found[1][1]["code"] == "invalid_token"
    assert all(body.get("status") != "deleted" for _, body in found)


def test_a_restarting_service_is_reported_and_the_stream_goes_on_when_it_is_back():
    found = events_of(app(ScriptedService(status("processing"), DOWN, (503, {"code": "unavailable"}), DOWN,
                                          status("processing"), status("completed"))))
    assert [(kind, body.get("status") or body.get("code")) for kind, body in found] == [
        ("status", "processing"), ("unavailable", "service_unavailable"), ("status", "completed")]


def test_a_service_down_for_long_ends_the_stream_with_a_reconnect_delay(monkeypatch):
    monkeypatch.setattr(live, "GIVE_UP_UNAVAILABLE_SECONDS", 0.05)
    with TestClient(app(ScriptedService(status("processing"), DOWN)), timeout=10) as client, \
            client.stream("GET", URL, headers=headers()) as response:
        text = "".join(response.iter_text())
    assert "event: unavailable" in text and "event: status" in text and "deleted" not in text
    assert f"retry: {live.RECONNECT_MS}" in text


def test_a_deleted_insight_is_reported_deleted():
    found = events_of(app(ScriptedService(status("pending"), NOT_FOUND)))
    assert found[-1] == ("status", {"id": "i-1", "status": "deleted"})


def test_first_look_failures_are_problems_not_streams():
    with TestClient(app(ScriptedService(DOWN))) as client:
        response = client.get(URL, headers=headers())
        assert response.status_code == 503 and response.headers["content-type"].startswith("application/problem+json")
    with TestClient(app(ScriptedService(NOT_FOUND))) as client:
        assert client.get(URL, headers=headers()).status_code == 404
        assert client.get(URL.replace("i-1", "a%00b"), headers=headers()).status_code == 404


def test_streams_per_user_are_capped():
    slots = StreamSlots(2)
    held = [slots.acquire("client-1"), slots.acquire("client-1")]
    with TestClient(app(ScriptedService(status("completed")), slots=slots)) as client:
        refused = client.get(URL, headers=headers("client-1"))
        assert refused.status_code == 429 and refused.json()["code"] == "too_many_streams"
        assert int(refused.headers["retry-after"]) >= 1
        assert client.get(URL, headers=headers("client-2")).status_code == 200  # another user is not affected
        held[0]()
        assert client.get(URL, headers=headers("client-1")).status_code == 200
        assert slots.open_streams("client-1") == 1  # the finished stream gave its slot back


HOUR = 3600.0


def test_a_hint_wakes_the_stream_when_its_own_looks_are_an_hour_apart():
    hints = FakeHints(live=True)
    found = events_of(app(HintingService(hints, 1, status("processing"), status("completed")), hints=hints,
                          safety_net=HOUR))
    assert [body["status"] for _, body in found] == ["processing", "completed"]
    assert hints.watchers.watched() == 0  # the finished stream stopped watching


def test_a_hint_during_the_first_look_is_not_missed():
    """The stream watches before its first look: a change committed right after it still wakes it."""
    hints = FakeHints(live=True)
    service = HintingService(hints, 1, status("processing"), status("completed"), delay=0.0)
    found = events_of(app(service, hints=hints, safety_net=HOUR))
    assert found[-1][1]["status"] == "completed"


def test_a_lost_hint_only_delays_the_stream_until_its_own_look():
    found = events_of(app(ScriptedService(status("processing"), status("completed")), hints=FakeHints(live=True),
                          safety_net=0.05))
    assert [body["status"] for _, body in found] == ["processing", "completed"]


def test_without_hints_the_stream_polls_whatever_its_safety_net(monkeypatch):
    monkeypatch.setattr(live, "POLL_SECONDS", 0.02)
    found = events_of(app(ScriptedService(status("pending"), status("processing"), status("completed")),
                          hints=FakeHints(live=False), safety_net=HOUR))
    assert [body["status"] for _, body in found] == ["pending", "processing", "completed"]


def test_a_refused_stream_stops_watching():
    hints = FakeHints(live=True)
    with TestClient(app(ScriptedService(NOT_FOUND), hints=hints)) as client:
        assert client.get(URL, headers=headers()).status_code == 404
    assert hints.watchers.watched() == 0


async def test_watchers_wake_only_the_streams_of_that_insight():
    watchers = Watchers()
    mine, same, other = watchers.watch("i-1"), watchers.watch("i-1"), watchers.watch("i-2")
    assert watchers.wake("i-1") == 2
    assert await mine.wait(0.01) and await same.wait(0.01)
    assert not await other.wait(0.01)  # timed out
    assert not await mine.wait(0.01), "a hint wakes one wait, not every later one"
    mine.close()
    assert watchers.wake("i-1") == 1 and watchers.watched() == 2
    watchers.wake_all()
    assert await other.wait(0.01)


async def test_a_watch_nobody_closed_is_forgotten_with_its_stream():
    watchers = Watchers()
    watchers.watch("i-1")  # a stream whose client left before it ran: nothing holds the watch
    import gc
    gc.collect()
    assert watchers.watched() == 0 and watchers.wake("i-1") == 0

"""Live status streams (GET /{id}/events) on a running system, pushed: the insights service
hints every status change it commits over core NATS, and the gateway wakes the streams
watching that insight. Here the gateway's own looks are an hour apart
(GATEWAY_LIVE_POLL_SECONDS), so while it hears the hints only a hint can bring `completed`.
A gateway whose NATS user is absent still starts, serves, and its streams still complete:
they poll. No timing is asserted (bench/pipeline.py measures it)."""

import json
import re
import signal
import time
from pathlib import Path

import httpx
import pytest

API = "/api/v1/session-insights"
# ~9,000 words: the analysis takes a few seconds, so the stream is open before the insight completes
SESSION = (Path(__file__).parents[2] / "samples" / "long-session-60min.txt").read_text()
METRICS_TOKEN = "live-status-metrics-token"
SETTINGS = {"GATEWAY_LIVE_POLL_SECONDS": "3600", "METRICS_TOKEN": METRICS_TOKEN}
FINAL = ("completed", "failed", "deleted")


@pytest.fixture(scope="module")
async def system(shared_systems):
    """A shared system with these settings (this module's alone: no other asks for them)."""
    return await shared_systems.get(**SETTINGS)


def metric(base_url: str, name: str, **labels: str) -> float:
    """The sum of a metric's samples with these labels, from the gateway's /metrics."""
    text = httpx.get(f"{base_url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10).text
    total = 0.0
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}(?:\{{(.*)\}})? (\S+)", line)
        if match and all(f'{key}="{value}"' in (match.group(1) or "") for key, value in labels.items()):
            total += float(match.group(2))
    return total


def wait_until(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def upload(client: httpx.Client, headers: dict, title: str) -> str:
    made = client.post(f"{API}/unpaired/from-text", headers=headers,
                       json={"transcript_text": SESSION, "session_title": title})
    assert made.status_code == 202, made.text
    return made.json()["id"]


def streamed_statuses(client: httpx.Client, headers: dict, insight_id: str) -> list[str]:
    """Every status the stream tells, until a final one (the stream ends there)."""
    statuses: list[str] = []
    # no read timeout: an hour's safety net must not be cut short by the client
    with client.stream("GET", f"{API}/{insight_id}/events", headers=headers,
                       timeout=httpx.Timeout(10, read=None)) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        event, data = None, []
        for line in response.iter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
            elif not line and data:
                assert event == "status", (event, data)
                statuses.append(json.loads("\n".join(data))["status"])
                if statuses[-1] in FINAL:
                    break
                event, data = None, []
    return statuses


def test_a_stream_reports_completed_pushed_by_a_hint_while_its_own_looks_are_an_hour_apart(system):
    gateway = system.gateway_url
    wait_until(lambda: metric(gateway, "live_status_hints_listening") == 1, "the gateway to subscribe")
    hints, looks_by_time = metric(gateway, "live_status_hints_total"), metric(gateway, "live_status_looks_total",
                                                                               cause="time")
    headers = system.headers("client-live-push")
    with httpx.Client(base_url=gateway, timeout=30) as client:
        insight_id = upload(client, headers, "Pushed")
        statuses = streamed_statuses(client, headers, insight_id)
        assert statuses[-1] == "completed", statuses
        assert len(statuses) >= 2, "the stream was open before the insight completed"
        assert client.get(f"{API}/{insight_id}", headers=headers).json()["status"] == "completed"
    assert metric(gateway, "live_status_hints_total") > hints
    assert metric(gateway, "live_status_looks_total", cause="time") == looks_by_time, \
        "every look after the first was woken by a hint"


def test_a_gateway_whose_nats_user_is_absent_still_serves_and_its_streams_complete_by_polling(system):
    # no NATS user for it (nor one to fall back on): the server refuses the connection
    system.start_replica("gateway-unheard", "gateway", GATEWAY_NATS_USER="", GATEWAY_NATS_PASSWORD="")
    try:
        gateway = system.url("gateway-unheard")
        assert metric(gateway, "live_status_hints_listening") == 0
        headers = system.headers("client-live-unheard")
        with httpx.Client(base_url=gateway, timeout=30) as client:
            insight_id = upload(client, headers, "Unheard")
            statuses = streamed_statuses(client, headers, insight_id)
        assert statuses[-1] == "completed", statuses
        assert metric(gateway, "live_status_hints_total") == 0
        if len(statuses) >= 2:  # the stream saw a change: a look of its own found it
            assert metric(gateway, "live_status_looks_total", cause="time") >= 1
        assert "Authorization Violation" in system.log_tail("gateway-unheard", 200)
    finally:
        system.kill("gateway-unheard", signal.SIGTERM)

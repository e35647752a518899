"""The event catalog, from the outside: a consumer written from docs/events.md alone (the
stream and filter its table names, the payload schema the gateway serves, plain JSON, no
import of our contracts) receives AnalysisCompleted with the ids it needs; and the consumers
the catalog lists are the ones a running system has."""

import asyncio
import json
import re
import time
from pathlib import Path

import httpx
import jsonschema
import nats
import pytest
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

ROOT = Path(__file__).parents[2]
SAMPLE = (ROOT / "samples" / "leadership-session.txt").read_text()
API = "/api/v1/session-insights"
REL, COACH, CLIENT = "rel-catalog", "coach-cat", "client-cat"


def documented(event: str) -> tuple[str, str]:
    """(subject, stream) of `event` as the table in docs/events.md gives them."""
    for line in (ROOT / "docs" / "events.md").read_text().splitlines():
        if line.startswith(f"| {event} |"):
            subject, stream = re.findall(r"`([^`]+)`", line)[:2]
            return subject, stream
    raise AssertionError(f"docs/events.md has no row for {event}")


def keys(node) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in keys(value)}
    if isinstance(node, list):
        return {k for value in node for k in keys(value)}
    return set()


@pytest.fixture(scope="module")
async def system(shared_systems):
    """The shared system with the default settings (the relationship, coach and client above
    are this module's alone)."""
    return await shared_systems.get()


async def platform_says_relationship_is_active(nats_url: str) -> None:
    """What the platform publishes (docs/events.md: CoachingRelationshipChanged), as raw JSON."""
    subject, _ = documented("CoachingRelationshipChanged")
    event = {"event_type": "platform.relationship.changed.v1", "event_id": "0190a000-0000-7000-8000-00000000ca7a",
             "occurred_at": "2026-12-01T09:00:00Z", "relationship_id": REL, "coach_user_id": COACH,
             "client_user_id": CLIENT, "status": "active"}
    connection = await nats.connect(nats_url)
    try:
        await connection.jetstream().publish(subject, json.dumps(event).encode(),
                                             headers={"Nats-Msg-Id": event["event_id"]})
    finally:
        await connection.close()


def paired_upload(system) -> str:
    """The coach uploads a session of the relationship (404 until ingestion has the relationship)."""
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        deadline = time.monotonic() + 60
        while True:
            made = client.post(f"{API}/from-text", headers={**system.headers(COACH), "X-Request-ID": "catalog-42"},
                               json={"coaching_relationship_id": REL, "transcript_text": SAMPLE})
            if made.status_code == 202 or time.monotonic() > deadline:
                assert made.status_code == 202, made.text
                return made.json()["id"]
            time.sleep(0.2)


async def test_a_consumer_written_from_the_docs_receives_analysis_completed_with_its_ids(system):
    subject, stream = documented("AnalysisCompleted")
    catalog = httpx.get(f"{system.gateway_url}/api/v1/asyncapi.json", timeout=10).json()
    [message] = [catalog["components"]["messages"][name]
                 for channel in catalog["channels"].values() if channel["address"] == subject
                 for name in channel["messages"]]
    payload_schema = {**catalog, **message["payload"]}

    # docs/events.md, "Subscribing": a durable pull consumer on the stream, filtered to the subject
    connection = await nats.connect(system.nats_url)
    try:
        js = connection.jetstream()
        sub = await js.pull_subscribe(subject, durable="reports-analysis-completed", stream=stream,
                                      config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT,
                                                            deliver_policy=DeliverPolicy.ALL, ack_wait=60))
        await platform_says_relationship_is_active(system.nats_url)
        insight_id = await asyncio.to_thread(paired_upload, system)

        received = None
        deadline = time.monotonic() + 120
        while received is None and time.monotonic() < deadline:
            try:
                messages = await sub.fetch(20, timeout=2)
            except nats.errors.TimeoutError:
                continue
            for msg in messages:
                event = json.loads(msg.data)
                if event["event_type"] == "insights.analysis.completed.v1" and event["insight_id"] == insight_id:
                    received = (event, dict(msg.headers or {}), msg.data.decode())
                await msg.ack()
        assert received, "no AnalysisCompleted reached the documented consumer"
    finally:
        await connection.close()

    event, headers, raw = received
    jsonschema.validate(event, payload_schema)
    assert (event["client_user_id"], event["coach_user_id"], event["coaching_relationship_id"]) == (
        CLIENT, COACH, REL)
    assert event["content"]["overall_session_quality"] in ("Excellent", "Good", "Average", "Needs Improvement")
    # the analysis and its short evidence quotes, never the transcript
    assert not {"transcript", "turns", "full_text"} & keys(event)
    assert SAMPLE.strip() not in raw
    assert headers["Nats-Msg-Id"] == event["event_id"] and headers["x-request-id"] == "catalog-42"


async def test_the_consumers_the_catalog_lists_are_the_ones_the_system_runs(system):
    catalog = httpx.get(f"{system.gateway_url}/api/v1/asyncapi.json", timeout=10).json()
    listed = set()
    for operation in catalog["operations"].values():
        if operation["action"] == "receive":
            channel = catalog["channels"][operation["channel"]["$ref"].rsplit("/", 1)[1]]
            listed.add((channel["x-jetstream"]["stream"], operation["x-durable"], channel["address"]))

    connection = await nats.connect(system.nats_url)
    try:
        js = connection.jetstream()
        running = {(stream, info.name, info.config.filter_subject)
                   for stream in {s for s, _, _ in listed}
                   for info in await js.consumers_info(stream)
                   if info.name.split("-")[0] in ("ingestion", "analysis", "insights", "sharing")}
    finally:
        await connection.close()
    assert running == listed

"""Each service's NATS user may publish only its own events and read only through its own
durable consumers (devstack.nats_auth, on the fixtures' real nats-server)."""

import asyncio

import msgspec
import nats
import nats.errors
import pytest
from chassis.messaging import ensure_streams, make_broker
from contracts.subjects import ANALYSIS_COMPLETED_V1, INSIGHT_STATUS_HINT_V1, READERS_CHANGED_HINT_V1
from devstack import nats_auth
from nats.js.api import AckPolicy, ConsumerConfig


def completed_event(insight_id: str) -> bytes:
    return msgspec.json.encode({"insight_id": insight_id})  # what it says does not matter here


async def connect_as(nats_server, user: str) -> tuple[nats.NATS, list[str]]:
    errors: list[str] = []

    async def on_error(exc: Exception) -> None:
        errors.append(str(exc))

    client = await nats.connect(nats_server.url_as(user), error_cb=on_error, max_reconnect_attempts=0)
    return client, errors


async def messages_on(nats_server, subject: str) -> int:
    admin = await nats.connect(nats_server.url)
    try:
        info = await admin.jetstream().stream_info("ANALYSIS", subjects_filter=subject)
        return (info.state.subjects or {}).get(subject, 0)
    finally:
        await admin.close()


async def hint_heard(sender: nats.NATS, heard, errors: list[str], seconds: float = 15.0,
                     subject: str = INSIGHT_STATUS_HINT_V1, data: bytes = b'{"insight_id": "i-1"}'):
    """A hint is core NATS, at most once: sent again until it is heard, since one can be lost
    on a loaded machine; what is tested is that the gateway may hear insights' hints at all."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        await sender.publish(subject, data)
        await sender.flush()
        try:
            return await heard.next_msg(timeout=0.5)
        except nats.errors.TimeoutError:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"no hint heard in {seconds} s; errors: {errors}") from None


async def drained(subscription, quiet: float = 0.3) -> list[bytes]:
    """Every message still arriving until none comes for `quiet` seconds."""
    received = []
    while True:
        try:
            received.append((await subscription.next_msg(timeout=quiet)).data)
        except nats.errors.TimeoutError:
            return received


@pytest.fixture
async def streams(nats_url):
    broker = make_broker(nats_url, "test")
    await broker.connect()
    await ensure_streams(broker)
    await broker.stop()


async def test_insights_cannot_publish_analysis_completed_but_analysis_can(nats_server, streams):
    insights, errors = await connect_as(nats_server, "insights")
    try:
        with pytest.raises((nats.errors.TimeoutError, nats.errors.NoRespondersError)):
            await insights.jetstream().publish(ANALYSIS_COMPLETED_V1, completed_event("forged"), timeout=1)
        await asyncio.sleep(0.2)
        assert any("permissions violation for publish" in e.lower() and ANALYSIS_COMPLETED_V1 in e
                   for e in errors), errors
    finally:
        await insights.close()
    assert await messages_on(nats_server, ANALYSIS_COMPLETED_V1) == 0

    analysis, errors = await connect_as(nats_server, "analysis")
    try:
        ack = await analysis.jetstream().publish(ANALYSIS_COMPLETED_V1, completed_event("real"), timeout=5)
        assert ack.stream == "ANALYSIS" and errors == []
    finally:
        await analysis.close()
    assert await messages_on(nats_server, ANALYSIS_COMPLETED_V1) == 1


async def test_a_service_cannot_read_through_another_services_consumer_nor_delete_a_stream(nats_server, streams):
    admin = await nats.connect(nats_server.url)
    await admin.jetstream().add_consumer("INGESTION", ConsumerConfig(durable_name="analysis-workers",
                                                                     ack_policy=AckPolicy.EXPLICIT))
    await admin.close()
    insights, errors = await connect_as(nats_server, "insights")
    try:
        js = insights.jetstream()
        with pytest.raises(nats.errors.Error):  # no answer comes: the request itself is refused
            await js.consumer_info("INGESTION", "analysis-workers", timeout=1)
        with pytest.raises(nats.errors.Error):
            await js.delete_stream("ANALYSIS")
        await asyncio.sleep(0.2)
        assert sum("permissions violation for publish" in e.lower() for e in errors) == 2, errors
        # its own consumers, and looking up the streams, are allowed
        assert (await js.stream_info("ANALYSIS")).config.name == "ANALYSIS"
    finally:
        await insights.close()


async def test_anonymous_clients_get_no_connection(nats_server):
    with pytest.raises(nats.errors.Error):
        await nats.connect(nats_server.url.replace(f"{nats_auth.ADMIN}:{nats_server.secret}@", ""),
                           max_reconnect_attempts=0, allow_reconnect=False, connect_timeout=2)


async def test_the_gateway_hears_the_status_hints_insights_sends_and_may_do_nothing_else(nats_server, streams):
    assert "gateway" not in nats_auth.SERVICE_GRANTS  # no JetStream at all
    gateway, errors = await connect_as(nats_server, "gateway")
    insights, insights_errors = await connect_as(nats_server, "insights")
    try:
        heard = await gateway.subscribe(INSIGHT_STATUS_HINT_V1)
        await gateway.flush()
        assert (await hint_heard(insights, heard, errors + insights_errors)).data == b'{"insight_id": "i-1"}'
        readers = await gateway.subscribe(READERS_CHANGED_HINT_V1)
        await gateway.flush()
        said = b'{"user_ids": ["coach-1"]}'
        assert (await hint_heard(insights, readers, errors + insights_errors, subject=READERS_CHANGED_HINT_V1,
                                 data=said)).data == said
        assert insights_errors == []

        await gateway.publish(INSIGHT_STATUS_HINT_V1, b'{"insight_id": "forged"}')  # not the gateway's to send
        await gateway.publish(READERS_CHANGED_HINT_V1, b'{"user_ids": ["forged"]}')
        await gateway.subscribe(ANALYSIS_COMPLETED_V1)  # nor to read events
        with pytest.raises(nats.errors.Error):
            await gateway.jetstream(timeout=1).stream_info("ANALYSIS")
        await gateway.flush()
        await asyncio.sleep(0.2)
        refused = [e.lower() for e in errors if "permissions violation" in e.lower()]
        for what in (f"publish to \"{INSIGHT_STATUS_HINT_V1}\"", f"publish to \"{READERS_CHANGED_HINT_V1}\"",
                     f"subscription to \"{ANALYSIS_COMPLETED_V1}\"", "publish to \"$js.api.stream.info.analysis\""):
            assert any(what.lower() in e for e in refused), (what, errors)
        assert b"forged" not in b"".join(await drained(heard) + await drained(readers))  # forged hints never went out
    finally:
        await gateway.close()
        await insights.close()


def test_the_permissions_follow_the_event_catalog():
    from contracts.catalog import DURABLES_OF, PRODUCER_OF

    granted = {subject for g in nats_auth.SERVICE_GRANTS.values() for subject in g.publishes}
    assert granted == {s for s, producer in PRODUCER_OF.items() if producer != nats_auth.PLATFORM}
    assert sorted(d for g in nats_auth.SERVICE_GRANTS.values() for d, _ in g.consumes) == sorted(
        d for durables in DURABLES_OF.values() for d in durables)
    assert nats_auth.SERVICE_GRANTS["insights"].publishes == ()  # events; its status hint is apart
    assert [name for name, grants in nats_auth.SERVICE_GRANTS.items() if grants.hints] == ["insights"]
    assert nats_auth.PLATFORM_PERMISSIONS["publish"]["allow"] == ["platform.v1.relationship.changed"]

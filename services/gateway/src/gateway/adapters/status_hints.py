"""Status hints for the live streams: after it commits a status change, the insights service
publishes the insight's id on core NATS (`insights.v1.insight.status`, contracts.hints). Each
gateway process holds one subscription and wakes the streams watching that id, which then
look as always (through the insights service, with their caller's token: a hint grants
nothing and says nothing but "look again").

A hint is never the truth and may be lost: the streams also look on their own (the route's
safety net). The gateway starts and serves without NATS, connects in the background, and
nats-py reconnects after an outage; while it is not connected the streams poll instead, and
every stream looks once when the connection comes or goes (hints sent meanwhile are gone).

The same connection hears which users' reads changed (`insights.v1.readers.changed`) for the
read cache (adapters.read_cache), which is told when the hints start and stop arriving."""

import asyncio
import contextlib
import logging
import time
import weakref

import msgspec
from chassis.nats_connection import NatsSettings
from contracts.hints import HINT_DECODER, READERS_HINT_DECODER
from contracts.subjects import INSIGHT_STATUS_HINT_V1, READERS_CHANGED_HINT_V1
from nats.aio.client import Client
from nats.aio.msg import Msg
from prometheus_client import Counter, Gauge

from gateway.ports import ReadersListener, StatusHints, StatusWatch

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 1.0
RETRY_SECONDS = 2.0  # after the connection was closed for good (refused credentials, say)
WARN_EVERY_SECONDS = 60.0
LISTENING = Gauge("live_status_hints_listening", "Gateway processes subscribed to the status hints now "
                  "(0: their live streams poll)", multiprocess_mode="livesum")
HINTS = Counter("live_status_hints_total", "Status hints received")
READERS_HINTS = Counter("read_cache_hints_total", "Hints received that some users' reads changed")


class Watch(StatusWatch):
    def __init__(self, registry: "Watchers", insight_id: str) -> None:
        self._registry = registry
        self.insight_id = insight_id
        self._woken = asyncio.Event()

    def wake(self) -> None:
        self._woken.set()

    async def wait(self, timeout: float) -> bool:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._woken.wait()
        woken = self._woken.is_set()
        self._woken.clear()  # before the look: a hint arriving during it wakes the next wait at once
        return woken

    def close(self) -> None:
        self._registry.forget(self)


class Watchers:
    """The streams of this process waiting on each insight. Held weakly: a stream that never
    ran (its client left before it started) leaves nothing behind."""

    def __init__(self) -> None:
        self._by_id: dict[str, weakref.WeakSet[Watch]] = {}
        self._prune_at = 1024

    def watch(self, insight_id: str) -> Watch:
        if len(self._by_id) >= self._prune_at:
            self._by_id = {key: watches for key, watches in self._by_id.items() if watches}
            self._prune_at = max(1024, 2 * len(self._by_id))
        watch = Watch(self, insight_id)
        self._by_id.setdefault(insight_id, weakref.WeakSet()).add(watch)
        return watch

    def forget(self, watch: Watch) -> None:
        watches = self._by_id.get(watch.insight_id)
        if watches is not None:
            watches.discard(watch)
            if not watches:
                del self._by_id[watch.insight_id]

    def wake(self, insight_id: str) -> int:
        watches = list(self._by_id.get(insight_id, ()))
        for watch in watches:
            watch.wake()
        return len(watches)

    def wake_all(self) -> None:
        for watches in list(self._by_id.values()):
            for watch in list(watches):
                watch.wake()

    def watched(self) -> int:
        return sum(len(watches) for watches in self._by_id.values())


class NatsStatusHints(StatusHints):
    """Hints from NATS (`settings` None: none at all, the streams poll)."""

    def __init__(self, settings: NatsSettings | None, subject: str = INSIGHT_STATUS_HINT_V1,
                 readers: ReadersListener | None = None, readers_subject: str = READERS_CHANGED_HINT_V1) -> None:
        self._settings = settings
        self._subject = subject
        self._readers = readers
        self._readers_subject = readers_subject
        self._readers_refused = False  # the server denied that subscription: the cache must not count on it
        self.watchers = Watchers()
        self._client: Client | None = None
        self._task: asyncio.Task | None = None
        self._warned_at = float("-inf")

    @property
    def live(self) -> bool:
        return self._client is not None and self._client.is_connected

    def watch(self, insight_id: str) -> Watch:
        return self.watchers.watch(insight_id)

    async def start(self) -> None:
        """Connects in the background: returns at once, NATS there or not."""
        if self._settings is None:
            log.info("no NATS_URL: live status streams poll the insights service")
            return
        self._task = asyncio.create_task(self._run(), name="status-hints")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
        self._task = None

    async def _run(self) -> None:
        assert self._settings is not None
        while True:
            client, closed = Client(), asyncio.Event()

            async def on_closed(closed: asyncio.Event = closed) -> None:
                closed.set()

            try:
                # retries an absent server for ever (max_reconnect_attempts -1), and reconnects after an outage
                await client.connect(**self._settings.connect_options(), name="gateway", allow_reconnect=True,
                                     max_reconnect_attempts=-1, reconnect_time_wait=RECONNECT_SECONDS,
                                     connect_timeout=2, error_cb=self._on_error, closed_cb=on_closed,
                                     disconnected_cb=self._on_disconnected, reconnected_cb=self._on_reconnected)
                await client.subscribe(self._subject, cb=self._on_hint)
                self._readers_refused = False
                if self._readers is not None:
                    await client.subscribe(self._readers_subject, cb=self._on_readers_changed)
                await client.flush(timeout=5)  # the subscription is in place before the streams count on it
                self._client = client
                LISTENING.set(1)
                self._tell_readers(True)
                log.info("listening to status hints on %s", self._subject)
                self.watchers.wake_all()  # streams that started meanwhile look now, then wait at the slow pace
                await closed.wait()  # for good (nats-py reconnects on its own until then)
                log.warning("the NATS connection for status hints closed; connecting again")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._warn(f"status hints: cannot listen on NATS ({type(exc).__name__}: {exc}); "
                           "live streams poll until it works")
            finally:
                self._client = None
                LISTENING.set(0)
                self._tell_readers(False)
                # an error closing is no matter, a stop arriving meanwhile is: swallowed, the listener would go on
                # retrying, and the service's event loop would wait on it at shutdown for ever
                with contextlib.suppress(Exception):
                    await client.close()
            self.watchers.wake_all()
            await asyncio.sleep(RETRY_SECONDS)

    async def _on_hint(self, message: Msg) -> None:
        HINTS.inc()
        try:
            self.watchers.wake(HINT_DECODER.decode(message.data).insight_id)
        except msgspec.DecodeError:
            log.debug("a status hint that is not one: %r", message.data[:200])

    async def _on_readers_changed(self, message: Msg) -> None:
        READERS_HINTS.inc()
        try:
            user_ids = READERS_HINT_DECODER.decode(message.data).user_ids
        except msgspec.DecodeError:
            log.debug("a readers hint that is not one: %r", message.data[:200])
            user_ids = ()  # something changed for someone: forget everyone's
        if self._readers is not None:
            self._readers.readers_changed(user_ids)

    def _tell_readers(self, listening: bool) -> None:
        if self._readers is not None:
            self._readers.listening(listening and not self._readers_refused)

    async def _on_error(self, exc: Exception) -> None:
        if self._readers is not None:
            if "permissions violation" in str(exc).lower() and self._readers_subject in str(exc):
                # a NATS whose users predate this hint (the gateway upgraded first): no hint will come
                self._readers_refused = True
                log.warning("NATS refuses the gateway %s: the read cache stays off", self._readers_subject)
                self._tell_readers(False)
            else:
                self._readers.readers_changed(())  # a slow consumer's dropped messages, say: any hint may be lost
        self._warn(f"status hints: NATS error ({type(exc).__name__}: {exc}); live streams poll meanwhile")

    async def _on_disconnected(self) -> None:
        LISTENING.set(0)
        self._tell_readers(False)
        self.watchers.wake_all()  # their next wait is at the polling pace

    async def _on_reconnected(self) -> None:
        log.info("status hints: NATS reconnected")
        LISTENING.set(1 if self._client is not None else 0)
        self._tell_readers(self._client is not None)
        self.watchers.wake_all()  # hints sent while away are lost: look once now

    def _warn(self, message: str) -> None:
        if time.monotonic() - self._warned_at > WARN_EVERY_SECONDS:
            self._warned_at = time.monotonic()
            log.warning(message)
        else:
            log.debug(message)

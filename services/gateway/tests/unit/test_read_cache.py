"""The read cache: an answer is served again only while nothing said its user's reads changed,
never while the hints are not heard, never past its time, and never one the service said not
to keep."""

import pytest
from gateway.adapters.read_cache import ReadCache
from gateway.ports import Upstream

KEY = ("token-of-coach-1", "/api/v1/session-insights/my-insights", b"limit=20")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Service:
    """Counts the calls and answers with the next version of the page each time."""

    def __init__(self, status: int = 200, headers: dict | None = None, size: int = 0) -> None:
        self.calls, self.status, self.headers, self.size = 0, status, headers or {}, size
        self.during = None  # run while the call is in flight (a hint arriving meanwhile)

    async def fetch(self) -> Upstream:
        self.calls += 1
        if self.during is not None:
            self.during()
        return Upstream(self.status, f"version {self.calls}".encode() + b" " * self.size, "application/json",
                        self.headers)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(clock) -> ReadCache:
    cache = ReadCache(max_bytes=1024 * 1024, seconds=2.0, clock=clock)
    cache.listening(True)
    return cache


async def test_a_second_read_is_answered_from_memory(cache):
    service = Service()
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 1"
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 1"
    assert service.calls == 1


async def test_another_token_or_url_is_another_answer(cache):
    service = Service()
    await cache.read("coach-1", KEY, service.fetch)
    await cache.read("coach-1", ("another-token-of-coach-1", *KEY[1:]), service.fetch)
    await cache.read("coach-1", (KEY[0], KEY[1], b"limit=20&offset=20"), service.fetch)
    assert service.calls == 3


async def test_a_hint_naming_the_user_forgets_their_answers_and_no_one_elses(cache):
    service, other = Service(), Service()
    await cache.read("coach-1", KEY, service.fetch)
    await cache.read("client-2", ("token-of-client-2", *KEY[1:]), other.fetch)
    cache.readers_changed(("coach-1", "client-9"))
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 2"
    assert (await cache.read("client-2", ("token-of-client-2", *KEY[1:]), other.fetch)).body == b"version 1"


async def test_an_empty_hint_forgets_everyones(cache):
    service = Service()
    await cache.read("coach-1", KEY, service.fetch)
    cache.readers_changed(())
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 2"


async def test_an_answer_fetched_while_its_users_hint_arrived_is_not_kept(cache):
    """The hint may overtake the answer: what came back may predate the change it announces."""
    service = Service()
    service.during = lambda: cache.readers_changed(("coach-1",))
    await cache.read("coach-1", KEY, service.fetch)
    service.during = None
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 2"
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 2"


async def test_nothing_is_kept_or_served_while_hints_are_not_heard(cache):
    service = Service()
    await cache.read("coach-1", KEY, service.fetch)
    cache.listening(False)  # NATS went away: a revocation's hint could be lost now
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 2"
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 3"
    cache.listening(True)  # back: what was sent meanwhile is lost, so nothing older is served
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 4"
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 4"


async def test_a_cache_that_never_heard_a_hint_keeps_nothing(clock):
    cache, service = ReadCache(max_bytes=1024 * 1024, seconds=2.0, clock=clock), Service()
    for _ in range(2):
        await cache.read("coach-1", KEY, service.fetch)
    assert service.calls == 2


async def test_an_answer_is_kept_for_its_seconds_only(cache, clock):
    service = Service()
    await cache.read("coach-1", KEY, service.fetch)
    clock.now += 1.9
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 1"
    clock.now += 0.2
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 2"


@pytest.mark.parametrize("service", [Service(status=404), Service(status=503), Service(status=422),
                                     Service(headers={"cache-control": "no-store"}),
                                     Service(size=300 * 1024)],
                         ids=["404", "503", "422", "no-store", "large"])
async def test_errors_answers_marked_no_store_and_large_answers_are_never_kept(cache, service):
    await cache.read("coach-1", KEY, service.fetch)
    await cache.read("coach-1", KEY, service.fetch)
    assert service.calls == 2


async def test_memory_is_bounded_oldest_first(clock):
    cache = ReadCache(max_bytes=40 * 1024, seconds=60.0, clock=clock)
    cache.listening(True)
    services = [Service(size=10 * 1024) for _ in range(5)]
    for n, service in enumerate(services):
        await cache.read("coach-1", (KEY[0], KEY[1], str(n).encode()), service.fetch)
    assert len(cache) == 3  # 5 answers of ~11 KB in 40 KB
    await cache.read("coach-1", (KEY[0], KEY[1], b"0"), services[0].fetch)
    assert services[0].calls == 2  # the first was dropped to make room


async def test_zero_bytes_turns_it_off(clock):
    cache, service = ReadCache(max_bytes=0, seconds=2.0, clock=clock), Service()
    cache.listening(True)
    for _ in range(2):
        await cache.read("coach-1", KEY, service.fetch)
    assert service.calls == 2


async def test_the_nats_listener_stops_the_cache_on_errors_and_disconnection(cache):
    """What nats-py calls back on a slow consumer's dropped messages and on losing the server."""
    from gateway.adapters.status_hints import NatsStatusHints

    listener, service = NatsStatusHints(None, readers=cache), Service()
    await cache.read("coach-1", KEY, service.fetch)
    await listener._on_error(RuntimeError("slow consumer, messages dropped"))
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 2"
    await listener._on_disconnected()
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 3"
    assert (await cache.read("coach-1", KEY, service.fetch)).body == b"version 4"


async def test_a_nats_that_refuses_the_readers_hint_keeps_the_cache_off(cache):
    """A NATS whose users predate the hint (the gateway upgraded first) never sends one."""
    from gateway.adapters.status_hints import NatsStatusHints

    listener, service = NatsStatusHints(None, readers=cache), Service()
    await listener._on_error(RuntimeError('nats: permissions violation for subscription to '
                                          '"insights.v1.readers.changed"'))
    await listener._on_reconnected()
    for _ in range(2):
        await cache.read("coach-1", KEY, service.fetch)
    assert service.calls == 2

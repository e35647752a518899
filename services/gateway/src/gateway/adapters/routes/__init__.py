from gateway.adapters.read_cache import ReadCache
from gateway.adapters.routes import catalog, ingestion, insights, live, sharing
from gateway.adapters.routes.common import Services
from gateway.adapters.routes.live import StreamSlots
from gateway.ports import StatusHints


def all_routes(services: Services, stream_slots: StreamSlots, hints: StatusHints,
               live_poll_seconds: float = live.SAFETY_NET_SECONDS, cache: ReadCache | None = None) -> list:
    return [*ingestion.routes(services), *insights.routes(services, ReadCache(max_bytes=0) if cache is None else cache),
            *sharing.routes(services), *live.routes(services, stream_slots, hints, live_poll_seconds),
            *catalog.routes()]

from gateway.adapters.routes import catalog, ingestion, insights, live, sharing
from gateway.adapters.routes.common import Services
from gateway.adapters.routes.live import StreamSlots


def all_routes(services: Services, stream_slots: StreamSlots) -> list:
    return [*ingestion.routes(services), *insights.routes(services), *sharing.routes(services),
            *live.routes(services, stream_slots), *catalog.routes()]

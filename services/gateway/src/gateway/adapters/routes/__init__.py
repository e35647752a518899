from gateway.adapters.routes import ingestion, insights, live, sharing
from gateway.adapters.routes.common import Services


def all_routes(services: Services) -> list:
    return [*ingestion.routes(services), *insights.routes(services), *sharing.routes(services), *live.routes(services)]

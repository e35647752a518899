"""The web dashboard served by the gateway: Jinja pages and plain JS over the public JSON API."""

from gateway.adapters.dashboard.config import DashboardConfig
from gateway.adapters.dashboard.pages import dashboard_routes

__all__ = ["DashboardConfig", "dashboard_routes"]

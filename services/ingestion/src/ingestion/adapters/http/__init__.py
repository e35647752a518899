"""Ingestion's HTTP API (called by the gateway with the caller's bearer token)."""

from ingestion.adapters.http.routes import routes

__all__ = ["routes"]

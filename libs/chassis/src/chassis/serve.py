"""Serve a Litestar app with uvicorn (the same way for every service)."""

import logging

import uvicorn

from chassis.request_context import RequestIdLogFilter


def serve(app, host: str, port: int) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdLogFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s [%(request_id)s] %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")

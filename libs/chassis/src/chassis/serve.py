"""Serve a Litestar app with uvicorn (the same way for every service)."""

import logging

import uvicorn


def serve(app, host: str, port: int) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")

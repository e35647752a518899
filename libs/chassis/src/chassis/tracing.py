"""OpenTelemetry traces across the gateway, the services and the bus: a W3C `traceparent`
travels in HTTP headers and in NATS message headers, next to the request id.

On only when `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set:
spans then go out over OTLP/HTTP in batches. Off, every function here returns at once on
one flag and no middleware is installed, so an untraced request pays nothing.

The chain of one upload: gateway `POST <route>` -> its call to ingestion -> ingestion's
`POST <route>` -> the outbox row keeps that context in its headers -> the relay's
`publish <subject>` span -> each consumer's `process <subject>` span -> the events it
emits carry that span on, and so on to the insights projection."""

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping, MutableMapping

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from opentelemetry.context import Context
from opentelemetry.trace import (
    NoOpTracer,
    SpanKind,
    Status,
    StatusCode,
    Tracer,
    get_current_span,
    set_span_in_context,
)
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

log = logging.getLogger(__name__)
HEADERS = ("traceparent", "tracestate")
_propagator = TraceContextTextMapPropagator()
_tracer: Tracer = NoOpTracer()
enabled = False


def configure(service: str) -> bool:
    """Turn tracing on for this process when an OTLP endpoint is configured; True if on."""
    if enabled or not (os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
                       or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")):
        return enabled
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", service)}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    use(provider.get_tracer("chassis"))
    log.info("tracing on: spans exported over OTLP/HTTP")
    return True


def use(tracer: Tracer) -> None:
    """Trace with this tracer (tests hand in one writing to an in-memory exporter)."""
    global _tracer, enabled
    _tracer, enabled = tracer, True


def disable() -> None:
    global _tracer, enabled
    _tracer, enabled = NoOpTracer(), False


def inject(headers: MutableMapping[str, str]) -> None:
    """Add the current span's traceparent to outgoing headers (HTTP call, outbox row)."""
    if enabled:
        _propagator.inject(headers)


def context_from(headers: Mapping[str, str] | None) -> Context | None:
    return _propagator.extract(headers) if enabled and headers else None


@contextlib.contextmanager
def span(name: str, kind: SpanKind = SpanKind.INTERNAL, parent: Context | None = None,
         attributes: Mapping[str, str | int] | None = None) -> Iterator[None]:
    """A span around a block (the current one's child unless `parent` is given); nothing when off."""
    if not enabled:
        yield
        return
    with _tracer.start_as_current_span(name, context=parent, kind=kind, attributes=attributes):
        yield


def record_failure(error: BaseException) -> None:
    """Mark the current span failed (a handling that will be retried or given up)."""
    if enabled:
        current = get_current_span()
        current.record_exception(error)
        current.set_status(Status(StatusCode.ERROR, str(error)[:200]))


def publish_headers(subject: str, headers: Mapping[str, str] | None) -> tuple[dict[str, str], object]:
    """For the outbox relay: a PRODUCER span, child of the context stored with the row, and
    the headers to publish with (its traceparent in place of the stored one). Returns
    (headers, span); end the span with `end`."""
    headers = dict(headers or {})
    if not enabled:
        return headers, None
    producer = _tracer.start_span(f"publish {subject}", context=context_from(headers), kind=SpanKind.PRODUCER,
                                  attributes={"messaging.system": "nats", "messaging.destination.name": subject})
    _propagator.inject(headers, context=set_span_in_context(producer))
    return headers, producer


def end(span_or_none: object, error: BaseException | None = None) -> None:
    if span_or_none is None:
        return
    if error is not None:
        span_or_none.set_status(Status(StatusCode.ERROR, str(error)[:200]))
    span_or_none.end()


def tracing_middleware(app: ASGIApp) -> ASGIApp:
    """A SERVER span per request (`METHOD route-template`), child of the caller's traceparent."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if not enabled or scope["type"] != "http":
            await app(scope, receive, send)
            return
        route = scope.get("path_template") or scope["path"]
        parent = _propagator.extract(MutableScopeHeaders(scope))
        with _tracer.start_as_current_span(f"{scope['method']} {route}", context=parent, kind=SpanKind.SERVER,
                                           attributes={"http.request.method": scope["method"], "http.route": route,
                                                       "url.path": scope["path"]}) as server:
            async def send_and_note(message: Message) -> None:
                if message["type"] == "http.response.start":
                    server.set_attribute("http.response.status_code", message["status"])
                    if message["status"] >= 500:
                        server.set_status(Status(StatusCode.ERROR))
                await send(message)

            await app(scope, receive, send_and_note)

    return middleware

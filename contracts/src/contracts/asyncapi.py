"""`python -m contracts.asyncapi OUT.json`: the event catalog as an AsyncAPI 3.0 document.

Built from the contracts themselves (subjects, streams, producers, our durable consumers,
msgspec's JSON Schema of every event) rather than by FastStream's generator: FastStream
documents the publishers and subscribers declared on a broker, with pydantic schemas, but
our events leave through the outbox relay as raw JetStream publishes (no FastStream
publisher exists to describe), our subscribers take the raw message and decode msgspec
Structs themselves (pydantic cannot describe a msgspec Struct), and it has no place for a
stream's retention or the headers we set. The contract tests check the document against
the AsyncAPI 3.0 specification's JSON Schema and the wire format against its schemas."""

import inspect
import sys
from pathlib import Path

import msgspec

from contracts import delivery as d
from contracts.catalog import DURABLES_OF, PRODUCER_OF, SUBJECT_OF
from contracts.subjects import ALL_STREAMS

VERSION = "1.0.0"  # of the catalog: additive changes keep 1.x, as the v1 subjects do

DESCRIPTION = """\
Every event Session Insights publishes or consumes, on NATS JetStream. How to subscribe,
idempotency, versioning and erasure duties: docs/events.md in the repository.

Delivery: at least once. Each subject lives in one stream (see `x-jetstream` on its
channel); subscribe with a durable pull consumer on that stream, filtered to the subject,
explicit ack. A redelivered or re-published event has the same `event_id` (also sent as
the `Nats-Msg-Id` header): de-duplicate by it.

Ordering: a stream keeps its messages in the order they were published, and the outbox of
a producer publishes in commit order; across streams there is no order (an InsightDeleted
may arrive before the TranscriptReceived of the same insight), and a redelivery can arrive
after later messages. Share changes of one (insight, coach) pair carry an increasing
`version`: keep the highest. A later AnalysisCompleted of an insight (higher `attempt`,
an operator re-run) replaces the earlier one.

Versioning: within a v1 subject fields are only added, always optional; a breaking change
gets a new subject (`...v2...`) and both are published for a while. Ignore fields you do
not know."""

ORDERING = ("Order of publication within the stream; none across streams. At least once: "
            "de-duplicate by event_id.")


def stream_of(subject: str) -> tuple[str, list[str]]:
    for name, subjects in ALL_STREAMS:
        if any(subject == s or (s.endswith(">") and subject.startswith(s[:-1])) for s in subjects):
            return name, subjects
    raise LookupError(f"no stream captures {subject}")


def headers_schema() -> dict:
    return {
        "type": "object",
        "required": [d.MSG_ID_HEADER],
        "properties": {
            d.MSG_ID_HEADER: {"type": "string", "description": "The event's event_id. JetStream drops a "
                              f"re-publication with the same id within {d.DUPLICATE_WINDOW_SECONDS} s."},
            d.REQUEST_ID_HEADER: {"type": "string", "description": "The id of the request that caused the "
                                  "event (an upload, a share), carried on to every event it leads to; for logs "
                                  "and support, not for de-duplication."},
            d.TRACEPARENT_HEADER: {"type": "string", "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
                                   "description": "W3C Trace Context traceparent of the span that published the "
                                   "event, when tracing is on: continue the trace from it."},
            d.TRACESTATE_HEADER: {"type": "string", "description": "W3C Trace Context tracestate, if any."},
        },
    }


def jetstream(subject: str) -> dict:
    stream, captured = stream_of(subject)
    return {
        "stream": stream,
        "streamSubjects": captured,
        "filterSubject": subject,
        "storage": d.STORAGE,
        "retention": d.RETENTION,
        "discard": d.DISCARD,
        "maxAgeSeconds": d.MAX_AGE_SECONDS,
        "maxBytes": d.MAX_BYTES,
        "duplicateWindowSeconds": d.DUPLICATE_WINDOW_SECONDS,
        "ordering": ORDERING,
        "delivery": "at least once",
    }


def asyncapi_document() -> dict:
    types = list(SUBJECT_OF)
    payloads, schemas = msgspec.json.schema_components(types, ref_template="#/components/schemas/{name}")
    for schema in schemas.values():  # docstrings keep their indentation in msgspec's schema
        if "description" in schema:
            schema["description"] = inspect.cleandoc(schema["description"])
    schemas["NatsHeaders"] = headers_schema()
    channels, operations, messages = {}, {}, {}
    for (cls, subject), payload in zip(SUBJECT_OF.items(), payloads, strict=True):
        name = cls.__name__
        channel = name[0].lower() + name[1:]
        producer = PRODUCER_OF[subject]
        messages[name] = {
            "name": name,
            "title": name,
            "summary": inspect.cleandoc(cls.__doc__ or name).split("\n\n")[0].replace("\n", " "),
            "contentType": "application/json",
            "headers": {"$ref": "#/components/schemas/NatsHeaders"},
            "payload": payload,
            "correlationId": {"description": "The request that caused the event.",
                              "location": f"$message.header#/{d.REQUEST_ID_HEADER}"},
        }
        channels[channel] = {
            "address": subject,
            "title": name,
            "description": f"{name}, published by {producer}.",
            "messages": {name: {"$ref": f"#/components/messages/{name}"}},
            "x-jetstream": jetstream(subject),
        }
        ref = {"channel": {"$ref": f"#/channels/{channel}"},
               "messages": [{"$ref": f"#/channels/{channel}/messages/{name}"}]}
        operations[f"publish{name}"] = {
            "action": "send", **ref, "title": f"{producer} publishes {name}",
            "description": f"Through the transactional outbox of {producer}: published after its commit, "
                           "never lost, possibly more than once (same event_id)." if producer != "platform" else
                           "The platform publishes it (our tests and demo seeding do too).",
            "x-producer": producer,
        }
        for durable in DURABLES_OF[subject]:
            service = durable.split("-")[0]
            operations[f"{service}Receives{name}"] = {
                "action": "receive", **ref, "title": f"{service} consumes {name}",
                "description": f"Durable pull consumer `{durable}` on stream {stream_of(subject)[0]}, "
                               f"filter {subject}, explicit ack, idempotent by event_id.",
                "x-consumer": service,
                "x-durable": durable,
            }
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Session Insights events", "version": VERSION, "description": DESCRIPTION},
        "defaultContentType": "application/json",
        "servers": {"nats": {"host": "127.0.0.1:4222", "protocol": "nats",
                             "description": "NATS with JetStream; `just up` runs one here. Production servers "
                                            "and credentials come from the platform."}},
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
    }


def encoded() -> bytes:
    return msgspec.json.format(msgspec.json.encode(asyncapi_document()), indent=2) + b"\n"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "contracts/asyncapi.json")
    out.write_bytes(encoded())
    print(f"wrote {out} ({len(SUBJECT_OF)} channels)")


if __name__ == "__main__":
    main()

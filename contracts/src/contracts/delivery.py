"""What every stream and message promises a consumer: the figures the event catalog
(AsyncAPI, docs/events.md) states. chassis.messaging configures the streams; a contract
test holds the two to the same values."""

# JetStream stream policy, the same for every stream (see ALL_STREAMS in subjects.py)
RETENTION = "limits"  # history is kept for late and rebuilding consumers, not removed on ack
DISCARD = "new"  # a full stream refuses new messages; producers hold them in their outbox
STORAGE = "file"
MAX_AGE_SECONDS = 30 * 24 * 3600
MAX_BYTES = 4 * 1024**3
DUPLICATE_WINDOW_SECONDS = 10 * 60  # a re-published Nats-Msg-Id within it is dropped by the server

# NATS headers every event is published with
MSG_ID_HEADER = "Nats-Msg-Id"  # always; equals the payload's event_id
REQUEST_ID_HEADER = "x-request-id"  # the request that caused it, carried from event to event
TRACEPARENT_HEADER = "traceparent"  # W3C Trace Context, when tracing is on
TRACESTATE_HEADER = "tracestate"  # W3C Trace Context, vendor data (rarely set)

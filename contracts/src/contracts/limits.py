"""Limits every producer and consumer agrees on."""

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# NATS' default max_payload is 1 MiB, and the server counts a message's headers (Nats-Msg-Id,
# the request id, ...) against it together with the payload: a message over it makes the
# server close the connection. An event leaves this much room for its headers.
NATS_MAX_PAYLOAD = 1024 * 1024
EVENT_HEADERS_HEADROOM = 16 * 1024
# The largest encoded event (msgspec JSON) a producer may write to its outbox.
MAX_EVENT_BYTES = NATS_MAX_PAYLOAD - EVENT_HEADERS_HEADROOM
# Extracted transcript text; at most 4 bytes a character in UTF-8 plus JSON framing
# stays well under MAX_EVENT_BYTES for ordinary text (about 35,000 words).
MAX_TRANSCRIPT_CHARS = 200_000

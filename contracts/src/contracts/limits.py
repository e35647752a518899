"""Limits every producer and consumer agrees on."""

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# NATS' default max_payload is 1 MiB; a TranscriptReceived must fit in one message.
MAX_EVENT_BYTES = 1024 * 1024
# Extracted transcript text; at most 4 bytes a character in UTF-8 plus JSON framing
# stays well under MAX_EVENT_BYTES for ordinary text (about 35,000 words).
MAX_TRANSCRIPT_CHARS = 200_000

"""Hints: core NATS messages, fire-and-forget, never stored. A hint says "look again", never
what changed: whoever receives one reads the truth from its owner, with the caller's own
access. Losing one only delays the reader, which also looks now and then on its own.
Not events (no event_id, no outbox, no stream, not in the event catalog)."""

import msgspec


class InsightStatusHint(msgspec.Struct, frozen=True, kw_only=True):
    """The insights service committed a change of this insight's status (processing,
    completed, failed, deleted). Only the id: nothing a watcher could not read anyway.
    Subject: contracts.subjects.INSIGHT_STATUS_HINT_V1."""

    insight_id: str


HINT_DECODER = msgspec.json.Decoder(InsightStatusHint)

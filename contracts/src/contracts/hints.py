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


class ReadersChangedHint(msgspec.Struct, frozen=True, kw_only=True):
    """The insights service committed a change to what these users read through it: the
    client and the coach of an insight, and every coach it is or was shared with. Empty:
    anyone's answers may have changed (a relationship moved, say). Only user ids, which the
    listener holds anyway (the gateway, whose cache answers keep them).
    Subject: contracts.subjects.READERS_CHANGED_HINT_V1."""

    user_ids: tuple[str, ...] = ()


HINT_DECODER = msgspec.json.Decoder(InsightStatusHint)
READERS_HINT_DECODER = msgspec.json.Decoder(ReadersChangedHint)

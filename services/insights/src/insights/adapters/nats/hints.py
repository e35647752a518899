"""Hints on core NATS (no stream, no ack): published after the commit, dropped when NATS is
not there. The gateway's live status streams wake on status hints, and its read cache forgets
the answers of the users a readers hint names; losing one only delays a stream until its next
look of its own, and a cached answer until it expires (seconds)."""

import logging
import time

import msgspec
from faststream.nats import NatsBroker

from contracts.hints import InsightStatusHint, ReadersChangedHint
from contracts.subjects import INSIGHT_STATUS_HINT_V1, READERS_CHANGED_HINT_V1
from insights.ports import StatusHints

log = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60.0  # a NATS outage is logged elsewhere; say so once a minute here at most


class NatsStatusHints(StatusHints):
    def __init__(self, broker: NatsBroker, subject: str = INSIGHT_STATUS_HINT_V1,
                 readers_subject: str = READERS_CHANGED_HINT_V1) -> None:
        self._broker = broker
        self._subject = subject
        self._readers_subject = readers_subject
        self._encode = msgspec.json.Encoder().encode
        self._warned_at = float("-inf")

    async def status_changed(self, insight_id: str) -> None:
        await self._send(self._subject, InsightStatusHint(insight_id=insight_id))

    async def readers_changed(self, user_ids: tuple[str, ...]) -> None:
        await self._send(self._readers_subject, ReadersChangedHint(user_ids=user_ids))

    async def _send(self, subject: str, hint: msgspec.Struct) -> None:
        try:
            connection = self._broker.config.connection_state.connection
            # written to the connection's buffer and flushed by its own task: never waits for the server
            await connection.publish(subject, self._encode(hint))
        except Exception as exc:  # not connected, closed, buffer full: a hint is not worth a retry
            if time.monotonic() - self._warned_at > WARN_EVERY_SECONDS:
                self._warned_at = time.monotonic()
                log.warning("hint not sent (%s: %s); live streams and cached answers catch up on their own",
                            type(exc).__name__, exc)

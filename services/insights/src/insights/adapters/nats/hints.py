"""Status hints on core NATS (no stream, no ack): published after the commit, dropped when
NATS is not there. The gateway's live status streams wake on them; losing one only delays
a stream until its next look of its own."""

import logging
import time

import msgspec
from faststream.nats import NatsBroker

from contracts.hints import InsightStatusHint
from contracts.subjects import INSIGHT_STATUS_HINT_V1
from insights.ports import StatusHints

log = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60.0  # a NATS outage is logged elsewhere; say so once a minute here at most


class NatsStatusHints(StatusHints):
    def __init__(self, broker: NatsBroker, subject: str = INSIGHT_STATUS_HINT_V1) -> None:
        self._broker = broker
        self._subject = subject
        self._encode = msgspec.json.Encoder().encode
        self._warned_at = float("-inf")

    async def status_changed(self, insight_id: str) -> None:
        try:
            connection = self._broker.config.connection_state.connection
            # written to the connection's buffer and flushed by its own task: never waits for the server
            await connection.publish(self._subject, self._encode(InsightStatusHint(insight_id=insight_id)))
        except Exception as exc:  # not connected, closed, buffer full: a hint is not worth a retry
            if time.monotonic() - self._warned_at > WARN_EVERY_SECONDS:
                self._warned_at = time.monotonic()
                log.warning("status hint not sent (%s: %s); live streams will see the change on their own look",
                            type(exc).__name__, exc)

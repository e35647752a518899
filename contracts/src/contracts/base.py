"""Base of every event: frozen, keyword-only, explicitly tagged.

Evolution rule (DESIGN.md): add optional fields only; a breaking change is a new
subject version. Unknown fields are ignored on decode so older consumers keep working.
"""

from datetime import UTC, datetime

import msgspec
from uuid6 import uuid7


def new_event_id() -> str:
    return str(uuid7())


def utc_now() -> datetime:
    return datetime.now(UTC)


class Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="event_type"):
    event_id: str = msgspec.field(default_factory=new_event_id)
    occurred_at: datetime = msgspec.field(default_factory=utc_now)

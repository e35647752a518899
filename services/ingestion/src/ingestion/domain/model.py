from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Transcript
from ingestion.domain.errors import (
    InvalidField,
    InvalidSessionDate,
    NoSpeakersFound,
    NoWordsFound,
    TranscriptTooLong,
)
from ingestion.domain.turns import UNKNOWN_SPEAKER

MAX_TITLE_CHARS = 300


@dataclass(frozen=True)
class Relationship:
    relationship_id: str
    coach_user_id: str
    client_user_id: str
    status: str
    coach_name: str | None = None
    client_name: str | None = None
    changed_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.status == "active"

    def includes(self, user_id: str) -> bool:
        return user_id in (self.coach_user_id, self.client_user_id)


@dataclass(frozen=True)
class StoredTranscript:
    id: str
    client_user_id: str
    created_by: str
    is_unpaired: bool
    transcript_source: str
    transcript: Transcript
    created_at: datetime
    coaching_relationship_id: str | None = None
    coach_user_id: str | None = None
    session_date: datetime | None = None
    session_title: str | None = None
    source_filename: str | None = None

    def deletable_by(self, user_id: str) -> bool:
        return user_id == self.client_user_id or (not self.is_unpaired and user_id == self.coach_user_id)


def parse_session_date(value: str | None) -> datetime | None:
    if value is None or not value.strip():
        return None
    raw = value.strip()
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(raw), time())
        except ValueError:
            raise InvalidSessionDate(f"session_date {value!r} is not an ISO 8601 date or date-time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if not 1900 <= parsed.year <= 2200:
        raise InvalidSessionDate(f"session_date {value!r} is out of range")
    return parsed


def check_title(title: str | None) -> str | None:
    if title is None or not title.strip():
        return None
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidField(f"session_title is longer than {MAX_TITLE_CHARS} characters")
    return title.strip()


def check_text(text: str) -> str:
    if len(text) > MAX_TRANSCRIPT_CHARS:
        raise TranscriptTooLong(
            f"the transcript has {len(text):,} characters; the limit is {MAX_TRANSCRIPT_CHARS:,}")
    if not any(ch.isalpha() for ch in text):
        raise NoWordsFound("the transcript contains no words")
    return text


def check_transcript(transcript: Transcript) -> Transcript:
    if not any(ch.isalpha() for turn in transcript.turns for ch in turn.text):
        raise NoWordsFound("the transcript contains no words")
    if all(turn.speaker == UNKNOWN_SPEAKER for turn in transcript.turns):
        # one block of text: who asked and who answered cannot be told, so every insight would be a guess
        raise NoSpeakersFound("no speakers found: start each turn with who is speaking, such as "
                              "\"Coach: ...\" and \"Client: ...\" or the speakers' names")
    return transcript

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from contracts import Event, Turn
from ingestion.domain.model import Relationship, StoredTranscript


class TranscriptRepository(Protocol):
    async def add(self, transcript: StoredTranscript) -> None: ...
    async def get(self, transcript_id: str) -> StoredTranscript | None: ...
    async def delete(self, transcript_id: str) -> None: ...


class RelationshipRepository(Protocol):
    async def get(self, relationship_id: str) -> Relationship | None: ...
    async def upsert(self, relationship: Relationship) -> None: ...


class UnitOfWork(Protocol):
    transcripts: TranscriptRepository
    relationships: RelationshipRepository

    async def __aenter__(self) -> "UnitOfWork": ...
    async def __aexit__(self, *exc: object) -> None: ...
    async def first_time(self, event_id: str, subject: str) -> bool: ...
    async def emit(self, event: Event) -> None: ...
    async def commit(self) -> None: ...


class IdFactory(Protocol):
    def __call__(self) -> str: ...


@dataclass(frozen=True)
class Upload:
    """A received file, spooled to disk; `filename` is the client's and never used as a path."""

    path: Path
    filename: str
    content_type: str | None
    size: int


@dataclass(frozen=True)
class ExtractedTranscript:
    turns: list[Turn]
    source_format: str  # txt | md | vtt | srt | docx | pdf | html


class TextExtractor(Protocol):
    """Turns an uploaded file into speaker turns (roles still unknown). Raises an
    IngestionError subclass (UnsupportedFileType, ContentMismatch, PolyglotFile, EmptyFile,
    CorruptFile, EncryptedFile, ArchiveBomb, EntityExpansion, DecompressionBomb,
    ExtractionTimeout, TranscriptTooLong, NoWordsFound) for anything it cannot read. CPU-bound
    and synchronous: callers run it in a worker thread."""

    def extract(self, upload: Upload) -> ExtractedTranscript: ...

from chassis.refusal import Refusal


class IngestionError(Refusal):
    """A submission we refuse; `code` is stable, the message is for people."""


class NoWordsFound(IngestionError):
    code = "no_words_found"


class NoSpeakersFound(IngestionError):
    code = "no_speakers_found"


class TranscriptTooLong(IngestionError):
    code = "transcript_too_long"
    status = 413


class InvalidSessionDate(IngestionError):
    code = "invalid_session_date"


class InvalidField(IngestionError):
    code = "invalid_field"


class NotFound(IngestionError):
    code = "not_found"
    status = 404


class UploadTooLarge(IngestionError):
    code = "file_too_large"
    status = 413


class UnsupportedFileType(IngestionError):
    code = "unsupported_file_type"
    status = 415


class ContentMismatch(IngestionError):
    """The bytes are not what the extension says (sniffed)."""

    code = "content_mismatch"
    status = 415


class EmptyFile(IngestionError):
    code = "empty_file"


class CorruptFile(IngestionError):
    code = "corrupt_file"


class EncryptedFile(IngestionError):
    code = "encrypted_file"


class ArchiveBomb(IngestionError):
    """A docx whose decompressed size or ratio is past the cap."""

    code = "archive_too_large"


class DecompressionBomb(IngestionError):
    """A document that needs more memory to read than a document may use: a PDF whose streams
    inflate to gigabytes, or anything else that balloons while it is read."""

    code = "decompression_bomb"


class ExtractionTimeout(IngestionError):
    """A document that takes longer to read than a document may take."""

    code = "extraction_timeout"


class EntityExpansion(IngestionError):
    """XML that declares entities (a "billion laughs" attack); Office documents never do."""

    code = "entity_expansion"


class PolyglotFile(IngestionError):
    """Bytes that are two formats at once (a PDF that is also a zip), e.g. to smuggle content."""

    code = "polyglot_file"
    status = 415

class IngestionError(Exception):
    """A submission we refuse; `code` is stable, the message is for people."""

    code = "invalid_input"
    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoWordsFound(IngestionError):
    code = "no_words_found"


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

"""A light TextExtractor for unit tests of the upload path: plain text and Markdown only,
everything else refused with the real errors (the file extractor is exercised elsewhere)."""

from pathlib import PurePosixPath

from ingestion.domain.errors import ContentMismatch, EmptyFile, NoWordsFound, UnsupportedFileType
from ingestion.domain.text_transcript import parse_labelled_text
from ingestion.ports import ExtractedTranscript, TextExtractor, Upload

FORMATS = {".txt": "txt", ".md": "md"}


class PlainTextExtractor(TextExtractor):
    def extract(self, upload: Upload) -> ExtractedTranscript:
        source_format = FORMATS.get(PurePosixPath(upload.filename or "").suffix.lower())
        if source_format is None:
            raise UnsupportedFileType("only .txt and .md transcripts are accepted here")
        raw = upload.path.read_bytes()
        if not raw.strip():
            raise EmptyFile("the uploaded file is empty")
        if b"\x00" in raw:  # UTF-16 or a binary file renamed .txt
            raise ContentMismatch("the file is not UTF-8 text although its name says so")
        text = self._decode(raw)
        turns = parse_labelled_text(text)
        if not any(ch.isalpha() for turn in turns for ch in turn.text):
            raise NoWordsFound("the transcript contains no words")
        return ExtractedTranscript(turns=turns, source_format=source_format)

    @staticmethod
    def _decode(raw: bytes) -> str:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:  # what Windows editors save by default
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ContentMismatch("the file is not text in UTF-8 or Windows-1252") from None

    @staticmethod
    def warm_up() -> None:
        """Nothing to load; here so main.py treats both extractors alike."""

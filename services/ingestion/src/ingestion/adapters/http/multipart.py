"""multipart/form-data read as it streams in: the file part goes to a temp file chunk by
chunk, counted and hashed, and is deleted afterwards; nothing holds the whole body.

Litestar's own form parsing runs before the handler and answers an oversized body with
its generic 413, so uploads are parsed here with the same parser it uses (`multipart`'s
PushMultipartParser), over `request.stream()`."""

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from chassis.problems import Problem
from contracts.limits import MAX_UPLOAD_BYTES
from litestar import Request
from litestar.exceptions import HTTPException
from multipart import MultipartSegment, ParserError, ParserLimitReached, PushMultipartParser

from ingestion.app.filenames import safe_filename
from ingestion.domain.errors import IngestionError, InvalidField, UploadTooLarge
from ingestion.ports import Upload

FILE_FIELD = "transcript_file"
MAX_FIELD_BYTES = 8 * 1024  # ids, dates, titles: far below this
MAX_PARTS = 20
# The file may be MAX_UPLOAD_BYTES; the form's other fields and framing fit in the rest.
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024
TOO_LARGE = f"the upload is larger than the {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit"


class MissingFile(IngestionError):
    code = "missing_file"


@dataclass(frozen=True)
class SpooledForm:
    fields: dict[str, str]
    upload: Upload | None
    sha256: str | None  # of the file's bytes: identifies a retried upload


@asynccontextmanager
async def spooled_form(request: Request, spool_dir: Path | None = None) -> AsyncIterator[SpooledForm]:
    boundary = _boundary(request)
    if (request.content_length or 0) > MAX_BODY_BYTES:  # refuse before reading a byte
        raise UploadTooLarge(TOO_LARGE)
    fd, name = tempfile.mkstemp(prefix="upload-", dir=spool_dir)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as sink:
            form = await _FormReader(boundary, sink).read(request)
        upload = None
        if form.file_seen:
            upload = Upload(path=path, filename=form.filename or "", content_type=form.content_type, size=form.size)
        yield SpooledForm(fields=form.fields, upload=upload, sha256=form.sha.hexdigest() if upload else None)
    finally:
        path.unlink(missing_ok=True)


def _boundary(request: Request) -> str:
    media_type, options = request.content_type
    if media_type != "multipart/form-data":
        raise Problem(415, "unsupported_media_type", "send the transcript as multipart/form-data")
    if not options.get("boundary"):
        raise Problem(400, "invalid_multipart", "the multipart boundary is missing from Content-Type")
    return options["boundary"]


class _FormReader:
    def __init__(self, boundary: str, sink: BinaryIO) -> None:
        self.boundary, self.sink = boundary, sink
        self.fields: dict[str, str] = {}
        self.file_seen, self.filename, self.content_type, self.size = False, None, None, 0
        self.sha = hashlib.sha256()
        self._segment: MultipartSegment | None = None
        self._field = bytearray()

    async def read(self, request: Request) -> "_FormReader":
        received = 0
        try:
            with PushMultipartParser(self.boundary, max_segment_count=MAX_PARTS) as parser:
                async for chunk in request.stream():  # ends with b"", which ends the parser too
                    received += len(chunk)
                    if received > MAX_BODY_BYTES:  # Content-Length absent or lying
                        raise UploadTooLarge(TOO_LARGE)
                    if not parser.closed:
                        for event in parser.parse(chunk):
                            self._on(event)
        except HTTPException as exc:  # Litestar's own request_max_body_size check
            if exc.status_code == 413:
                raise UploadTooLarge(TOO_LARGE) from None
            raise
        except ParserLimitReached:
            raise Problem(400, "invalid_multipart", f"the form has more than {MAX_PARTS} parts") from None
        except ParserError as exc:
            raise Problem(400, "invalid_multipart", f"the multipart body is malformed: {exc}") from None
        return self

    def _on(self, event: MultipartSegment | bytes | bytearray | None) -> None:
        if isinstance(event, MultipartSegment):
            self._start(event)
        elif event is None:
            self._end()
        elif self._segment is not None and self._segment.name == FILE_FIELD:
            self.size += len(event)
            if self.size > MAX_UPLOAD_BYTES:
                raise UploadTooLarge(TOO_LARGE)
            self.sha.update(event)
            self.sink.write(event)
        else:
            self._field += event
            if len(self._field) > MAX_FIELD_BYTES:
                raise InvalidField(f"form field {self._segment.name!r} is longer than {MAX_FIELD_BYTES} bytes")

    def _start(self, segment: MultipartSegment) -> None:
        self._segment = segment
        if segment.name == FILE_FIELD:
            if self.file_seen:
                raise InvalidField(f"send one {FILE_FIELD}, not several")
            self.file_seen = True
            self.filename = safe_filename(segment.filename)
            self.content_type = segment.content_type

    def _end(self) -> None:
        segment, self._segment = self._segment, None
        if segment is None or segment.name == FILE_FIELD:
            # a browser's empty file input sends filename="" and no bytes: no file at all
            if segment is not None and not segment.filename and self.size == 0:
                self.file_seen = False
            return
        try:
            self.fields.setdefault(segment.name, self._field.decode(segment.charset or "utf-8"))
        except (UnicodeDecodeError, LookupError):
            raise InvalidField(f"form field {segment.name!r} is not valid UTF-8") from None
        finally:
            self._field.clear()

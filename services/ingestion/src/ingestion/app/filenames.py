"""A client's filename is never trusted: only a tidy basename is kept (for display and for
the extension the extractor checks against the content); it never becomes a path."""

import unicodedata
from pathlib import PurePosixPath

MAX_FILENAME_CHARS = 200
MAX_SUFFIX_CHARS = 16


def safe_filename(raw: str | None) -> str | None:
    if not raw:
        return None
    # both separators: a Windows browser may send `C:\\Users\\me\\notes.txt`
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    # control, format (bidi overrides), surrogate and private-use characters
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".").rstrip(". ")  # no hidden or dot-only names
    if len(name) > MAX_FILENAME_CHARS:
        suffix = PurePosixPath(name).suffix
        suffix = suffix if len(suffix) <= MAX_SUFFIX_CHARS else ""
        name = name[: MAX_FILENAME_CHARS - len(suffix)] + suffix
    return name or None

"""A transcript laid out as a table (a row a turn: speaker and speech, often a time too) -> one
line a row, in the shape the line layouts read: `[00:03] Maya Chen: What brings you here?`.

Joined as they were, the cells of a whole table came out as one run of text with no speaker in
it, and a document that was all table had no words to show."""

import re

from ingestion.domain.text_transcript import TIME_ONLY

# what a table's heading row says above its columns
_HEADINGS = {"speaker", "name", "who", "time", "timestamp", "start", "end", "text", "transcript", "utterance",
             "speech", "dialogue", "said", "content", "role", "participant", "comments", "notes"}
_MAX_NAME_WORDS = 4


def row_line(cells: list[str]) -> str | None:
    """The row as a line, or None for a heading row or an empty one."""
    texts: list[str] = []
    for cell in cells:
        text = " ".join(cell.split())
        if text and (not texts or texts[-1] != text):  # a merged cell repeats itself across its span
            texts.append(text)
    if not texts or all(re.sub(r"[^a-z]", "", t.lower()) in _HEADINGS for t in texts):
        return None
    times = [t for t in texts if TIME_ONLY.match(t)]
    rest = [t for t in texts if not TIME_ONLY.match(t)]
    stamp = f"[{times[0].strip('[]()')}] " if times else ""
    if len(rest) == 2 and len(rest[0].split()) <= _MAX_NAME_WORDS and ":" not in rest[0]:
        return f"{stamp}{rest[0]}: {rest[1]}"
    return " ".join(rest)

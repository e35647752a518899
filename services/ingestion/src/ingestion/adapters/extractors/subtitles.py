"""WebVTT (Zoom, Teams) and SubRip cues -> timed, speaker-labelled cues.

webvtt-py and pysrt parse the files (cue ids, settings, timings, tags); this module only finds
each line's speaker: a `<v Name>` voice span (Teams; a missing `</v>` is fine) or a leading
`Name:` label (Zoom, most SRT exports). Cues are sorted by start time: Teams exports are
sometimes out of order."""

import html

import pysrt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ingestion.domain.errors import CorruptFile
from ingestion.domain.text_transcript import LABELLED_LINE
from ingestion.domain.turns import Cue

VOICE = webvtt.Caption.VOICE_SPAN_PATTERN
MAX_LABEL_WORDS = 4


def _labelled(text: str) -> tuple[str | None, str]:
    match = LABELLED_LINE.match(text)
    if match and not match["ts"] and len(match["speaker"].split()) <= MAX_LABEL_WORDS:
        return match["speaker"].strip(), match["text"]
    return None, text


def _cues_from_lines(raw_lines: list[str], plain_lines: list[str], start: float, end: float) -> list[Cue]:
    """One cue per speaker within a caption: a caption may hold two voices on two lines.
    `plain_lines` are the same lines with tags removed by the subtitle library."""
    if len(raw_lines) != len(plain_lines):  # a tag spanning lines: treat the cue as one line
        raw_lines, plain_lines = [" ".join(raw_lines)], [" ".join(plain_lines)]
    cues: list[Cue] = []
    for raw, plain in zip(raw_lines, plain_lines, strict=True):
        voice = VOICE.match(raw.strip())
        text = html.unescape(plain).strip()
        if not text:
            continue
        speaker = voice.group(1).strip() if voice else None
        if speaker is None:
            speaker, text = _labelled(text)
            if speaker is None and cues:  # a wrapped second line of the same speaker
                cues[-1] = Cue(cues[-1].speaker, f"{cues[-1].text} {text}", start, end)
                continue
        cues.append(Cue(speaker, text, start, end))
    return cues


def vtt_cues(text: str) -> list[Cue]:
    try:
        captions = webvtt.from_string(text).captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise CorruptFile(f"the .vtt file is malformed ({exc})") from None
    if not captions:
        raise CorruptFile("the .vtt file has no subtitle cues that can be read")
    cues: list[Cue] = []
    for caption in sorted(captions, key=lambda c: c.start_time.in_milliseconds()):
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        cues += _cues_from_lines(caption.lines, caption.text.split("\n"), start, end)
    return cues


def srt_cues(text: str) -> list[Cue]:
    # Lenient like players are: a malformed item is skipped, not fatal.
    items = pysrt.from_string(text, error_handling=pysrt.SubRipFile.ERROR_PASS)
    if not items:
        raise CorruptFile("the .srt file has no subtitle cues that can be read")
    cues: list[Cue] = []
    for item in sorted(items, key=lambda i: i.start.ordinal):
        start, end = item.start.ordinal / 1000, item.end.ordinal / 1000
        cues += _cues_from_lines(item.text.split("\n"), item.text_without_tags.split("\n"), start, end)
    return cues

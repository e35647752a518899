"""Plain text, pasted or in a .txt file, -> speaker turns. People paste what their tool gave
them: a subtitle file's text (Zoom's and Teams' .vtt, an .srt) is read as those files are,
anything else by the line layouts (Otter, Rev, Fireflies, `Name: text`, ...)."""

import re

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.adapters.extractors import subtitles
from ingestion.domain.transcript_lines import TextLines, parse_transcript_lines
from ingestion.domain.turns import merge_cues

# an .srt's first cue: its number, then its timing line
_SRT_START = re.compile(r"\A\d+[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")


def plain_text_turns(text: str, max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    head = text.lstrip("\ufeff \t\r\n")[:200]
    if head.startswith("WEBVTT"):
        return vtt_turns(text, max_chars)
    if _SRT_START.match(head):
        return srt_turns(text, max_chars)
    return parse_transcript_lines(TextLines(text), max_chars=max_chars)


def vtt_turns(text: str, max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    return merge_cues(subtitles.vtt_cues(text, max_chars), max_chars)


def srt_turns(text: str, max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Turn]:
    return merge_cues(subtitles.srt_cues(text, max_chars), max_chars)

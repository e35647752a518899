"""WebVTT (Zoom, Teams) and SubRip cues -> timed, speaker-labelled cues.

webvtt-py and pysrt parse the files (cue ids, settings, timings, tags); this module only finds
each line's speaker: a `<v Name>` voice span (Teams; a missing `</v>` is fine), a leading
`Name:` label (Zoom, most SRT exports) or a leading `[Name]` (some caption exports, read as the
plain-text reader does: arrow_labels). Cues are sorted by start time: Teams exports are
sometimes out of order.

In brackets a caption as often holds a sound ("[Laughter]", "[MUSIC]", "[inaudible 00:12]"), so
a bracketed name is held to more than a label is: not a transcriber's note, and written as a name
is, each word capitalised and not in capitals throughout ("[DOOR SLAMS]" is how broadcast
captions write a sound). A line opening with a sound is no label: it stays with the speaker
around it.

A line of a cue that opens with a dialogue dash (`- `, `– `, or `-` against the first word) is,
by the subtitle convention, another person speaking. The dash is no speech: it is dropped and a
`Name:` label after it read (`- Coach: ...`, `-Maya: ...`). A dash line with no label is kept
as a cue of its own, speaker unknown and marked as a new speaker, so it starts a turn of its
own: who said it cannot be told, but gluing it to the line before would put two people's words
in one mouth. A line without a dash still continues the speaker of the line above (a wrapped
line), and a cue without a label or a dash the speaker of the cue before it. Broadcast
captions mark a new speaker with `>>` (`>>>` a new story too) where others use the dash,
mostly before a label (`>> MAYA: ...`): it is read as a dash is.

Both are read a part at a time (pysrt's `stream`, WebVTT in batches of whole blocks) and the
speech seen so far is counted, so a file with more than `max_chars` of speech is refused once
that much has been read, not after parsing all of it (webvtt-py takes about a second per MB)."""

import dataclasses
import html
import re
from collections.abc import Iterator

import pysrt
import webvtt
from contracts.limits import MAX_TRANSCRIPT_CHARS
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ingestion.domain.arrow_labels import bracketed, capitalised
from ingestion.domain.errors import CorruptFile
from ingestion.domain.text_transcript import labelled
from ingestion.domain.turns import STAGE_DIRECTION, Cue, too_long

VOICE = webvtt.Caption.VOICE_SPAN_PATTERN
# a hyphen or en dash, then a space or the first word: not "--" (an interruption carried over)
# nor "-5" (a number); or broadcast captions' ">>" (">>>" opening a new story)
DIALOGUE_DASH = re.compile(r"^(?:>>>?\s*+|[-–](?:\s++|(?=[^\s\d\-–])))")
VTT_BATCH_CHARS = 64 * 1024
TEXT_CHUNK_CHARS = 64 * 1024


def _labelled(text: str) -> tuple[str | None, str]:
    match = labelled(text)
    if match and not match["ts"]:
        return match["speaker"].strip(), match["text"]
    if text.startswith("[") and (named := _bracketed_name(text)):
        return named
    return None, text


def _bracketed_name(text: str) -> tuple[str, str] | None:
    """`[Maya Chen] speech`, not a sound: see the module's docstring."""
    named = bracketed(text)
    if named is None or not capitalised(named[0]) or named[0].isupper():
        return None
    return named


def _cues_from_lines(raw_lines: list[str], plain_lines: list[str], start: float, end: float) -> list[Cue]:
    """One cue per speaker within a caption: a caption may hold two voices on two lines.
    `plain_lines` are the same lines with tags removed by the subtitle library."""
    if len(raw_lines) != len(plain_lines):  # a tag spanning lines: treat the cue as one line
        raw_lines, plain_lines = [" ".join(raw_lines)], [" ".join(plain_lines)]
    voices: list[tuple[str | None, bool, list[str]]] = []
    for raw, plain in zip(raw_lines, plain_lines, strict=True):
        text = html.unescape(plain).strip()
        dash = DIALOGUE_DASH.match(text)
        if dash:
            text, raw = text[dash.end():], DIALOGUE_DASH.sub("", raw.strip(), count=1)
        if not text:
            continue
        voice = VOICE.match(raw.strip())
        speaker = voice.group(1).strip() if voice else None
        if speaker is None:
            speaker, text = _labelled(text)
            if speaker is None and voices and not dash:  # a wrapped second line of the same speaker
                voices[-1][2].append(text)
                continue
        voices.append((speaker, bool(dash) and speaker is None, [text]))
    return [Cue(speaker, " ".join(pieces), start, end, new_speaker) for speaker, new_speaker, pieces in voices]


class _Budget:
    """Counts the speech of the cues read so far (as merge_cues will normalise it: a lower bound
    of the transcript's length, since merging only adds spaces)."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars, self.chars = max_chars, 0

    def spend(self, cues: list[Cue]) -> list[Cue]:
        self.chars += sum(len(" ".join(cue.text.split())) for cue in cues)
        if self.chars > self.max_chars:
            raise too_long(self.max_chars)
        return cues


def _vtt_batches(text: str) -> Iterator[str]:
    """Whole blocks (a block ends at an empty line), about VTT_BATCH_CHARS at a time; every batch
    after the first gets a header of its own so webvtt-py accepts it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    start = 0
    while start < len(text):
        cut = text.find("\n\n", start + VTT_BATCH_CHARS)
        end = len(text) if cut < 0 else cut + 2
        yield text[start:end] if start == 0 else "WEBVTT\n\n" + text[start:end]
        start = end


def vtt_cues(text: str, max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Cue]:
    budget = _Budget(max_chars)
    timed: list[tuple[int, list[Cue]]] = []
    try:
        for batch in _vtt_batches(text):
            for caption in webvtt.from_string(batch).captions:
                start_ms = caption.start_time.in_milliseconds()
                cues = _cues_from_lines(caption.lines, caption.text.split("\n"), start_ms / 1000,
                                        caption.end_time.in_milliseconds() / 1000)
                timed.append((start_ms, budget.spend(cues)))
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise CorruptFile(f"the .vtt file is malformed ({exc})") from None
    if not timed:
        raise CorruptFile("the .vtt file has no subtitle cues that can be read")
    return _carried(timed)


def _lines_with_ends(text: str) -> Iterator[str]:
    """`text.splitlines(True)` a chunk at a time (chunks end after a newline, so none is split)."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + TEXT_CHUNK_CHARS)
        end = len(text) if cut < 0 else cut + 1
        yield from text[start:end].splitlines(True)
        start = end


def srt_cues(text: str, max_chars: int = MAX_TRANSCRIPT_CHARS) -> list[Cue]:
    # Lenient like players are: a malformed item is skipped, not fatal.
    budget = _Budget(max_chars)
    timed: list[tuple[int, list[Cue]]] = []
    for item in pysrt.SubRipFile.stream(_lines_with_ends(text), error_handling=pysrt.SubRipFile.ERROR_PASS):
        start, end = item.start.ordinal / 1000, item.end.ordinal / 1000
        cues = _cues_from_lines(item.text.split("\n"), item.text_without_tags.split("\n"), start, end)
        timed.append((item.start.ordinal, budget.spend(cues)))
    if not timed:
        raise CorruptFile("the .srt file has no subtitle cues that can be read")
    return _carried(timed)


def _carried(timed: list[tuple[int, list[Cue]]]) -> list[Cue]:
    """The cues in time order, each unlabelled one said by the speaker of the cue before it.
    Captions that name speakers mostly name them where the speaker changes, not on every cue
    (`>> MAYA: ...` then the rest of what she says over three cues); only a dialogue dash says
    the speaker changed without saying who. A sound (`[Laughter]`) is left unlabelled, to be
    dropped as speech of no one."""
    out: list[Cue] = []
    speaker: str | None = None
    for _, cues in sorted(timed, key=lambda item: item[0]):
        for cue in cues:
            if cue.speaker is not None or cue.new_speaker:
                speaker = cue.speaker
            elif speaker is not None and not STAGE_DIRECTION.match(cue.text.strip()):
                cue = dataclasses.replace(cue, speaker=speaker)
            out.append(cue)
    return out

"""Hypothesis on the transcript parsers and role inference: any text gives turns or the domain's
own refusal (an IngestionError), never another exception, and the work is linear: each reading of the
text builds no more characters of turns than the input has (the old merge built n²/2 for n lines).
No deadlines: the clock is not what is checked (bench/parse_limits.py prints timings)."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ingestion.adapters.extractors import FileTextExtractor, subtitles
from ingestion.domain import headed, text_transcript, turns
from ingestion.domain.errors import IngestionError, TranscriptTooLong
from ingestion.domain.roles import assign_roles
from ingestion.domain.transcript_lines import TextLines, parse_transcript_lines
from ingestion.ports import Upload

from contracts import Transcript, Turn

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.sampled_from(["Coach", "Client", "Maya Chen", "Dr. O'Neil", "Speaker 2", "a", "(x)", "Ünal", "1:00"])
times = st.sampled_from(["", "[00:15] ", "00:01:15 ", "(1:02) ", "12:07 - ", "[1:00:00,5]"])
speech = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
line = st.one_of(
    st.builds(lambda t, n, s: f"{t}{n}: {s}", times, names, speech),  # `Name: text`
    st.builds(lambda n, g, t: f"{n}{g}{t}", names, st.sampled_from(["  ", "\t", "   ", " "]),
              st.sampled_from(["0:03", "12:07", "1:02:03", "5:30.5"])),  # Otter/Teams header
    st.builds(lambda n, a, s: f"{n}{a}{s}", names, st.sampled_from([" > ", "> ", " -> ", " >> "]), speech),
    st.builds(lambda d, n, s: f"{d}{n}{s}", st.sampled_from(["- ", "-", "– "]),
              st.sampled_from(["", "Coach: ", "Maya: "]), speech),  # a subtitle's dialogue dash
    speech,
    st.sampled_from(["", " ", "WEBVTT", "-->", "00:00:01.000 --> 00:00:02.000", "<v Ana>hi</v>", "[laughs]"]),
)
newline = st.sampled_from(["\n", "\r\n", "\r", "\x0b", "\u2028", "\x85"])
# `Name > text` from a few names, so that they recur
chat_line = st.builds(lambda n, s: f"{n} > so {s}", st.sampled_from(["Maya Chen", "tom", "Ünal"]), speech)
transcript_text = st.one_of(
    st.builds(lambda lines, nl: nl.join(lines), st.lists(line, max_size=40), newline),
    st.builds(lambda lines, nl: nl.join(lines), st.lists(st.one_of(chat_line, speech), min_size=4, max_size=20),
              newline),
    st.text(max_size=400),
)


class CountingTurns:
    """Adds up the characters of every Turn the parsers build."""

    def __init__(self, monkeypatch) -> None:
        self.chars = 0
        for module in (text_transcript, turns, headed):
            monkeypatch.setattr(module, "Turn", self, raising=False)

    def __call__(self, **fields) -> Turn:
        self.chars += len(fields["text"])
        return Turn(**fields)


def check_turns(result: list[Turn], max_chars: int) -> None:
    assert all(isinstance(turn, Turn) and turn.text.strip() and turn.speaker.strip() for turn in result)
    assert sum(len(turn.text) for turn in result) <= max_chars


@FUZZ
@given(text=transcript_text, max_chars=st.sampled_from([50, 200_000]), drop_preamble=st.booleans())
@example(text="A000 0\rB 1\rA000 1\rB 0", max_chars=50, drop_preamble=False)  # read twice by the first parser
def test_any_text_gives_turns_or_a_refusal_and_linear_work(text, max_chars, drop_preamble):
    with pytest.MonkeyPatch.context() as patch:
        counted = CountingTurns(patch)
        try:
            check_turns(parse_transcript_lines(TextLines(text), drop_preamble=drop_preamble, max_chars=max_chars),
                        max_chars)
            check_turns(text_transcript.parse_labelled_text(text, max_chars), max_chars)
        except TranscriptTooLong:
            pass
        # two parsers, and the first reads the text a second time where no line named a speaker but the
        # lines turn out to be a table's rows ("A000 0\rB 1\rA000 1\rB 0"): three readings at most
        assert counted.chars <= 3 * len(text)


@FUZZ
@given(cues=st.lists(st.builds(turns.Cue, st.one_of(st.none(), names), speech,
                               st.one_of(st.none(), st.floats(0, 1e5)), st.one_of(st.none(), st.floats(0, 1e5))),
                     max_size=60))
def test_any_cues_merge_into_turns_with_linear_work(cues):
    with pytest.MonkeyPatch.context() as patch:
        counted = CountingTurns(patch)
        check_turns(turns.merge_cues(cues), 200_000)
        assert counted.chars <= sum(len(cue.text) + 1 for cue in cues)


cue_timing = st.sampled_from(["00:00:01.000 --> 00:00:02.000", "00:01.000 --> 00:02.000", "1 --> 2",
                              "00:00:05,500 --> 00:00:04,000", "99:99:99.999 --> 00:00:00.000"])
subtitle_block = st.builds(lambda cue_id, timing, lines: "\n".join([cue_id, timing, *lines]),
                           st.sampled_from(["", "1", "cue-x", "NOTE", "STYLE"]), cue_timing, st.lists(line, max_size=4))


@FUZZ
@given(blocks=st.lists(subtitle_block, max_size=12), header=st.sampled_from(["WEBVTT", "WEBVTT - x", ""]),
       separator=st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
def test_any_subtitles_give_cues_or_a_refusal(header, blocks, separator):
    body = separator.join(blocks)
    for parse, text in ((subtitles.vtt_cues, f"{header}\n\n{body}"), (subtitles.srt_cues, body)):
        try:
            cues = parse(text, 200_000)
        except IngestionError:
            continue
        assert all(isinstance(cue, turns.Cue) for cue in cues)


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), transcript_text.map(lambda text: text.encode("utf-8", "replace")),
                      st.builds(lambda blocks: ("WEBVTT\n\n" + "\n\n".join(blocks)).encode(),
                                st.lists(subtitle_block, max_size=8))),
       ext=st.sampled_from(["txt", "vtt", "srt"]))
def test_any_uploaded_text_file_gives_turns_or_a_refusal(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload"
        path.write_bytes(data)
        try:
            result = FileTextExtractor().extract(Upload(path=path, filename=f"t.{ext}", content_type=None,
                                                        size=len(data)))
        except IngestionError:
            return
    check_turns(result.turns, 200_000)


@FUZZ
@given(text=transcript_text, coach=st.one_of(st.none(), names, speech), client=st.one_of(st.none(), names, speech),
       hint=st.one_of(st.none(), names, speech))
def test_role_inference_gives_every_speaker_one_role(text, coach, client, hint):
    parsed = text_transcript.parse_labelled_text(text)
    transcript = assign_roles(parsed, coach_name=coach, client_name=client, coach_speaker=hint)
    assert isinstance(transcript, Transcript)
    assert [speaker.speaker for speaker in transcript.speakers] == list(dict.fromkeys(t.speaker for t in parsed))
    assert all(turn.role in ("coach", "client", "unknown") for turn in transcript.turns)
    assert sum(speaker.role == "coach" for speaker in transcript.speakers if speaker.decided_by == "heuristic") <= 1

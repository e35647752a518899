"""Parsing is linear and stops at the character limit (defect 5 of issue 10).

Work is measured by counting, not by the clock: `built_chars` adds up the text of every Turn the
parsers construct. Re-joining a speaker's growing text for each new line (the old merge) built
n²/2 characters for n short lines; the builder builds each character once. A count past the
bound raises inside the parser, so the old code fails fast instead of running for minutes."""

import asyncio
import importlib
import time

import pytest
from chassis.identity import Identity
from chassis.problems import EXCEPTION_HANDLERS
from contracts.limits import MAX_TRANSCRIPT_CHARS
from ingestion.adapters.extractors import FileTextExtractor, subtitles
from ingestion.adapters.http import routes
from ingestion.domain import headed, text_transcript, turns
from ingestion.domain.errors import TranscriptTooLong
from ingestion.domain.transcript_lines import parse_transcript_lines
from ingestion.ports import Upload
from litestar import Litestar
from litestar.di import Provide
from litestar.testing import AsyncTestClient

from contracts import Turn

from ..fakes import FakeUnitOfWork
from ..plain_text_extractor import PlainTextExtractor

TEN_MB = 10 * 1024 * 1024
route_module = importlib.import_module("ingestion.adapters.http.routes")  # the package exports a same-named function


class TooMuchWork(AssertionError):
    pass


@pytest.fixture
def built_chars(monkeypatch):
    """Counts the characters of every Turn the parsers build; past `limit[0]` it raises."""
    count, limit = [0], [10**12]

    def counting_turn(**fields) -> Turn:
        count[0] += len(fields["text"])
        if count[0] > limit[0]:
            raise TooMuchWork(f"the parser built {count[0]:,} characters of turns")
        return Turn(**fields)

    for module in (text_transcript, turns, headed):
        monkeypatch.setattr(module, "Turn", counting_turn, raising=False)
    return count, limit


def short_lines(n: int) -> str:
    return "Coach: hi\n" + "ok\n" * n


def clock(seconds: float, comma: bool = False) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    text = f"{int(h):02d}:{int(m):02d}:{s:06.3f}"
    return text.replace(".", ",") if comma else text


def ten_mb_of_cues(fmt: str) -> tuple[bytes, int]:
    parts, size, count = ["WEBVTT\n\n" if fmt == "vtt" else ""], 0, 0
    while size < TEN_MB - 64:
        head = "" if fmt == "vtt" else f"{count + 1}\n"
        parts.append(f"{head}{clock(count, fmt == 'srt')} --> {clock(count + 0.5, fmt == 'srt')}\nok\n\n")
        size += len(parts[-1])
        count += 1
    return "".join(parts).encode(), count


def extract(tmp_path, filename: str, data: bytes, **limits):
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    return FileTextExtractor(**limits).extract(Upload(path=path, filename=filename, content_type=None, size=len(data)))


@pytest.mark.parametrize("n", [1_000, 20_000])
def test_merging_a_speakers_lines_builds_each_character_once(built_chars, n):
    count, limit = built_chars
    text = short_lines(n)
    limit[0] = 2 * len(text)
    result = parse_transcript_lines(text.splitlines())
    assert [turn.text.count("ok") for turn in result] == [n]
    assert count[0] <= len(text)


def test_merging_cues_builds_each_character_once(built_chars):
    count, limit = built_chars
    cues = [turns.Cue("Ana", "ok", float(i), i + 0.5) for i in range(20_000)]
    limit[0] = 4 * len(cues)
    assert len(turns.merge_cues(cues)) == 1
    assert count[0] == len("ok ") * len(cues) - 1


def test_a_10_mb_text_file_of_short_lines_is_refused_having_built_no_more_than_the_limit(tmp_path, built_chars):
    count, limit = built_chars
    limit[0] = 2 * MAX_TRANSCRIPT_CHARS
    data = short_lines(TEN_MB // 3).encode()[:TEN_MB]
    with pytest.raises(TranscriptTooLong, match="200,000"):
        extract(tmp_path, "flood.txt", data)
    assert count[0] <= MAX_TRANSCRIPT_CHARS


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_a_10_mb_subtitle_file_of_short_cues_is_refused_before_it_is_all_read(tmp_path, monkeypatch, built_chars,
                                                                               fmt):
    count, limit = built_chars
    limit[0] = 2 * MAX_TRANSCRIPT_CHARS
    captions = [0]
    real = subtitles._cues_from_lines

    def counting(*args):
        captions[0] += 1
        return real(*args)

    monkeypatch.setattr(subtitles, "_cues_from_lines", counting)
    data, cues = ten_mb_of_cues(fmt)
    with pytest.raises(TranscriptTooLong, match="200,000"):
        extract(tmp_path, f"flood.{fmt}", data)
    # "ok" is two characters: the limit is passed after ~100,000 of the file's ~290,000 cues
    assert captions[0] < cues // 2
    assert count[0] == 0  # refused before a single turn was built


async def test_pasted_text_is_parsed_off_the_event_loop(tmp_path, monkeypatch):
    parsed_on = []
    real = route_module.plain_text_turns

    def recording(text, *args, **kwargs):
        try:
            asyncio.get_running_loop()
            parsed_on.append("an event loop's thread")
        except RuntimeError:
            parsed_on.append("a worker thread")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(route_module, "plain_text_turns", recording)

    async def caller() -> Identity:
        return Identity(user_id="client-1")

    app = Litestar(route_handlers=routes(FakeUnitOfWork, lambda: "id-1", PlainTextExtractor(), tmp_path),
                   dependencies={"caller": Provide(caller)}, exception_handlers=EXCEPTION_HANDLERS)
    async with AsyncTestClient(app) as client:
        response = await client.post("/v1/transcripts/unpaired/from-text",
                                     json={"transcript_text": "Coach: How was it?\nClient: Better."})
    assert response.status_code == 202, response.text
    assert parsed_on == ["a worker thread"]


def _best_time(work, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("line", [
    "Maya{gap}x",  # an Otter header's name, a gap, then no time
    "[1:00{gap}-{gap}x",  # a timestamp, then no speaker
    "Maya{gap}({gap}1:00{gap}x",  # a Rev header's name, a gap, a bracket, then more than the time
    "Maya{gap}-{gap}1:00{gap}x",  # a Fireflies header with speech after the time
    "Maya{gap}:{gap}(1:00{gap}x",  # a name, a colon and a time that does not end the line
    "1:00{gap}-->{gap}2:00{gap}x",  # a time range with speech after it
    "Maya: 1:00{gap}pm{gap}x",  # a label and a clock time that is not all the line holds
    "MAYA{gap}x",  # a name in capitals, then speech
])
def test_a_long_line_of_spaces_costs_no_more_per_character_than_a_short_one(line):
    """Relative scaling, not wall clock: the same number of characters as 160 short lines or as
    20 lines eight times longer must take about as long. Backtracking into two adjacent runs of
    whitespace made each line cost its length cubed (a 16 KB line: minutes)."""
    short = "\n".join([line.format(gap=" " * 250)] * 160)
    long = "\n".join([line.format(gap=" " * 2_000)] * 20)
    ratio = _best_time(lambda: parse_transcript_lines(long.splitlines())) / \
        _best_time(lambda: parse_transcript_lines(short.splitlines()))
    assert ratio < 4, f"8x longer lines cost {ratio:.1f}x as much for the same characters"


def test_webvtt_read_in_batches_gives_the_cues_of_one_pass():
    """Batches are cut only at empty lines and each gets a header: nothing else may change."""
    import webvtt
    from pathlib import Path

    sample = (Path(__file__).resolve().parents[4] / "samples" / "teams-session.vtt").read_text()
    body = sample.split("\n\n", 1)[1]
    text = sample + "\n\nNOTE a comment\nover two lines\n\n" + "\n\n".join([body] * 200)
    assert len(text) > 4 * subtitles.VTT_BATCH_CHARS
    one_pass = []
    for caption in sorted(webvtt.from_string(text).captions, key=lambda c: c.start_time.in_milliseconds()):
        one_pass += subtitles._cues_from_lines(caption.lines, caption.text.split("\n"),
                                               caption.start_time.in_milliseconds() / 1000,
                                               caption.end_time.in_milliseconds() / 1000)
    assert subtitles.vtt_cues(text, max_chars=10**9) == one_pass


def test_control_characters_never_reach_a_turn():
    from ingestion.domain.turns import TurnBuilder

    builder = TurnBuilder()
    builder.add("Coach\x00", "What\x00 would you\x07 like?")
    turn = builder.turns()[0]
    assert turn.speaker == "Coach" and turn.text == "What would you like?"

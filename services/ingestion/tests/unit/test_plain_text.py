"""Pasted text and .txt files are read as what the user's tool exported: a subtitle file's text,
a header-then-body export, or `Name: text` lines."""

from ingestion.adapters.http.routes import pasted_turns


def _said(text: str) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in pasted_turns(text)]


def test_a_pasted_zoom_vtt_gives_its_speakers_not_its_timings():
    vtt = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nMaya Chen: What would you like to focus on?\n\n"
           "2\n00:00:05.000 --> 00:00:09.000\nTom Park: Delegation.\n")
    assert _said(vtt) == [("Maya Chen", "What would you like to focus on?"), ("Tom Park", "Delegation.")]


def test_a_pasted_srt_gives_its_speech_without_numbers_or_timings():
    srt = "1\n00:00:01,000 --> 00:00:04,000\nMaya: Hello.\n\n2\n00:00:05,000 --> 00:00:09,000\nTom: Hi.\n"
    assert _said(srt) == [("Maya", "Hello."), ("Tom", "Hi.")]


def test_a_pasted_rev_or_otter_export_gives_one_turn_a_block():
    rev = "Maya Chen (00:00:03):\nWhat would you like to focus on?\n\nTom Park (00:00:09):\nDelegation.\n"
    otter = "Maya Chen  0:03\nWhat would you like to focus on?\n\nTom Park  0:09\nDelegation.\n"
    for text in (rev, otter):
        assert _said(text) == [("Maya Chen", "What would you like to focus on?"), ("Tom Park", "Delegation.")]

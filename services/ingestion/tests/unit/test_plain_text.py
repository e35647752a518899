"""Pasted text and .txt files are read as what the user's tool exported: a subtitle file's text,
a header-then-body export, or `Name: text` lines."""

from ingestion.adapters.extractors import FileTextExtractor
from ingestion.adapters.http.routes import pasted_turns
from ingestion.ports import Upload


def _said(text: str) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in pasted_turns(text)]


def _uploaded(tmp_path, filename: str, text: str) -> list[tuple[str, str]]:
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    upload = Upload(path=path, filename=filename, content_type=None, size=path.stat().st_size)
    return [(t.speaker, t.text) for t in FileTextExtractor().extract(upload).turns]


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


def test_an_srt_cue_with_dialogue_dashes_pasted_or_uploaded_gives_each_dash_its_own_speaker(tmp_path):
    srt = ("11\n00:00:58,000 --> 00:01:01,000\nCoach: Welcome back.\n\n"
           "12\n00:01:02,000 --> 00:01:05,000\n- Coach: How did the conversation with Priya go?\n"
           "- Client: Better than I expected.\n\n"
           "13\n00:01:06,000 --> 00:01:09,000\n-Coach: What made it better?\n"
           "-Client: I listened\nmore than I talked.\n")
    expected = [("Coach", "Welcome back. How did the conversation with Priya go?"), ("Client", "Better than I expected."),
                ("Coach", "What made it better?"), ("Client", "I listened more than I talked.")]
    assert _said(srt) == expected
    assert _uploaded(tmp_path, "session.srt", srt) == expected


def test_dialogue_dashes_without_labels_are_two_turns_not_one_speaker_saying_both():
    srt = ("11\n00:00:58,000 --> 00:01:01,000\nCoach: Welcome back.\n\n"
           "12\n00:01:02,000 --> 00:01:05,000\n- How did the conversation with Priya go?\n"
           "- Better than I expected.\n\n"
           "13\n00:01:06,000 --> 00:01:09,000\nClient: She agreed to the plan.\n")
    assert _said(srt) == [("Coach", "Welcome back."), ("Unknown", "How did the conversation with Priya go?"),
                          ("Unknown", "Better than I expected."), ("Client", "She agreed to the plan.")]


def test_pasted_name_arrow_text_lines_give_their_speakers():
    chat = ("Maya Chen > How are you arriving today?\nTom Park > Tired, honestly.\n"
            "Maya Chen > What's behind the tiredness?\nTom Park > Long weeks.\nI keep saying yes.\n")
    assert _said(chat) == [("Maya Chen", "How are you arriving today?"), ("Tom Park", "Tired, honestly."),
                           ("Maya Chen", "What's behind the tiredness?"),
                           ("Tom Park", "Long weeks. I keep saying yes.")]


def test_a_greater_than_sign_in_prose_makes_no_speaker():
    labelled = "Coach: What matters most now?\nClient: Honestly,\ngrowth > comfort for me\nGrowth > comfort.\n"
    assert _said(labelled) == [("Coach", "What matters most now?"),
                               ("Client", "Honestly, growth > comfort for me Growth > comfort.")]
    notes = "My rules this year:\ngrowth > comfort for me\nProgress > perfection\nProgress > speed\n"
    assert {speaker for speaker, _ in _said(notes)} == {"Unknown"}


def _srt(*cues: str) -> str:
    return "".join(f"{n}\n00:00:{n:02},000 --> 00:00:{n:02},900\n{cue}\n\n" for n, cue in enumerate(cues, 1))


def _vtt(*cues: str) -> str:
    return "WEBVTT\n\n" + "".join(f"00:00:{n:02}.000 --> 00:00:{n:02}.900\n{cue}\n\n" for n, cue in enumerate(cues, 1))


BRACKETED = ("[Maya Chen] Hi Jordan, what would you like to focus on today?",
             "[Jordan] I keep saying yes to everything at work.")
BRACKETED_SAID = [("Maya Chen", "Hi Jordan, what would you like to focus on today?"),
                  ("Jordan", "I keep saying yes to everything at work.")]


def test_subtitle_cues_opening_with_a_bracketed_name_are_that_speakers_pasted_or_uploaded(tmp_path):
    for name, text in (("session.srt", _srt(*BRACKETED)), ("session.vtt", _vtt(*BRACKETED))):
        assert _said(text) == BRACKETED_SAID, name
        assert _uploaded(tmp_path, name, text) == BRACKETED_SAID, name


def test_broadcast_captions_chevrons_mark_a_new_speaker_and_are_not_speech(tmp_path):
    cues = (">> Maya Chen: Hi Jordan, what would you like to focus on today?",
            ">> JORDAN: I keep saying yes\nto everything at work.", ">>MAYA: Why is that?")
    expected = [("Maya Chen", "Hi Jordan, what would you like to focus on today?"),
                ("JORDAN", "I keep saying yes to everything at work."), ("MAYA", "Why is that?")]
    for name, text in (("captions.srt", _srt(*cues)), ("captions.vtt", _vtt(*cues))):
        assert _said(text) == expected, name
        assert _uploaded(tmp_path, name, text) == expected, name
    escaped = _vtt("&gt;&gt; Maya Chen: Hi.", "&gt;&gt; JORDAN: Hello.")  # as a WebVTT file should write it
    assert _said(escaped) == [("Maya Chen", "Hi."), ("JORDAN", "Hello.")]


def test_sound_notes_in_brackets_never_become_speakers_nor_relabel_a_cue():
    srt = _srt("Maya Chen: How was the week?", "[Laughter] Long.", "[MUSIC]", "[inaudible 00:12] the plan",
               "[crosstalk] sorry", "[Chuckles] Okay.", "[MUSIC PLAYING] Anyway.", "[door slams] Hm.",
               "Jordan: Better.\n[Laughter] Much better.", "[Maya Chen] Good to hear.")
    assert _said(srt) == [
        # a cue without a label goes on with the speaker before it; a note alone ("[MUSIC]") is no speech
        ("Maya Chen", "How was the week? [Laughter] Long. [inaudible 00:12] the plan [crosstalk] sorry "
                      "[Chuckles] Okay. [MUSIC PLAYING] Anyway. [door slams] Hm."),
        ("Jordan", "Better. [Laughter] Much better."),  # a note on a wrapped line keeps the speaker above
        ("Maya Chen", "Good to hear.")]


def test_captions_naming_a_speaker_only_where_the_speaker_changes_give_whole_turns(tmp_path):
    cues = (">> MAYA: So what would you like", "to focus on today?", ">> JORDAN: Saying no.",
            "I keep saying yes to everything.", "[Laughter]", "- Who asks you most?", "My manager.")
    expected = [("MAYA", "So what would you like to focus on today?"),
                ("JORDAN", "Saying no. I keep saying yes to everything."),
                ("Unknown", "Who asks you most? My manager.")]  # a dash: someone else, not named
    for name, text in (("captions.srt", _srt(*cues)), ("captions.vtt", _vtt(*cues))):
        assert _said(text) == expected, name
        assert _uploaded(tmp_path, name, text) == expected, name

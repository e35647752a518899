"""Pure layout rules: Otter/Teams header blocks, cue merging, document preambles."""

import pytest
from ingestion.adapters.extractors import subtitles
from ingestion.domain.headed import header
from ingestion.domain.transcript_lines import parse_transcript_lines
from ingestion.domain.turns import Cue, merge_cues


def test_consecutive_cues_of_one_speaker_keep_first_start_and_last_end():
    turns = merge_cues([Cue("Ana", "Hello.", 1.0, 2.0), Cue("Ana", "How are you?", 2.5, 4.0),
                        Cue(None, "[music]", 4.0, 5.0), Cue("Ben", "  Fine,\n thanks. ", 5.0, 6.5),
                        Cue(None, "mm-hmm, right", 7.0, 7.5)])
    assert [(t.speaker, t.text, t.start_seconds, t.end_seconds) for t in turns] == [
        ("Ana", "Hello. How are you?", 1.0, 4.0),  # "[music]" is a stage direction, not speech
        ("Ben", "Fine, thanks.", 5.0, 6.5), ("Unknown", "mm-hmm, right", 7.0, 7.5)]


def test_otter_headers_need_a_wide_gap_so_a_sentence_ending_in_a_time_is_not_one():
    assert header("Rachel Adeyemi  0:03")["speaker"] == "Rachel Adeyemi"
    assert header("Leo Martins   0:01:43")["ts"] == "0:01:43"
    assert header("Speaker 2\t12:07") is not None
    assert header("See you at 5:30") is None
    assert header("We agreed to meet on Monday afternoon at  5:30") is None  # too many words for a name


def test_headed_layout_drops_the_title_block_and_joins_body_lines():
    lines = ["Weekly call - Transcript", "7 October 2025", "Ana Silva  0:03", "First line.", "Second line.",
             "Ben Okoro  0:10", "Reply: with a colon that is not a label.", "Ana Silva  1:02:03", "Bye."]
    turns = parse_transcript_lines(lines)
    assert [(t.speaker, t.text, t.start_seconds) for t in turns] == [
        ("Ana Silva", "First line. Second line.", 3.0),
        ("Ben Okoro", "Reply: with a colon that is not a label.", 10.0),
        ("Ana Silva", "Bye.", 3723.0)]


def test_documents_drop_the_preamble_but_pasted_text_keeps_it():
    lines = ["Coaching session transcript", "Recorded 4 March 2025", "Coach: Hello.", "Client: Hi."]
    assert [t.speaker for t in parse_transcript_lines(lines, drop_preamble=True)] == ["Coach", "Client"]
    assert [t.speaker for t in parse_transcript_lines(lines)] == ["Unknown", "Coach", "Client"]


def _turns(text: str, **kw) -> list[tuple[str, str, float | None]]:
    return [(t.speaker, t.text, t.start_seconds) for t in parse_transcript_lines(text.splitlines(), **kw)]


def test_each_exporters_header_starts_a_turn_and_the_lines_below_are_its_speech():
    rev = "Maya Chen (00:00:03):\nWhat would you like to focus on?\n\nTom Park (00:00:09):\nDelegation.\n"
    descript = "Maya Chen [00:03]\nWhat would you like to focus on?\nTom Park [00:09]\nDelegation.\n"
    fireflies = "Maya Chen - 00:03\nWhat would you like to focus on?\nTom Park | 00:09\nDelegation.\n"
    word = "Maya Chen:\nWhat would you like to focus on?\nTom Park: (00:09)\nDelegation.\n"
    time_first = "00:03 Maya Chen\nWhat would you like to focus on?\n[00:09] - Tom Park\nDelegation.\n"
    zoom_captions = "[Maya Chen] 10:00:03\nWhat would you like to focus on?\n[Tom Park] 10:00:09\nDelegation.\n"
    for text in (rev, descript, fireflies, word, time_first, zoom_captions):
        assert [(s, t) for s, t, _ in _turns(text)] == [
            ("Maya Chen", "What would you like to focus on?"), ("Tom Park", "Delegation.")], text
    assert [start for *_, start in _turns(rev)] == [3.0, 9.0]


def test_a_name_above_a_line_with_only_the_time_is_a_header_as_teams_and_zoom_copy_it():
    copied = "Maya Chen\n10:03 AM\nWhat would you like\nto focus on?\nTom Park\n10:04 AM\nDelegation.\n"
    assert _turns(copied) == [("Maya Chen", "What would you like to focus on?", None),  # a clock, no offset
                              ("Tom Park", "Delegation.", None)]


def test_a_script_s_names_in_capitals_head_turns_but_a_shout_said_once_does_not():
    script = "COACH\nWhat do you want?\nCLIENT\nTo stop.\nNO\nI mean it.\nCOACH\nStop what?\nCLIENT\nHiding.\n"
    assert [(s, t) for s, t, _ in _turns(script)] == [
        ("COACH", "What do you want?"), ("CLIENT", "To stop. NO I mean it."), ("COACH", "Stop what?"),
        ("CLIENT", "Hiding.")]


def test_a_sentence_is_not_taken_for_a_header():
    text = ("Maya Chen (00:03):\nHere's the thing:\nit never stops.\nSee you at 5:30\n"
            "Tom Park (00:09):\nthen - 10:30 works.\n")
    assert [(s, t) for s, t, _ in _turns(text)] == [
        ("Maya Chen", "Here's the thing: it never stops. See you at 5:30"), ("Tom Park", "then - 10:30 works.")]


def test_labelled_lines_keep_their_times_and_lines_of_only_a_time_are_no_speech():
    text = ("[10:03 AM] Maya: Hello.\nSpeaker 2: (00:09) Hi.\n00:05:00\nStill me.\n"
            "0:00:11.000,0:00:14.000\n00:00:15,000 --> 00:00:17,000\nMaya: Good.\n")
    assert _turns(text) == [("Maya", "Hello.", None), ("Speaker 2", "Hi. Still me.", 9.0), ("Maya", "Good.", None)]


def test_a_table_row_is_a_line_the_layouts_read():
    from ingestion.domain.table_rows import row_line

    assert row_line(["Time", "Speaker", "Text"]) is None  # the heading row
    assert row_line(["00:03", "Maya Chen", "What brings  you\nhere?"]) == "[00:03] Maya Chen: What brings you here?"
    assert row_line(["Maya Chen", "(00:03)", "Hello."]) == "[00:03] Maya Chen: Hello."
    assert row_line(["Coach", "Coach", "Hello."]) == "Coach: Hello."  # a merged cell repeats across its span
    assert row_line(["", "and then I left."]) == "and then I left."
    assert row_line(["Notes from a long morning in the office", "It rained."]) == \
        "Notes from a long morning in the office It rained."  # too long for a name: not a label


def test_names_alone_on_their_lines_head_turns_only_where_no_other_header_does():
    word = "Coaching session\nMaya Chen\nWhat brings you here?\nTom Park\nMy job.\nMaya Chen\nSay more.\nTom Park\nIt's a lot.\n"
    assert [(s, t) for s, t, _ in _turns(word, drop_preamble=True)] == [
        ("Maya Chen", "What brings you here?"), ("Tom Park", "My job."), ("Maya Chen", "Say more."),
        ("Tom Park", "It's a lot.")]
    otter = "Maya Chen  0:03\nWhat brings you here?\nOkay\nTom Park  0:09\nOkay\nMy job.\n"
    assert [(s, t) for s, t, _ in _turns(otter)] == [("Maya Chen", "What brings you here? Okay"),
                                                      ("Tom Park", "Okay My job.")]


def test_a_document_in_which_no_line_names_a_speaker_keeps_its_text_to_be_refused_for_that():
    lines = ["Coaching session", "00:03 Maya Chen What brings you here?", "00:09 Tom Park My job."]
    assert _turns("\n".join(lines), drop_preamble=True) == [("Unknown", " ".join(lines), None)]


def test_names_that_open_lines_with_nothing_after_them_are_read_where_nothing_else_names_a_speaker():
    from ingestion.domain.leading_names import named_lines

    table = ["Coaching session", "00:03 Maya Chen What would you like to focus on?", "00:09 Tom Park Delegating more.",
             "00:15 Maya Chen What makes that important?", "00:20 Tom Park I work sixty hours a week."]
    assert named_lines(table) == ["Coaching session", "[00:03] Maya Chen: What would you like to focus on?",
                                  "[00:09] Tom Park: Delegating more.", "[00:15] Maya Chen: What makes that important?",
                                  "[00:20] Tom Park: I work sixty hours a week."]
    assert named_lines(["Maya What now?", "Tom Lunch, I think.", "Maya How come?", "Tom Because."])[0] == "Maya: What now?"
    prose = ["So I went in early.", "And then it rained.", "So we left.", "And that was that.", "I was glad."]
    assert named_lines(prose) is None  # the words sentences open with are never names
    assert [(s, t) for s, t, _ in _turns("\n".join(table), drop_preamble=True)][:2] == [
        ("Maya Chen", "What would you like to focus on?"), ("Tom Park", "Delegating more.")]


def test_bracketed_names_that_recur_are_labels_and_a_transcribers_note_is_not():
    log = ["[Maya Chen] What would you like to focus on?", "[Tom Park] Delegation.", "[Laughter] Sorry.",
           "[Chuckles] Okay.", "[Maya Chen] What makes that hard?", "[Tom Park] Letting go."]
    assert [(s, t) for s, t, _ in _turns("\n".join(log))] == [
        ("Maya Chen", "What would you like to focus on?"),
        ("Tom Park", "Delegation. [Laughter] Sorry. [Chuckles] Okay."), ("Maya Chen", "What makes that hard?"),
        ("Tom Park", "Letting go.")]
    notes = "Coach: Hello.\n[Laughter] Yes.\n[Laughter] Again.\n[Crosstalk] No.\n[Crosstalk] So.\nClient: Hi.\n"
    assert [s for s, _, _ in _turns(notes)] == ["Coach", "Client"]


def test_a_time_or_separator_between_a_leading_name_and_the_speech_is_not_speech():
    want = [("Maya Chen", "What would you like to focus on?"), ("Tom Park", "Delegation.")]
    for layout in ("{n} 00:00:0{i} {q}", "{n} [00:0{i}]: {q}", "{n} - {q}"):
        lines = [layout.format(n=n, i=i, q=q) for i, (n, q) in enumerate(want * 2)]
        assert [(s, t) for s, t, _ in _turns("\n".join(lines))] == want * 2, layout
    # a time said once after a name, where the lines carry none, is speech
    said = ["Maya Chen What time suits you?", "Tom Park 10:30 works for me.", "Maya Chen Good.", "Tom Park See you."]
    assert _turns("\n".join(said))[1][:2] == ("Tom Park", "10:30 works for me.")


def test_markdown_bold_around_a_header_name_is_markup():
    for text in ("**Maya Chen** 00:03\nWhat would you like to focus on?\n**Tom Park** 00:09\nDelegation.\n",
                 "**Maya Chen:**\nWhat would you like to focus on?\n**Tom Park:**\nDelegation.\n"):
        assert [(s, t) for s, t, _ in _turns(text)] == [
            ("Maya Chen", "What would you like to focus on?"), ("Tom Park", "Delegation.")], text


def test_name_arrow_lines_are_read_as_labels_where_two_names_recur_and_start_their_lines():
    chat = ["Team chat export", "Maya Chen > What would you like to focus on?", "Tom Park > Delegation.",
            "Maya Chen > What makes that hard?", "Tom Park > Letting go -> trusting people.", "Ana > Can I join?",
            "lunch > meetings, any day", "Maya Chen > Welcome, Ana."]
    assert [(s, t) for s, t, _ in _turns("\n".join(chat), drop_preamble=True)] == [
        ("Maya Chen", "What would you like to focus on?"), ("Tom Park", "Delegation."),
        ("Maya Chen", "What makes that hard?"), ("Tom Park", "Letting go -> trusting people."),
        ("Ana", "Can I join? lunch > meetings, any day"),  # a name once, but not written as a name: speech
        ("Maya Chen", "Welcome, Ana.")]
    one_name = "Maya > Hi.\nMaya > Anyone there?\nTom > Yes.\n"  # only one name recurs: no layout yet
    assert {s for s, _, _ in _turns(one_name)} == {"Unknown"}
    arrows = "Before -> after\nBefore -> after\nThen -> now\nThen -> now\nA >> b\nA >> b\n"
    assert {s for s, _, _ in _turns(arrows)} == {"Unknown"}


def _srt_cues(block: str) -> list[tuple[str | None, str]]:
    return [(c.speaker, c.text) for c in subtitles.srt_cues(f"1\n00:00:01,000 --> 00:00:04,000\n{block}\n")]


@pytest.mark.parametrize(("block", "cues"), [
    ("- Coach: How did it go?\n- Client: Better.", [("Coach", "How did it go?"), ("Client", "Better.")]),
    ("– Maya: How did it go?\n–Tom: Better.", [("Maya", "How did it go?"), ("Tom", "Better.")]),
    ("How did it go?\n- Better.", [(None, "How did it go?"), (None, "Better.")]),  # the first speaker's dash left out
    ("- Coach: How did it\ngo with Priya?\n- Better.", [("Coach", "How did it go with Priya?"), (None, "Better.")]),
    ("Coach: How did the talk\nwith Priya go?", [("Coach", "How did the talk with Priya go?")]),  # a wrapped line
    ("It was -\n-- an interruption, then\n-5 degrees out.",
     [(None, "It was - -- an interruption, then -5 degrees out.")]),
])
def test_each_dialogue_dash_in_a_cue_is_a_change_of_speaker_and_a_line_without_one_is_not(block, cues):
    assert _srt_cues(block) == cues


def test_a_vtt_cue_with_dialogue_dashes_and_voices_gives_each_voice():
    vtt = "WEBVTT\n\n00:01.000 --> 00:04.000\n- <v Maya>How did it go?</v>\n- <v Tom>Better.</v>\n"
    assert [(c.speaker, c.text) for c in subtitles.vtt_cues(vtt)] == [("Maya", "How did it go?"), ("Tom", "Better.")]


def test_cues_marked_as_a_new_speaker_are_not_merged_into_the_turn_before():
    turns = merge_cues([Cue(None, "How did it go?", 1.0, 2.0, new_speaker=True),
                        Cue(None, "Better.", 1.0, 2.0, new_speaker=True), Cue(None, "Much better.", 3.0, 4.0)])
    assert [(t.speaker, t.text) for t in turns] == [("Unknown", "How did it go?"), ("Unknown", "Better. Much better.")]


@pytest.mark.parametrize(("block", "cues"), [
    ("[Maya] How did it go?\n[Jordan] Better.", [("Maya", "How did it go?"), ("Jordan", "Better.")]),
    ("- [Maya] How did it go?\n- [Jordan] Better.", [("Maya", "How did it go?"), ("Jordan", "Better.")]),
    ("[Maya Chen] How did it\ngo with Priya?", [("Maya Chen", "How did it go with Priya?")]),  # a wrapped line
    (">> How did it go?\n>> Better.", [(None, "How did it go?"), (None, "Better.")]),  # new speakers, unnamed
    (">> [Maya] How did it go?\n>>> Jordan: Better.", [("Maya", "How did it go?"), ("Jordan", "Better.")]),
    ("[Laughter] How did it go?", [(None, "[Laughter] How did it go?")]),
    ("[JORDAN] How did it go?", [(None, "[JORDAN] How did it go?")]),  # capitals throughout: how sounds are written
    ("[sighs] It went.", [(None, "[sighs] It went.")]),
    ("[inaudible 00:12] then", [(None, "[inaudible 00:12] then")]),
    ("Maya: How did it go?\n[Applause] Well.", [("Maya", "How did it go? [Applause] Well.")]),
    ("It was >> than that", [(None, "It was >> than that")]),  # only a line's opening >> marks a speaker
])
def test_a_bracketed_name_or_broadcast_chevrons_in_a_cue_and_sounds_that_are_neither(block, cues):
    assert _srt_cues(block) == cues

"""Every sample in samples/ through FileTextExtractor: who speaks, how many turns, what they say."""

from pathlib import Path

import pytest
from ingestion.adapters.extractors import FileTextExtractor
from ingestion.ports import Upload

SAMPLES = Path(__file__).resolve().parents[4] / "samples"


@pytest.fixture(scope="module")
def extract():
    FileTextExtractor.warm_up()
    extractor = FileTextExtractor()

    def run(name: str):
        path = SAMPLES / name
        return extractor.extract(Upload(path=path, filename=name, content_type=None, size=path.stat().st_size))

    return run


def speakers(result) -> list[str]:
    return list(dict.fromkeys(turn.speaker for turn in result.turns))


def test_zoom_vtt_labels_become_speakers_and_consecutive_cues_merge(extract):
    result = extract("zoom-session.vtt")
    assert (result.source_format, speakers(result), len(result.turns)) == ("vtt", ["Maya Chen", "Jordan Reyes"], 15)
    second = result.turns[1]
    assert second.text == ("I want to decide whether to apply for the product manager role that just opened up. "
                           "It closes on Friday, and I keep going back and forth on it.")
    assert (second.start_seconds, second.end_seconds) == (7.5, 21.4)
    assert result.turns[-1].text == "That's a clear measure. Let's check in on it next session."


def test_teams_vtt_voice_spans_missing_close_tag_and_out_of_order_cues(extract):
    result = extract("teams-session.vtt")
    assert speakers(result) == ["Priya Natarajan", "Tom Whitaker"]
    assert len(result.turns) == 11
    # the cue without </v> merged with the one before it
    assert result.turns[1].text.endswith(
        "Every new request from the leadership group lands on their desks the same day.")
    assert (result.turns[1].start_seconds, result.turns[1].end_seconds) == (8.01, 21.9)
    # cue 16 came before cue 15 in the file; sorted by start time, and <i> removed
    assert result.turns[3].text.startswith("I feel I have to prove the team is valuable.")
    assert "team players." in result.turns[3].text and "<i>" not in result.turns[3].text
    assert result.turns[4].text == "What would it cost you to pause before saying yes?"
    assert all("<" not in turn.text for turn in result.turns)


def test_srt_labels_tags_wrapped_lines_and_a_stage_direction_dropped(extract):
    result = extract("session.srt")
    assert speakers(result) == ["Coach", "Client"]  # "[Recording started]" is not speech
    assert len(result.turns) == 11
    assert (result.turns[0].text, result.turns[0].start_seconds) == (
        "Welcome back, Sofia. What's on your mind this week?", 3.4)
    assert result.turns[1].text == ("The presentation to the board. I've rehearsed it six times "
                                    "and I still feel sick when I think about it.")
    assert result.turns[4].text == "If that happened, what would you want to do in that moment?"
    assert (result.turns[3].start_seconds, result.turns[3].end_seconds) == (25.7, 40.9)


def test_credentialing_docx_coach_and_client_lines_without_the_title_block(extract):
    result = extract("credentialing-session.docx")
    assert (result.source_format, speakers(result), len(result.turns)) == ("docx", ["Coach", "Client"], 16)
    assert result.turns[0].text.startswith("Thanks for agreeing to record this session")
    assert result.turns[5].text.endswith("handed over. I don't even know who's running it now.")
    assert "Oh. I could just do that again." in result.turns[7].text


def test_teams_docx_name_and_time_headers_then_text(extract):
    result = extract("teams-export.docx")
    assert speakers(result) == ["Hannah Brooks", "Leo Martins"]
    assert len(result.turns) == 12
    assert result.turns[0].start_seconds == 4.0
    assert result.turns[1].text.startswith("The feedback conversation with Carla.")
    assert result.turns[1].text.endswith("the others are starting to cover for her.")
    assert (result.turns[-1].start_seconds, result.turns[-1].text) == (
        123.0, "A seven. An eight if I write my opening two sentences tonight.")


def test_otter_txt_header_then_body(extract):
    result = extract("otter-export.txt")
    assert speakers(result) == ["Rachel Adeyemi", "Chris Lindqvist"]
    assert len(result.turns) == 13
    assert result.turns[3].start_seconds == 28.0
    assert result.turns[3].text.endswith("He asked me on Monday whether his version had been that bad.")
    assert result.turns[-1].start_seconds == 121.0


def test_text_pdf_wrapped_lines_rejoin_and_the_page_footer_is_dropped(extract):
    result = extract("session.pdf")
    assert (result.source_format, speakers(result), len(result.turns)) == ("pdf", ["Coach", "Client"], 11)
    assert result.turns[1].text == ("I finished it two days early, which never happens. But now I've been asked "
                                    "to lead the whole research programme if it's funded, and I don't know if I "
                                    "want that.")
    assert not any("Page 1" in turn.text for turn in result.turns)


def test_html_paragraphs_without_markup_or_title(extract):
    result = extract("session.html")
    assert (result.source_format, speakers(result), len(result.turns)) == ("html", ["Coach", "Client"], 10)
    assert result.turns[3].text == ("Since the reorganisation I'm in back-to-back meetings from nine to four. "
                                    "I do my actual work in the evenings. My partner says I'm never really "
                                    "present at dinner.")
    assert "doesn't need me & can't move." in result.turns[7].text


def test_long_sixty_minute_session(extract):
    result = extract("long-session-60min.txt")
    assert speakers(result) == ["Elena", "Marcus"]
    assert len(result.turns) == 211
    assert 8_500 < sum(len(turn.text.split()) for turn in result.turns) < 9_500
    assert 55 * 60 < result.turns[-1].start_seconds < 60 * 60
    assert result.turns[-1].text == "Same time in three weeks. Good luck on Monday, Marcus."


def test_markdown_lines_stay_turns_and_lose_their_markup(extract, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Session\n\n**Coach:** What matters most today?\nClient: *Sleep*, honestly.\n"
                    "- Coach: Tell me more.\n")
    result = FileTextExtractor().extract(Upload(path=path, filename="notes.md", content_type=None, size=0))
    assert [(t.speaker, t.text) for t in result.turns] == [  # the title before the first speaker is no speech
        ("Coach", "What matters most today?"), ("Client", "Sleep, honestly."),
        ("Coach", "Tell me more.")]

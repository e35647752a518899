"""Pure layout rules: Otter/Teams header blocks, cue merging, document preambles."""

from ingestion.domain.otter import header
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

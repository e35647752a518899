from ingestion.domain.roles import assign_roles
from ingestion.domain.text_transcript import parse_labelled_text


def test_timestamps_labels_continuations_and_merging():
    turns = parse_labelled_text(
        "[00:15] Maya: Welcome back.\n[00:20] Maya: What's on your mind?\n"
        "[01:02:03] Daniel: The offsite.\nIt went well.\n")
    assert [(t.speaker, t.text, t.start_seconds) for t in turns] == [
        ("Maya", "Welcome back. What's on your mind?", 15.0),
        ("Daniel", "The offsite. It went well.", 3723.0),
    ]


def test_explicit_labels_win():
    transcript = assign_roles(parse_labelled_text("Client: Why?\nCoach: Tell me more."))
    assert [(s.speaker, s.role, s.decided_by) for s in transcript.speakers] == [
        ("Client", "client", "label"), ("Coach", "coach", "label")]


def test_coach_speaker_hint_then_heuristic_for_the_other_speaker():
    turns = parse_labelled_text("Ann: I keep putting it off.\nBo: What stops you?\nAnn: Fear, mostly.")
    transcript = assign_roles(turns, coach_speaker="Ann")
    assert {s.speaker: (s.role, s.decided_by) for s in transcript.speakers} == {
        "Ann": ("coach", "coach_speaker"), "Bo": ("client", "heuristic")}


def test_heuristic_the_questioner_is_the_coach():
    turns = parse_labelled_text(
        "Sam: What would make this week a success?\nLee: Finishing the report and sleeping properly.\n"
        "Sam: What gets in the way?\nLee: Meetings, mostly, and my own perfectionism.")
    roles = {s.speaker: (s.role, s.decided_by) for s in assign_roles(turns).speakers}
    assert roles == {"Sam": ("coach", "heuristic"), "Lee": ("client", "heuristic")}


def test_unlabelled_text_is_one_unknown_speaker():
    transcript = assign_roles(parse_labelled_text("just some notes\nwith no speakers"))
    assert [(t.speaker, t.role) for t in transcript.turns] == [("Unknown", "unknown")]


def test_a_role_word_anywhere_in_the_label_decides_it():
    turns = parse_labelled_text("Maya Chen (Coach): What matters?\nClient - Tom: Family.\nAnn (she/her): Hi.")
    roles = {s.speaker: (s.role, s.decided_by) for s in assign_roles(turns).speakers}
    assert roles["Maya Chen (Coach)"] == ("coach", "label") and roles["Client - Tom"] == ("client", "label")
    assert roles["Ann (she/her)"][1] != "label"


def test_labels_in_any_script_with_markdown_bold_or_pronouns():
    turns = parse_labelled_text("**Émilie Durand:** Qu'est-ce qui compte?\n田中: 家族です。\nTom (he/him): Family.")
    assert [(t.speaker, t.text) for t in turns] == [
        ("Émilie Durand", "Qu'est-ce qui compte?"), ("田中", "家族です。"), ("Tom (he/him)", "Family.")]


def test_in_a_team_session_everyone_who_takes_part_is_coached_but_not_a_voice_heard_once():
    turns = parse_labelled_text(
        "Coach: Welcome both. What would you two like from today?\nAnna: We want to split the work better.\n"
        "Ben: And argue less about it, because it wears us both down every week.\n"
        "Coach: What does a good split look like for each of you?\nAnna: I take clients, he takes the books.\n"
        "Ben: That works, as long as I get a say in the pricing.\nZoom: Recording stopped.")
    roles = {s.speaker: s.role for s in assign_roles(turns).speakers}
    assert roles == {"Coach": "coach", "Anna": "client", "Ben": "client", "Zoom": "unknown"}


def test_captions_without_question_marks_still_tell_the_coach_from_the_client():
    turns = parse_labelled_text(
        "Speaker 1: hi thanks for coming in what would you like to focus on today\n"
        "Speaker 2: um I guess I want to stop working so late every night it's been like that for months\n"
        "Speaker 1: what keeps you there so late\nSpeaker 2: what I tell myself is that my boss expects it\n"
        "Speaker 1: how do you know that\nSpeaker 2: I don't actually I've never asked him\n")
    roles = {s.speaker: (s.role, s.decided_by) for s in assign_roles(turns).speakers}
    assert roles == {"Speaker 1": ("coach", "heuristic"), "Speaker 2": ("client", "heuristic")}


def test_where_no_one_asks_anything_the_less_talkative_is_the_coach():
    turns = parse_labelled_text("Ann: I see.\nBo: It was a long week and I kept putting the report off.\nAnn: Go on.\n"
                                "Bo: Then on Friday I finally sat down and wrote it in two hours.")
    roles = {s.speaker: s.role for s in assign_roles(turns).speakers}
    assert roles == {"Ann": "coach", "Bo": "client"}

"""Behaviour of the embedded analyzer on small, hand-written coaching sessions."""

from __future__ import annotations

import json
from types import SimpleNamespace

import msgspec
import numpy as np
import pytest
from analysis.adapters.analyzers.embedded import EmbeddedAnalyzer, analyze_transcript, sentence_scorer
from contracts.insight import InsightContent
from contracts.transcript import Transcript, Turn


def session(*lines: tuple[str, str], roles: bool = True) -> Transcript:
    """Turns from (speaker, text) pairs; speakers "Coach"/"Client" get roles."""
    turns = [
        Turn(speaker=who, role=(who.lower() if roles and who in ("Coach", "Client") else "unknown"), text=text)
        for who, text in lines
    ]
    return Transcript(turns=turns)


CAREER = session(
    ("Coach", "Welcome back. What would you like to focus on today?"),
    ("Client", "I'm stuck on the promotion question. I feel overwhelmed and honestly a bit hopeless about it."),
    ("Coach", "It sounds like the promotion has been weighing on you."),
    ("Client", "Yes. I keep telling myself I'm not good at presenting to senior people, so why bother."),
    ("Coach", "Did you talk to your manager about it?"),
    ("Client", "No, not yet."),
    ("Coach", "What would it mean for you if you did get this role?"),
    (
        "Client",
        "Wow, I never thought of it that way. I guess it would mean I finally trust my own judgement. "
        "Being seen as a leader is really important to me, and I think I've been hiding behind the "
        "excuse that I'm not ready. Maybe the fear is more about being visible than about the work itself.",
    ),
    ("Coach", "So you're saying the real barrier is visibility, not ability."),
    ("Client", "Exactly. I feel lighter just saying it."),
    ("Coach", "What's one step you could take this week?"),
    (
        "Client",
        "I will send the proposal to my manager by Friday. I'm going to try to ask for ten minutes in "
        "the team meeting too. I'm not going to stop pushing for this. I'm excited and hopeful now, "
        "this feels great.",
    ),
)


def all_evidence(content: InsightContent) -> list[str]:
    """Every string under an `evidence` key or in trust_indicators, anywhere."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("evidence", "trust_indicators"):
                    found.extend(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(msgspec.to_builtins(content))
    return found


def without_timing(content: InsightContent) -> dict:
    data = msgspec.to_builtins(content)
    data["metadata"].pop("processing_time_seconds")
    return data


def test_open_question_followed_by_reflection_is_a_powerful_question():
    result = analyze_transcript(CAREER)
    questions = [q.question for q in result.powerful_questions]
    assert "What would it mean for you if you did get this role?" in questions
    pq = next(q for q in result.powerful_questions if q.question.startswith("What would it mean"))
    assert pq.breakthrough_level == "Major"
    assert "never thought" in pq.client_response_summary


def test_closed_question_is_not_a_powerful_question():
    result = analyze_transcript(CAREER)
    assert all("Did you talk to your manager" not in q.question for q in result.powerful_questions)


def test_powerful_questions_are_verbatim_coach_questions():
    result = analyze_transcript(CAREER)
    coach_text = " ".join(t.text for t in CAREER.turns if t.role == "coach")
    assert result.powerful_questions
    for q in result.powerful_questions:
        assert q.question in coach_text and q.question.endswith("?")


def test_firm_commitment_with_deadline_becomes_an_action_item():
    result = analyze_transcript(CAREER)
    item = next(a for a in result.action_items if "send the proposal" in a.action)
    assert item.action == "I will send the proposal to my manager by Friday."
    assert item.timeline is not None and "Friday" in item.timeline
    assert item.client_commitment_level == "High"


def test_trying_is_a_medium_commitment():
    result = analyze_transcript(CAREER)
    item = next(a for a in result.action_items if "ten minutes" in a.action)
    assert item.client_commitment_level == "Medium"


def test_negated_statement_is_not_an_action_item():
    result = analyze_transcript(CAREER)
    assert all("not going to stop" not in a.action for a in result.action_items)


def test_negated_only_session_has_no_commitments():
    result = analyze_transcript(
        session(
            ("Coach", "What do you want to do about the late nights?"),
            ("Client", "I'm not going to stop working late. I won't change that, and I don't want to."),
        )
    )
    assert result.action_items == []
    assert result.intention is None


def test_intention_is_the_firmest_commitment():
    result = analyze_transcript(CAREER)
    assert result.intention is not None
    assert result.intention.commitment_level == "Strong"
    assert "send the proposal" in result.intention.behavior_change
    assert result.intention.timeline == "by Friday"


def test_every_evidence_quote_is_a_substring_of_a_turn():
    result = analyze_transcript(CAREER)
    quotes = all_evidence(result)
    assert len(quotes) >= 8
    for quote in quotes:
        assert any(quote in turn.text for turn in CAREER.turns), quote


def test_quotes_are_trimmed_to_a_sentence():
    many = " ".join(f"Sentence number {i} is about the weekly planning routine." for i in range(40))
    # Speech-to-text often has no punctuation at all: one 100-word "sentence".
    run_on = ("so basically what happens is i get in and the inbox is full and then the meetings pile up and i say yes "
              "to every single one of them because that's what a good manager does or that's what i thought a good "
              "manager does and by four o'clock i haven't done a single thing i planned and then i stay late to catch up "
              "and i go home feeling like i failed again and i realise i never protect time for deep work")
    long_turn = many + " I realise I never protect time for deep work, and that matters."
    transcript = session(
        ("Coach", "How is the planning going?"),
        ("Client", long_turn),
        ("Coach", "What else?"),
        ("Client", run_on),
    )
    result = analyze_transcript(transcript)
    quotes = all_evidence(result)
    # whatever is quoted from a 41-sentence turn is one of its sentences, never the turn
    sentences = {f"Sentence number {i} is about the weekly planning routine." for i in range(40)}
    sentences.add("I realise I never protect time for deep work, and that matters.")
    assert all(q in sentences for q in quotes if q in long_turn)
    assert any(quote in run_on and len(quote) < len(run_on) for quote in quotes)  # the run-on, cut
    for quote in quotes:
        assert any(quote in turn.text for turn in transcript.turns)
        assert len(quote.split()) <= 40


def test_limiting_belief_is_detected():
    result = analyze_transcript(CAREER)
    limiting = [v for v in result.values_beliefs if v.type == "Limiting Belief"]
    assert limiting
    assert any("I'm not good at presenting" in e for v in limiting for e in v.evidence)


def test_core_value_is_detected():
    result = analyze_transcript(CAREER)
    assert any(v.type == "Core Value" for v in result.values_beliefs)


def test_discovery_and_celebration_are_found():
    result = analyze_transcript(CAREER)
    assert any("never thought" in e for d in result.client_discoveries for e in d.evidence)
    win = analyze_transcript(
        session(
            ("Coach", "How did the week go?"),
            ("Client", "I finally did it. I managed to run three mornings in a row and I'm proud of myself."),
        )
    ).celebration
    assert win is not None and win.evidence


def test_emotional_shift_from_negative_to_positive():
    result = analyze_transcript(CAREER)
    assert result.emotional_shifts
    shift = result.emotional_shifts[0]
    assert shift.initial_state in ("Distressed", "Uneasy")
    assert shift.final_state in ("Positive", "Optimistic")
    assert shift.catalyst


def test_coaching_presence_counts_reflections_and_talk_share():
    presence = analyze_transcript(CAREER).coaching_presence
    assert presence is not None
    assert presence.client_engagement_level in ("High", "Moderate", "Low")
    assert "It sounds like the promotion has been weighing on you." in presence.evidence
    assert "reflective" in presence.rapport_quality


def test_reflective_session_rates_above_a_lecture():
    listening = analyze_transcript(CAREER).overall_session_quality
    lecture = analyze_transcript(
        session(
            (
                "Coach",
                "You need to stop procrastinating. You should block two hours every morning, you must "
                "turn off notifications, and I recommend you read a book on time management. The best "
                "thing would be to plan every day the night before and review it every Friday without fail.",
            ),
            ("Client", "Okay."),
            (
                "Coach",
                "You have to be disciplined about this. I want you to write a plan tonight. You should also "
                "talk to your manager, and you need to tell your team you are unavailable in the mornings.",
            ),
            ("Client", "Fine."),
        )
    ).overall_session_quality
    order = ["Needs Improvement", "Average", "Good", "Excellent"]
    assert order.index(listening) > order.index(lecture)
    assert lecture == "Needs Improvement"


def test_themes_summary_and_patterns_are_filled():
    result = analyze_transcript(CAREER)
    assert result.key_themes
    assert all(t not in ("yeah", "um", "thing") for t in result.key_themes)
    assert result.session_summary.startswith("The client came to work on")
    assert result.communication_patterns is not None
    assert result.communication_patterns.processing_style in ("Visual", "Auditory", "Kinesthetic", "Mixed")


def test_metadata_describes_the_run():
    timed = Transcript(
        turns=[
            Turn(speaker="A", role="coach", text="What is on your mind?", start_seconds=0.0, end_seconds=3.0),
            Turn(speaker="B", role="client", text="My team.", start_seconds=3.5, end_seconds=1500.0),
        ]
    )
    meta = analyze_transcript(timed).metadata
    assert meta.ai_provider == "embedded"
    assert meta.model_version.startswith("embedded-")
    assert meta.session_duration_minutes == 25
    assert meta.transcript_word_count == 7
    assert meta.processing_time_seconds >= 0
    assert 0.0 <= meta.analysis_confidence <= 1.0
    assert analyze_transcript(CAREER).metadata.analysis_confidence > meta.analysis_confidence


def test_same_input_gives_same_output():
    assert without_timing(analyze_transcript(CAREER)) == without_timing(analyze_transcript(CAREER))


@pytest.mark.parametrize(
    "transcript",
    [
        session(("Client", "Hi.")),
        session(("Coach", "Shall we start?")),
        Transcript(turns=[]),
    ],
)
def test_tiny_transcripts_still_return_every_section(transcript):
    result = analyze_transcript(transcript)
    assert result.session_summary
    assert result.overall_session_quality in ("Excellent", "Good", "Average", "Needs Improvement")
    assert result.coaching_presence is not None
    assert result.metadata.ai_provider == "embedded"
    for field in (
        "client_discoveries",
        "goal_progress",
        "powerful_questions",
        "action_items",
        "emotional_shifts",
        "values_beliefs",
        "key_themes",
    ):
        assert isinstance(getattr(result, field), list)


def test_roles_are_inferred_when_unknown():
    unlabelled = session(
        *[("Ana" if who == "Coach" else "Ben", text) for who, text in [(t.speaker, t.text) for t in CAREER.turns]],
        roles=False,
    )
    result = analyze_transcript(unlabelled)
    assert "What would it mean for you if you did get this role?" in [q.question for q in result.powerful_questions]
    assert any("send the proposal" in a.action for a in result.action_items)


async def test_async_entry_point_matches_the_sync_core():
    analyzer = EmbeddedAnalyzer()
    assert analyzer.name == "embedded"
    result = await analyzer.analyze(CAREER, None)
    assert without_timing(result) == without_timing(analyze_transcript(CAREER))


def test_weights_trained_on_other_features_stop_the_analysis_with_the_command_that_retrains_them():
    weights = json.loads(sentence_scorer.WEIGHTS.read_text(encoding="utf-8"))
    weights["features"] = weights["features"][:-1]  # a feature added since the weights were trained
    transcript = Transcript(turns=[
        Turn(speaker="Coach", role="coach", text="What do you notice about that?"),
        Turn(speaker="Client", role="client", text="I've been waiting for permission that nobody is going to give."),
    ])
    with sentence_scorer.using(weights), pytest.raises(RuntimeError, match="just train-sentence-scorer"):
        analyze_transcript(transcript)


def test_a_sentence_two_sections_pick_stays_in_the_one_whose_bar_it_clears_by_more():
    # "You don't leave an animal in pain because the rota says you're off." clears the values bar
    # well and the limiting-beliefs bar barely: it is a value, not both, and not the first in order
    model = {"sections": {"limiting_beliefs": {"threshold": 0.2, "most": 6},
                          "core_values": {"threshold": 0.2, "most": 6},
                          "empowering_beliefs": {"threshold": 0.2, "most": 6},
                          "client_discoveries": {"threshold": 0.1, "most": 8}}}
    animal, rule, important, aside = (SimpleNamespace(text=t, turn=SimpleNamespace(index=i)) for i, t in enumerate((
        "You don't leave an animal in pain because the rota says you're off.", "I'm not a numbers person.",
        "Being seen as a leader is really important to me.", "Which reminds me of the car park.")))
    pool = [animal, rule, important, aside]
    names = ("asked_belief", "rule_limiting", "rule_value", "rule_empowering", "rule_discovery")
    rows = np.array([[0, 0, 0, 0, 0], [1, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0]], dtype=float)
    likely = {"limiting_beliefs": np.array([0.25, 0.3, 0.0, 0.0]),
              "core_values": np.array([0.7, 0.9, 0.3, 0.0]),
              "empowering_beliefs": np.zeros(4),
              "client_discoveries": np.array([0.0, 0.0, 0.9, 0.5])}
    with sentence_scorer.using(model):
        picks = sentence_scorer.picks_by_margin(
            ("limiting_beliefs", "core_values", "empowering_beliefs", "client_discoveries"), pool, names, rows, likely)
    # the answer to "what do you tell yourself?" the rules read as a limiting belief stays one, and
    # "Being seen as a leader is really important to me" stays a value, however sure the discoveries are
    assert picks["limiting_beliefs"] == [rule]
    assert picks["core_values"] == [animal, important]
    assert picks["client_discoveries"] == [aside]


def test_a_short_session_reports_only_the_realisations_the_model_is_surest_of_or_the_client_marks():
    # a check-in of a few hundred words holds few realisations: the model's guess at one and a half times its
    # bar is reported in an hour's session, not in a 400-word one, unless the client marked a realisation in
    # that turn ("I never put that together."); the values' bar does not move with the length
    model = {"sections": {"core_values": {"threshold": 0.2, "most": 4},
                          "client_discoveries": {"threshold": 0.2, "most": 8}}}
    guess, plain, said, marker = (SimpleNamespace(text=t, turn=SimpleNamespace(index=n)) for t, n in (
        ("So the extras are his patients.", 1), ("Family comes first.", 3),
        ("They're not overflow, they're his.", 5), ("I never put that together.", 5)))
    pool = [guess, plain, said, marker]
    names = ("rule_value", "rule_discovery")
    rows = np.array([[0, 0], [0, 0], [0, 0], [0, 1]], dtype=float)
    unmarked_bar = 0.2 * sentence_scorer.UNMARKED_BAR  # the rules hear no realisation in the guess or `said`
    likely = {"core_values": np.array([0.0, 0.3, 0.0, 0.0]),
              "client_discoveries": np.array([1.5 * unmarked_bar, 0.0, 1.5 * unmarked_bar, 0.1])}
    sections = ("core_values", "client_discoveries")
    with sentence_scorer.using(model):
        hour = sentence_scorer.picks_by_margin(sections, pool, names, rows, likely, session_words=6000)
        check_in = sentence_scorer.picks_by_margin(sections, pool, names, rows, likely, session_words=400)
        middling = sentence_scorer.picks_by_margin(sections, pool, names, rows, likely, session_words=800)
    assert hour["client_discoveries"] == [guess, said]
    assert check_in["client_discoveries"] == [said]
    assert middling["client_discoveries"] == [guess, said]  # 1.25 times the bar at 800 words
    assert hour["core_values"] == check_in["core_values"] == [plain]


def test_a_realisation_only_the_model_hears_must_be_likelier_than_one_the_rules_hear_too():
    # at the same probability, just over the threshold, the sentence the rules read as a realisation ("I never put
    # that together.") is reported and the model's guess alone is not; the guess is reported once it is as likely
    # as the unmarked bar asks
    model = {"sections": {"client_discoveries": {"threshold": 0.2, "most": 8}}}
    guess, marked = (SimpleNamespace(text=t, turn=SimpleNamespace(index=n)) for t, n in (
        ("So the extras are his patients.", 1), ("I never put that together.", 3)))
    names, rows = ("rule_discovery",), np.array([[0], [1]], dtype=float)
    with sentence_scorer.using(model):
        near = sentence_scorer.picks_by_margin(("client_discoveries",), [guess, marked], names, rows,
                                               {"client_discoveries": np.array([0.21, 0.21])}, session_words=6000)
        sure = sentence_scorer.picks_by_margin(
            ("client_discoveries",), [guess, marked], names, rows,
            {"client_discoveries": np.array([0.2 * sentence_scorer.UNMARKED_BAR + 0.01, 0.21])}, session_words=6000)
    assert near["client_discoveries"] == [marked]
    assert sure["client_discoveries"] == [guess, marked]


def test_a_realisation_said_across_its_turn_quotes_the_sentences_that_say_it_too(monkeypatch):
    # the scorer is sure of one sentence and finds two others of the turn likely, one under its bar: the
    # realisation is one item quoting both, with the aside between left out; a short reply, a dated plan
    # and a sentence of another turn are no support, however likely
    transcript = session(
        ("Coach", "What do you notice when you put the two jobs side by side?"),
        ("Client", "It's not the size of the grant that scares me. We had the same coffee urn for twelve years, "
                   "honestly, and nobody minded it at all. It's the distance from the people it's all for. I know it. "
                   "The rota should be done by Friday."),
        ("Coach", "What does that distance cost you?"),
        ("Client", "I would stop seeing who actually eats on a Tuesday night."),
    )
    likely_by_text = {"It's not the size of the grant that scares me.": 0.9,
                      "It's the distance from the people it's all for.": 0.12, "I know it.": 0.15,
                      "The rota should be done by Friday.": 0.15,
                      "I would stop seeing who actually eats on a Tuesday night.": 0.15}

    def decided(names, rows, pool, s):
        p = np.array([likely_by_text.get(x.text, 0.0) for x in pool])
        return {section: p if section == "client_discoveries" else np.zeros(len(pool))
                for section in sentence_scorer._model()["sections"]}

    monkeypatch.setattr(sentence_scorer, "decided", decided)
    model = json.loads(sentence_scorer.WEIGHTS.read_text(encoding="utf-8"))
    model["sections"]["client_discoveries"]["threshold"] = 0.2
    with sentence_scorer.using(model):
        found = analyze_transcript(transcript).client_discoveries
    assert [d.evidence for d in found] == [["It's not the size of the grant that scares me.",
                                            "It's the distance from the people it's all for."]]
    assert found[0].insight == "It's not the size of the grant that scares me."

"""The pure parts of trends and search: talk figures from a transcript, what search indexes of
an insight, snippets as plain parts, follow-through and recurring labels."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from contracts.insight import ActionItem, Celebration, CoachFeedback, FeedbackItem
from insights.adapters.embeddings import WordLlamaEmbedder
from insights.domain.search import highlight_parts, search_entries
from insights.domain.talk import talk_stats
from insights.domain.trends import FOLLOW_THROUGH_MIN, SessionFacts, trends

from contracts import InsightContent, SessionMetadata, Transcript, Turn

META = SessionMetadata(transcript_word_count=5, ai_provider="embedded", model_version="t",
                       processing_time_seconds=0.1, analysis_confidence=0.5)
T0 = datetime(2026, 6, 1, tzinfo=UTC)


def test_talk_share_counts_words_and_open_questions_follow_how_they_start():
    stats = talk_stats(Transcript(turns=[
        Turn(speaker="C", role="coach", text="So, what matters most here? Did that help? How many people?"),
        Turn(speaker="D", role="client", text="The team matters most to me, honestly, more than anything."),
        Turn(speaker="C", role="coach", text="You said it's hard, what makes it hard? Tell me more."),
        Turn(speaker="X", role="unknown", text="Background noise that counts for no one."),
    ]))
    assert stats.coach_questions == 4 and stats.open_question_ratio == 0.5
    assert stats.client_talk_share == round(10 / (10 + 22), 3)  # the unknown speaker counts for no one
    assert talk_stats(Transcript(turns=[Turn(speaker="D", role="client", text="Hi.")])).open_question_ratio is None


def test_search_indexes_summary_themes_each_claim_its_quotes_and_the_feedback():
    content = InsightContent(
        session_summary="About delegation.", key_themes=["delegation", "trust"], overall_session_quality="Good",
        metadata=META, action_items=[ActionItem(action="Hand over the report", timeline="by Friday",
                                                client_commitment_level="High", evidence=["I'll hand it over."])],
        coach_feedback=CoachFeedback(strengths=[FeedbackItem(
            kind="strength", competency="Evokes Awareness", pcc_marker="7.6", observation="One open question.")],
            quality_rationale="Mostly open questions."))
    found = [(e.section, e.item, e.kind, e.text) for e in search_entries(content)]
    assert found == [
        ("session_summary", 0, "summary", "About delegation."), ("key_themes", 0, "theme", "delegation"),
        ("key_themes", 1, "theme", "trust"), ("action_items", 0, "claim", "Hand over the report. by Friday"),
        ("action_items", 0, "quote", "I'll hand it over."),
        ("coach_feedback", 0, "feedback", "One open question. 7.6"),
        ("coach_feedback", 1, "feedback", "Mostly open questions.")]


def test_a_snippet_is_plain_parts_never_markup():
    assert highlight_parts("I \x01delegated\x02 the <b>report</b> to \x01Priya\x02") == (
        ("I ", False), ("delegated", True), (" the <b>report</b> to ", False), ("Priya", True))


def facts(insight_id: str, days: int, commitments=(), done=(), themes=(), quality="Good") -> SessionFacts:
    embed = WordLlamaEmbedder().embed
    return SessionFacts(insight_id=insight_id, session_date=T0 + timedelta(days=days), session_title=None,
                        quality=quality, client_talk_share=0.6, open_question_ratio=0.5,
                        commitments=list(commitments), commitment_vectors=embed(list(commitments)),
                        done_statements=list(done), done_vectors=embed(list(done)), themes=list(themes))


# (commitment, later statement, same thing?) measured for the threshold (domain.trends)
PAIRS = [
    ("Hand over the weekly report to Priya by Friday", "I finally delegated the report to Priya", True),
    ("Go for a run three times a week", "I started running regularly, three runs last week", True),
    ("Talk to my manager about the promotion", "I had the conversation with my boss about being promoted", True),
    ("Ask the team for feedback on the roadmap", "I asked everyone what they thought about the roadmap", True),
    ("Hand over the weekly report to Priya by Friday", "I went running three times last week", False),
    ("Talk to my manager about the promotion", "The offsite with the team went really well", False),
    ("Ask the team for feedback on the roadmap", "We celebrated the product launch with the team", False),
    ("Go for a run three times a week", "I finally delegated the report to Priya", False),
]


@pytest.mark.parametrize(("commitment", "statement", "same"), PAIRS)
def test_follow_through_threshold_separates_the_measured_pairs(commitment, statement, same):
    vectors = WordLlamaEmbedder().embed([commitment, statement])
    assert (float(vectors[0] @ vectors[1]) >= FOLLOW_THROUGH_MIN) is same


def test_trends_match_commitments_to_later_sessions_only_and_count_recurring_themes():
    later_done = facts("s3", 20, done=["I finally delegated the report to Priya"], themes=["Delegation"])
    t = trends([later_done,
                facts("s1", 0, commitments=["Hand over the weekly report to Priya by Friday",
                                            "Go for a run three times a week"], themes=["delegation", "health"],
                      quality="Average"),
                facts("s2", 10, commitments=["Ask the team for feedback on the roadmap"], themes=["roadmap"],
                      done=["We celebrated the product launch with the team"])])
    assert [p.insight_id for p in t.sessions] == ["s1", "s2", "s3"]
    s1, s2, s3 = t.sessions
    assert (s1.followed_through, s1.follow_through[0].done_in) == (1, "s3")
    assert s2.followed_through == 0 and s3.commitments == 0
    assert (t.commitments, t.followed_through, t.follow_through_rate) == (3, 1, round(1 / 3, 3))
    assert [(r.label, r.sessions) for r in t.recurring_themes] == [("delegation", 2)]
    assert (s1.quality_score, s2.quality_score) == (2, 3)


def test_a_done_statement_before_the_commitment_does_not_count():
    t = trends([facts("s1", 0, done=["I finally delegated the report to Priya"]),
                facts("s2", 5, commitments=["Hand over the weekly report to Priya by Friday"])])
    assert t.followed_through == 0 and t.follow_through_rate is None
    assert isinstance(t.sessions[0].follow_through, list) and np.isfinite(FOLLOW_THROUGH_MIN)

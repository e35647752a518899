"""analyze_transcript: the embedded analyzer's pure, synchronous core."""

from __future__ import annotations

import time

from contracts.insight import InsightContent, SessionMetadata
from contracts.transcript import Transcript

from . import (
    beliefs,
    commitments,
    discoveries,
    goals,
    patterns,
    powerful,
    presence,
    quality,
    questions,
    sentiment,
    summary,
    themes,
    wins,
)
from . import session as session_mod

PROVIDER = "embedded"
MODEL_VERSION = "embedded-1"


def analyze_transcript(transcript: Transcript) -> InsightContent:
    started = time.perf_counter()
    s = session_mod.build(transcript)

    asked = questions.find(s)
    stats = presence.stats(s, asked)
    promised = commitments.find(s)
    actions = commitments.action_items(promised)
    topics = themes.key_themes(s)
    found = discoveries.discoveries(s)
    shifts = sentiment.emotional_shifts(s, sentiment.client_curve(s))
    celebration = wins.celebration(s)
    rating = quality.label(
        quality.QualityInputs(
            presence=stats,
            coach_turns=len(s.coach_turns),
            change_talk=len(promised) + (celebration is not None),
            sustain_talk=commitments.sustain_count(s),
        )
    )
    minutes = _duration_minutes(transcript)
    content = dict(
        celebration=celebration,
        intention=commitments.intention(s, promised),
        client_discoveries=found,
        goal_progress=goals.goal_progress(s, topics, promised),
        coaching_presence=presence.coaching_presence(s, stats),
        powerful_questions=powerful.find(s, asked),
        action_items=actions,
        emotional_shifts=shifts,
        values_beliefs=beliefs.values_beliefs(s),
        communication_patterns=patterns.communication_patterns(s),
        key_themes=topics,
        overall_session_quality=rating,
    )
    text = summary.summarise(
        word_count=s.word_count,
        minutes=minutes,
        themes=topics,
        presence=stats,
        actions=actions,
        shifts=shifts,
        discoveries=len(found),
        quality=rating,
    )
    metadata = SessionMetadata(
        session_duration_minutes=minutes,
        transcript_word_count=s.word_count,
        ai_provider=PROVIDER,
        model_version=MODEL_VERSION,
        processing_time_seconds=round(time.perf_counter() - started, 4),
        analysis_confidence=_confidence(s.word_count, content),
    )
    return InsightContent(session_summary=text, metadata=metadata, **content)


def _duration_minutes(transcript: Transcript) -> int | None:
    """From the last turn's end (or start) time, when the transcript has timings."""
    for turn in reversed(transcript.turns):
        end = turn.end_seconds if turn.end_seconds is not None else turn.start_seconds
        if end is not None:
            first = transcript.turns[0].start_seconds or 0.0
            return max(1, round((end - min(first, end)) / 60))
    return None


def _confidence(word_count: int, content: dict) -> float:
    """More text and more grounded findings -> more confidence (0.05..0.95)."""
    findings = sum(
        len(v) if isinstance(v, list) else v is not None
        for k, v in content.items()
        if k not in ("key_themes", "overall_session_quality", "coaching_presence", "communication_patterns")
    )
    length = min(1.0, word_count / 1500)
    evidence = min(1.0, findings / 12)
    return round(min(0.95, max(0.05, 0.5 * length + 0.5 * evidence)), 2)

"""analyze_transcript: the embedded analyzer's pure, synchronous core."""

from __future__ import annotations

import time

from contracts.insight import InsightContent, SessionMetadata
from contracts.transcript import Transcript

from . import (
    actions,
    agreement,
    beliefs,
    coach_feedback,
    commitments,
    consistency,
    discoveries,
    feelings,
    goals,
    language,
    patterns,
    powerful,
    presence,
    quality,
    question_purpose,
    questions,
    shifts,
    summary,
    themes,
    wins,
)
from . import session as session_mod

PROVIDER = "embedded"
MODEL_VERSION = "embedded-2"
_GENERIC_SPEAKERS = {"client", "coachee", "speaker", "participant", "unknown", "interviewee", "patient"}


def analyze_transcript(transcript: Transcript) -> InsightContent:
    started = time.perf_counter()
    s = session_mod.build(transcript)
    sentences = language.parse(s)
    names = language.people(s, sentences)

    asked = questions.find(s)
    purposes = question_purpose.purposes(asked)
    stats = presence.stats(s, asked)
    agreed = agreement.find(s, asked, purposes, sentences)
    planning_turns = {q.turn.index for q, p in zip(asked, purposes, strict=True) if p.is_planning}
    evoking_answers = {s.next_turn(q.turn).index for q, p in zip(asked, purposes, strict=True)
                       if powerful.evoking(q, p) is not None and s.next_turn(q.turn) is not None}

    promised = [c for c in commitments.find(sentences) if not (agreed and c.turn.index == agreed.answer.index)]
    planning_answers = {s.next_turn(q.turn).index for q, p in zip(asked, purposes, strict=True)
                        if p.is_planning and s.next_turn(q.turn) is not None}
    action_list = actions.action_items(promised, planning_answers)
    intended = actions.intention(s, promised, planning_turns, agreed, sentences, planning_answers)
    intended_action = next((actions.as_action(c) for c in promised
                            if intended and c.text == intended.behavior_change and c.level != "Low"), None)
    action_list = consistency.intention_among_actions(intended, action_list, intended_action)

    answers = {s.next_turn(q.turn).index for q in asked if s.next_turn(q.turn) is not None}
    beliefs_found = consistency.values_once(
        beliefs.values_beliefs(sentences, beliefs.asked_for(s), beliefs.prompted(s)))
    celebration = wins.celebration(sentences, s)
    taken = {c.span.text for c in promised} | {b.evidence[0] for b in beliefs_found if b.evidence}
    taken |= set(celebration.evidence) if celebration else set()
    learning_answers = {s.next_turn(q.turn).index for q, p in zip(asked, purposes, strict=True)
                        if p.is_learning and discoveries.LEARNING_QUESTION.search(q.text)
                        and s.next_turn(q.turn) is not None and s.next_turn(q.turn).is_client}
    found = discoveries.find(sentences, evoking_answers | discoveries.landed(s), answers, taken, learning_answers)
    feeling_turns = {x.turn.index for x in sentences if x.turn.is_client and feelings.feeling_words(x)}
    # A question whose answer voiced a discovery, a value or a belief moved the client.
    moved = {x.turn.index for x in found} | {t.index for t in s.client_turns for b in beliefs_found
                                             if b.evidence and b.evidence[0] in t.text}
    strong = powerful.find(s, asked, purposes, moved, feeling_turns)
    topics = themes.key_themes(sentences, names, " ".join(t.text for t in s.coach_turns),
                               {agreed.answer.index} if agreed else set())

    inputs = coach_feedback.Inputs(s, asked, purposes, stats, agreed, promised, strong, sentences)
    draft = coach_feedback.feedback(inputs, "")
    rating, rationale = quality.label(
        quality.QualityInputs(
            presence=stats,
            coach_turns=len(s.coach_turns),
            change_talk=len(promised) + (celebration is not None),
            sustain_talk=commitments.sustain_count(sentences),
        ),
        draft,
    )
    feedback = coach_feedback.feedback(inputs, rationale)
    leading = {e for f in feedback.missed_opportunities if f.pcc_marker.startswith("4.4") for e in f.evidence}
    strong = consistency.not_leading(strong, leading)
    found_items = discoveries.build(found)
    emotional = shifts.emotional_shifts(s, sentences)

    content = dict(
        celebration=celebration,
        intention=intended,
        client_discoveries=found_items,
        goal_progress=goals.goal_progress(agreed, promised, celebration, sentences, names),
        coaching_presence=presence.coaching_presence(s, stats),
        powerful_questions=strong,
        action_items=action_list,
        emotional_shifts=emotional,
        values_beliefs=beliefs_found,
        communication_patterns=patterns.communication_patterns(s, sentences),
        key_themes=topics,
        overall_session_quality=rating,
        coach_feedback=feedback,
    )
    text = summary.summarise(
        client=_client_name(s),
        agreement=agreed,
        themes=topics,
        celebration=celebration,
        discoveries=found_items,
        shifts=emotional,
        intention=intended,
        actions=len(action_list),
        quality=rating,
    )
    metadata = SessionMetadata(
        session_duration_minutes=_duration_minutes(transcript),
        transcript_word_count=s.word_count,
        ai_provider=PROVIDER,
        model_version=MODEL_VERSION,
        processing_time_seconds=round(time.perf_counter() - started, 4),
        analysis_confidence=_confidence(s.word_count, content),
    )
    return InsightContent(session_summary=text, metadata=metadata, **content)


def _client_name(s: session_mod.Session) -> str:
    speakers = [t.speaker for t in s.client_turns]
    if not speakers:
        return "The client"
    name = max(set(speakers), key=speakers.count).strip()
    first = name.split()[0] if name else ""
    if not first or first.lower().rstrip("0123456789 ") in _GENERIC_SPEAKERS or any(ch.isdigit() for ch in first):
        return "The client"
    return first


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
        if k not in ("key_themes", "overall_session_quality", "coaching_presence", "communication_patterns",
                     "coach_feedback")
    )
    length = min(1.0, word_count / 1500)
    evidence = min(1.0, findings / 12)
    return round(min(0.95, max(0.05, 0.5 * length + 0.5 * evidence)), 2)

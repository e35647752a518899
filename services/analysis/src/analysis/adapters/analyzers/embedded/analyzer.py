"""analyze_transcript: the embedded analyzer's pure, synchronous core."""

from __future__ import annotations

import re
import time

import msgspec

from contracts.insight import ClientDiscovery, InsightContent, SessionMetadata, ValuesBeliefs
from contracts.transcript import Transcript

from . import (
    actions,
    beliefs,
    casing,
    coach_feedback,
    commitments,
    consistency,
    discoveries,
    english,
    feelings,
    goals,
    patterns,
    powerful,
    presence,
    punctuation,
    quality,
    question_features,
    reading,
    runs,
    sentence_features,
    sentence_scorer,
    shifts,
    summary,
    themes,
    wins,
)
from . import session as session_mod
from .evidence import quote

PROVIDER = "embedded"
# 10: a value, belief or discovery quotes the sentences of its turn that say it too (2026-12-06); 11: values, limiting
# beliefs and discoveries are read by the fine-tuned encoder too (2026-12-07)
MODEL_VERSION = "embedded-11"
_GENERIC_SPEAKERS = {"client", "coachee", "speaker", "participant", "unknown", "interviewee", "patient"}


def analyze_transcript(transcript: Transcript) -> InsightContent:
    english.require_english(transcript)
    read, turns = punctuation.punctuated(transcript)
    return punctuation.with_original_quotes(_cased(read), turns) if turns else _cased(transcript)


def _cased(transcript: Transcript) -> InsightContent:
    if casing.shouted(transcript):
        read = casing.lowered(transcript)
        return casing.with_original_quotes(_analyze(read), read, transcript)
    if casing.uncased(transcript):
        read = casing.truecased(transcript)
        return casing.with_original_quotes(_analyze(read, written_uncased=True), read, transcript)
    return _analyze(transcript)


def _analyze(transcript: Transcript, written_uncased: bool = False) -> InsightContent:
    started = time.perf_counter()
    r = reading.read(transcript, written_uncased)
    s, sentences, names, asked, purposes = r.session, r.sentences, r.names, r.asked, r.purposes
    stats, agreed, promised, celebration = r.stats, r.agreed, r.promised, r.celebration
    action_list = actions.action_items(promised, r.planning_answers)
    intended = actions.intention(s, promised, r.planning_turns, agreed, sentences, r.planning_answers)
    intended_action = next((actions.as_action(c) for c in promised
                            if intended and c.text == intended.behavior_change and c.level != "Low"), None)
    action_list = consistency.intention_among_actions(intended, action_list, intended_action)
    told = commitments.report_back(sentences) or commitments.held_to_it(sentences)
    action_list = actions.held_to_account(action_list, quote(told.turn, told.span) if told is not None else None)

    # The rules have read the session; the learned scorer weighs their verdicts with the
    # conversation's structure and decides which statements are values and discoveries.
    pool = sentence_features.candidates(r)
    feature_names, rows = sentence_features.matrix(r, pool)
    scored = sentence_scorer.decided(feature_names, rows, pool, s)
    # what the client says back to their critic ("That I'm not my dad.") answers the belief; it is not one
    scored["limiting_beliefs"] = scored["limiting_beliefs"] * [not beliefs.counters(x, r.asked_for) for x in pool]
    beliefs_found = r.beliefs_found
    # What the client answers a contracting question ("What would you like to be different by the end?" /
    # "I want a way to run without being in my head") is the goal, not a value, unless worded as one.
    contracting = {t.index for q, p in zip(asked, purposes, strict=True)
                   if p.is_agreement and not beliefs.VALUE_QUESTION.search(q.text)
                   and (t := s.next_turn(q.turn)) is not None and t.is_client}
    celebration = wins.decided(celebration, sentence_scorer.pick("celebration", pool, feature_names, rows, scored),
                               sentences, s)
    # one statement, one section: the one whose bar it clears by most
    picks = sentence_scorer.picks_by_margin((*sentence_scorer.DECIDES, "client_discoveries"), pool, feature_names,
                                            rows, scored, s.coach_words + s.client_words)
    # a statement said in two sentences is quoted whole (runs.merged joins them): each pick's companion, kept
    # where the pick is
    elsewhere = {c.span.text for c in promised} | set(celebration.evidence if celebration else ())
    spoken_for = {x.text for said in picks.values() for x in said} | elsewhere
    beside = {}
    for section in picks:
        beside[section] = sentence_scorer.companions(section, pool, scored, picks[section], spoken_for)
        spoken_for |= {x.text for x in beside[section].values()}
    # and the other sentences of its turn that say the same thing, quoted as its evidence
    said_too: dict[str, dict[str, list[str]]] = {}
    for section in picks:
        held = beliefs.held if section in sentence_scorer.DECIDES else (lambda x: True)
        # (a sentence the section would not hold, narrated or reported, supports nothing and stays free)
        backing = {k: [y for y in said if held(y)]
                   for k, said in sentence_scorer.support(section, pool, scored, picks[section], spoken_for).items()}
        spoken_for |= {y.text for said in backing.values() for y in said}
        said_too[section] = {quote(x.turn, x.span): [quote(y.turn, y.span) for y in backing[id(x)]]
                             for x in picks[section] if backing.get(id(x))}
    for section, kind in sentence_scorer.DECIDES.items():
        chosen = _with_companions([x for x in picks[section] if beliefs.held(x)], beside[section], beliefs.held)
        if kind == "Core Value":
            chosen = [x for x in chosen if x.turn.index not in contracting or beliefs.VALUE.search(x.text)]
        beliefs_found = beliefs.decided(beliefs_found, kind, chosen, pool)
    taken = elsewhere | {b.evidence[0] for b in beliefs_found if b.evidence}
    goal_turn = agreed.answer.index if agreed else None
    found = discoveries.chosen(picks["client_discoveries"], taken, goal_turn)
    found = discoveries.chosen(_with_companions(found, beside["client_discoveries"]), taken, goal_turn)
    feeling_turns = {x.turn.index for x in sentences if x.turn.is_client and feelings.feeling_words(x)}
    # A question whose answer voiced a discovery, a value or a belief moved the client; a turn
    # the discovery rules mark counts even where the scorer reports another sentence, or none.
    # (told by what is reported: a turn with a belief and no reported realisation "named a belief")
    realised = {x.turn.index for x in found}
    believed = {t.index: b.type for t in s.client_turns for b in beliefs_found
                if b.evidence and b.evidence[0] in t.text and t.index not in realised}
    moved = {x.turn.index for x in [*found, *r.discovered]} | set(believed)
    # Which questions were powerful is the question scorer's call (their form, what the answer did,
    # their wording), each told by what its answer did; only among those the rules call evoking in
    # form or meaning: a question after facts ("What are you drinking these days?" draws a long
    # answer, and asks nothing of the client's thinking), a closed one, a check-in or a planning
    # prompt never is one (without this gate, AnnoMI's counsellors' closed questions got in: precision
    # on its dev set 0.991 -> 0.956).
    question_names, question_rows = question_features.matrix(r)
    likely = sentence_scorer.question_probabilities(question_names, question_rows, [q.text for q in asked])
    likely = likely * [powerful.evoking(q, p) is not None for q, p in zip(asked, purposes, strict=True)]
    strong = [pq for i in sentence_scorer.question_picks(likely) if not coach_feedback.leads(asked[i].text)
              and (pq := powerful.described(s, asked[i], purposes[i], moved, feeling_turns, believed)) is not None]
    found_themes = themes.key_themes(sentences, names, " ".join(t.text for t in s.coach_turns),
                                     {agreed.answer.index} if agreed else set())

    inputs = coach_feedback.Inputs(s, asked, purposes, stats, agreed, promised, strong, sentences)
    draft = coach_feedback.feedback(inputs, "")
    rating, rationale = quality.label(
        quality.QualityInputs(
            presence=stats,
            coach_turns=len(s.coach_turns),
            change_talk=len(promised) + (celebration is not None),
            sustain_talk=commitments.sustain_count(sentences),
            steering=coach_feedback.steering(inputs),
        ),
        draft,
    )
    feedback = msgspec.structs.replace(draft, quality_rationale=rationale)  # the rating reads the feedback it explains
    intended = consistency.intention_built(intended, feedback)
    leading = {e for f in feedback.missed_opportunities if f.pcc_marker.startswith("4.4") for e in f.evidence}
    strong = consistency.not_leading(strong, leading)
    found_items = discoveries.build(found, sentences)
    emotional = shifts.emotional_shifts(s, sentences)

    told = [_supported(d, said_too["client_discoveries"]) for d in runs.merged(
        found_items, s.turns, lambda d, text, quotes: msgspec.structs.replace(d, insight=text, evidence=quotes))]
    content = dict(
        celebration=celebration,
        intention=intended,
        client_discoveries=[d for d in told if discoveries.says_what(d.evidence)],
        goal_progress=goals.goal_progress(agreed, promised, celebration, sentences, names, s),
        coaching_presence=presence.coaching_presence(s, stats),
        powerful_questions=strong,
        action_items=action_list,
        emotional_shifts=emotional,
        values_beliefs=[_supported(beliefs.named(v, s.turns), said_too.get(_SECTION_OF.get(v.type, ""), {}))
                        for v in _runs_joined(beliefs_found, s.turns)],
        communication_patterns=patterns.communication_patterns(s, sentences),
        key_themes=found_themes.listed,
        overall_session_quality=rating,
        coach_feedback=feedback,
    )
    text = summary.summarise(
        client=_client_name(s),
        agreement=agreed,
        themes=found_themes.in_a_sentence,
        celebration=celebration,
        discovery=_strongest(found, found_items, pool, scored["client_discoveries"]),
        shifts=emotional,
        intention=intended,
        other_steps=sum(1 for a in action_list if intended is None or a.action != intended.behavior_change),
        quality=rating,
        coached=bool(s.coach_turns),
        set_by_coach=next((f.evidence[-1] for f in feedback.missed_opportunities if f.pcc_marker.startswith("8.5")
                           and f.evidence), None),
        own_step=action_list[0].action if action_list else None,
        win_told_early=celebration is None or any(
            t.is_client and celebration.evidence[0] in t.text for t in s.turns[: max(4, len(s.turns) // 4)]),
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


def _with_companions(chosen: list, beside: dict, keep=lambda x: True) -> list:
    """`chosen` and, after them, the companion of each (sentence_scorer.companions) that `keep` keeps."""
    return chosen + [c for x in chosen if (c := beside.get(id(x))) is not None and keep(c)]


_SECTION_OF = {kind: section for section, kind in sentence_scorer.DECIDES.items()}


def _supported(item, said_too: dict[str, list[str]]):
    """`item` with, after its evidence, the quotes that support it (sentence_scorer.support)."""
    extra = [q for e in item.evidence for q in said_too.get(e, ()) if q not in item.evidence]
    return msgspec.structs.replace(item, evidence=[*item.evidence, *dict.fromkeys(extra)]) if extra else item


def _runs_joined(items: list[ValuesBeliefs], turns: list) -> list[ValuesBeliefs]:
    """Neighbouring statements of one kind joined (runs.py), each kind where it first came."""
    kinds = list(dict.fromkeys(v.type for v in items))
    return [joined for kind in kinds for joined in runs.merged(
        [v for v in items if v.type == kind], turns,
        lambda v, text, quotes: msgspec.structs.replace(v, description=text, evidence=quotes))]


def _strongest(found: list, items: list[ClientDiscovery], pool: list, p) -> ClientDiscovery | None:
    """The discovery the summary tells: the one the scorer is surest of among those that say what
    was seen ("I never thought of it that way" needs what came before), else the surest of all."""
    sure = {id(s): float(v) for s, v in zip(pool, p, strict=True)}
    pairs = [fi for fi in zip(found, items, strict=True) if discoveries.says_what([fi[0].text])]
    told = [fi for fi in pairs if not _ANAPHORIC.search(fi[0].text)] or pairs
    return max(told, key=lambda fi: sure.get(id(fi[0]), 0.0))[1] if told else None


_ANAPHORIC = re.compile(r"\b(?:of|about|at|saw|seen|see|thought|noticed|realised|realized) (?:it|that|this)"
                        r"(?: (?:that|this) way| like that)?\W*$|\b(?:that|this) way\W*$|\blike that\W*$", re.I)


def _client_name(s: session_mod.Session) -> str:
    speakers = [t.speaker for t in s.client_turns]
    if not speakers:
        return "The client"
    # team or group coaching: a story told of one of them ("Ben came to work on ...") would give Ana's
    # words to Ben. People, by first name: "Sam" and "Sam Reed" are one client whose label changed mid-call.
    people = [first for x in speakers if (first := _first_name(x))]
    if sum(people.count(x) >= max(2, len(speakers) / 5) for x in set(people)) >= 2:
        return "The group"
    return _first_name(max(set(speakers), key=speakers.count)) or "The client"


def _first_name(speaker: str) -> str | None:
    """The speaker's first name; None for a label that names no one ("Client", "Speaker 2")."""
    first = speaker.strip().split()[0] if speaker.strip() else ""
    if not first or first.lower().rstrip("0123456789 ") in _GENERIC_SPEAKERS or any(ch.isdigit() for ch in first):
        return None
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

"""Grounded mode's richer candidate source: the embedded analyzer's own findings, numbered.

The embedded analyzer reads the whole transcript offline and marks what each section is
made of (commitments, wins, realisations, beliefs, evoking questions, coach behaviours).
Those passages go first, labelled with what the analyzer took them for; the plain sentence
cues fill the rest of the list. A small local model then only has to choose and label.
"""

from __future__ import annotations

from contracts import InsightContent, Transcript

from .embedded import analyze_transcript
from .embedded.session import resolve_roles
from .openai.passages import CandidateSource, Passage, SentenceCandidates


class EmbeddedCandidates(CandidateSource):
    def __init__(self, limit: int = 120) -> None:
        self.limit = limit
        self._fill = SentenceCandidates(limit)

    def propose(self, transcript: Transcript) -> list[Passage]:
        found = _findings(analyze_transcript(transcript))
        spans: dict[tuple[int, int], tuple[int, str]] = {}  # (turn, start) -> (end, hint)
        for quote, hint in found:
            located = _locate(transcript, quote, coach=hint.startswith("coach"))
            if located and located[:2] not in spans:
                spans[located[:2]] = (located[2], hint)
        for p in self._fill.propose(transcript):
            if len(spans) >= self.limit:
                break
            start = transcript.turns[p.turn_index].text.find(p.text)
            if start >= 0 and not _overlaps(spans, p.turn_index, start, start + len(p.text)):
                spans[(p.turn_index, start)] = (start + len(p.text), p.hint)
        chosen = sorted(spans.items())[: self.limit]
        roles = resolve_roles(transcript)
        return [
            Passage(number=n, turn_index=i, role=roles[i], speaker=transcript.turns[i].speaker,
                    text=transcript.turns[i].text[start:end], hint=hint)
            for n, ((i, start), (end, hint)) in enumerate(chosen, 1)
        ]


def _findings(c: InsightContent) -> list[tuple[str, str]]:
    out = [(a.action, "commitment") for a in c.action_items]
    if c.intention:
        out.append((c.intention.behavior_change, "commitment (the session's intention)"))
    if c.celebration:
        out += [(e, "win") for e in c.celebration.evidence]
    out += [(d.insight, "realisation") for d in c.client_discoveries]
    out += [(v.evidence[0], v.type.lower()) for v in c.values_beliefs if v.evidence]
    out += [(q.question, "coach: evoking question") for q in c.powerful_questions]
    for shift in c.emotional_shifts:
        out += [(e, "feeling") for e in shift.evidence]
    if c.coach_feedback:
        out += [(e, f"coach: {f.pcc_marker.split()[0]} strength") for f in c.coach_feedback.strengths for e in f.evidence]
        out += [(e, f"coach: {f.pcc_marker.split()[0]} missed") for f in c.coach_feedback.missed_opportunities
                for e in f.evidence]
    return out


def _locate(transcript: Transcript, quote: str, coach: bool) -> tuple[int, int, int] | None:
    roles = resolve_roles(transcript)
    for i, turn in enumerate(transcript.turns):
        if (roles[i] == "coach") != coach and roles[i] != "unknown":
            continue
        start = turn.text.find(quote)
        if start >= 0:
            return i, start, start + len(quote)
    return None


def _overlaps(spans: dict[tuple[int, int], tuple[int, str]], turn: int, start: int, end: int) -> bool:
    return any(i == turn and s < end and start < e for (i, s), (e, _) in spans.items())

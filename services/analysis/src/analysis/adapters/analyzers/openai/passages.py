"""Grounded-selection mode's port: numbered candidate passages the model may cite.

A passage is a verbatim sentence span of one turn, so whatever the model picks is a quote
by construction. `SentenceCandidates` is the plain default (standard library only); a
richer source (the embedded analyzer's cues) plugs in through the same Protocol."""

import re
from dataclasses import dataclass
from typing import Protocol

from contracts import Transcript
from contracts.transcript import Role


@dataclass(frozen=True)
class Passage:
    number: int  # 1-based, what the model cites
    turn_index: int  # 0-based index into transcript.turns
    role: Role
    speaker: str
    text: str  # a verbatim span of that turn's text
    hint: str  # why it is a candidate ("question", "commitment, feeling" ...; "" for none), shown to the model


class CandidateSource(Protocol):
    def propose(self, transcript: Transcript) -> list[Passage]: ...


_SENTENCE = re.compile(r"[^.!?\u2026\n]+(?:[.!?\u2026]+[\"'\u201d\u2019)\]]*|$)")
_CUES: dict[str, tuple[str, ...]] = {
    # Client cues, most telling first: the order is also the priority when the list is capped.
    "commitment": (r"\bI(?:'|\u2019)?ll\b", r"\bI will\b", r"\bI(?:'m| am) going to\b", r"\bI commit",
                   r"\bI plan to\b", r"\bmy next step\b", r"\bby (?:monday|tuesday|wednesday|thursday|friday|"
                   r"saturday|sunday|tomorrow|next week|the end of)"),
    "win": (r"\bfinally\b", r"\bI (?:did|managed|finished|achieved|completed|got)\b", r"\bwent (?:really )?well\b",
            r"\bproud\b"),
    "realisation": (r"\breali[sz]e", r"\bI see now\b", r"\bI never (?:thought|noticed)", r"\bI notice",
                    r"\bit occurs to me\b", r"\bI understand\b", r"\bmaybe I\b", r"\bwhat I(?:'m| am) learning\b"),
    "feeling": (r"\bfeel", r"\bfelt\b", r"\b(?:anxious|excited|scared|afraid|relieved|frustrated|happy|"
                r"overwhelmed|nervous|stressed|worried|confident|calm|stuck|angry|sad|guilty|hopeful|lighter)\b"),
    "value": (r"\bmatters? to me\b", r"\bimportant to me\b", r"\bI value\b", r"\bI believe\b",
              r"\bI(?:'m| am) not (?:good|smart|ready) enough\b", r"\bI can(?:'|\u2019)?t\b", r"\bI should\b",
              r"\bI always\b", r"\bI never\b"),
    "statement": (r"\bI\b", r"\bmy\b", r"\bme\b", r"\bwe\b"),
}
_COACH_CUES: dict[str, tuple[str, ...]] = {
    "question": (r"\?\s*[\"'\u201d\u2019]*$",),
    "advice": (r"\byou should\b", r"\bhave you (?:tried|thought about)\b", r"\bI suggest\b", r"\btrust me\b",
               r"\bwhy don(?:'|\u2019)t you\b", r"\bwhat I would do\b", r"\byou need to\b", r"\bmy advice\b",
               r"\bin my experience\b", r"\byou could (?:try|just)\b", r"^(?:be|try|just) ",
               r"\byou(?:'|\u2019)ll have\b"),
    "reflection": (r"^(?:so|and so) ", r"\b(?:it|that) sounds\b", r"^(?:what I(?:'m| am) hearing|you said|I hear|"
                   r"I notice|you(?:'re| are) saying|you keep|you lit up)",),
    "invitation": (r"^(?:tell me|say more|talk me through|walk me through|take (?:all )?the time|"
                   r"there(?:'|\u2019)s no rush)",),
    "acknowledgement": (r"\b(?:well done|congratulations|that took courage|I appreciate)\b",),
    # The rest of what the coach says: coach feedback is about the coach's words, and they are few.
    "statement": (r".",),
}
_MIN_WORDS = {"coach": 2, "client": 3, "unknown": 3}


class SentenceCandidates(CandidateSource):
    """Client sentences with commitment, win, realisation, feeling, value or first-person cues;
    every coach sentence (questions, advice, reflections first). Capped by priority, in transcript order."""

    def __init__(self, limit: int = 120) -> None:
        self.limit = limit

    def propose(self, transcript: Transcript) -> list[Passage]:
        found: list[tuple[int, int, int, int, str, str]] = []  # priority, turn, start, end, hint
        for index, turn in enumerate(transcript.turns):
            cues = _COACH_CUES if turn.role == "coach" else _CUES
            for match in _SENTENCE.finditer(turn.text):
                start, end = _trimmed(turn.text, match.start(), match.end())
                sentence = turn.text[start:end]
                if len(sentence.split()) < _MIN_WORDS[turn.role]:
                    continue
                hints = [h for h, patterns in cues.items() if any(re.search(p, sentence, re.I) for p in patterns)]
                if hints:
                    # "statement" says nothing a model would not see for itself
                    shown = [h for h in hints if h != "statement"][:2]
                    found.append((list(cues).index(hints[0]), index, start, end, ", ".join(shown)))
        kept = sorted(sorted(found)[: self.limit], key=lambda f: (f[1], f[2]))
        return [Passage(number=n, turn_index=i, role=transcript.turns[i].role, speaker=transcript.turns[i].speaker,
                        text=transcript.turns[i].text[start:end], hint=hint)
                for n, (_, i, start, end, hint) in enumerate(kept, 1)]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

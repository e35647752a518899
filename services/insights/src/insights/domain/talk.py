"""Two numbers about how the coach coached, read from the transcript when it arrives (the
insights service never keeps the transcript itself): how much of the talking the client did,
and how many of the coach's questions were open ones (ICF PCC markers 7.6 and 7.8)."""

import re
from dataclasses import dataclass

from contracts import Transcript

_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_PREAMBLE = re.compile(r"^(?:(?:so|and|okay|ok|well|now|but|um+|uh+|yeah|yes|right|alright|then|oh|hmm|just|"
                       r"also|i'm curious|i'm wondering|i wonder)\b[,.]?\s*)+", re.I)
_OPEN = re.compile(r"^(?:what|what's|why|where|who|which|when|in what way|how(?!\s+(?:many|much|long|often|old|far)\b)|"
                   r"tell me|describe|explain|walk me through|help me understand|say more)\b", re.I)


@dataclass(frozen=True)
class TalkStats:
    client_talk_share: float | None  # client words / coach and client words
    open_question_ratio: float | None  # open coach questions / coach questions
    coach_questions: int


def is_open(question: str) -> bool:
    body = _PREAMBLE.sub("", question.strip().strip("\"'\u201c\u201d")).strip()
    tail = _PREAMBLE.sub("", re.split(r"[,;:\u2014]\s*", body)[-1]).strip()
    return bool(_OPEN.match(body) or _OPEN.match(tail))


def talk_stats(transcript: Transcript) -> TalkStats:
    words = {"coach": 0, "client": 0}
    questions = open_questions = 0
    for turn in transcript.turns:
        if turn.role not in words:
            continue
        words[turn.role] += len(turn.text.split())
        if turn.role == "coach":
            for sentence in _SENTENCE.findall(turn.text):
                if sentence.rstrip().endswith("?"):
                    questions += 1
                    open_questions += is_open(sentence)
    spoken = words["coach"] + words["client"]
    return TalkStats(client_talk_share=round(words["client"] / spoken, 3) if spoken else None,
                     open_question_ratio=round(open_questions / questions, 3) if questions else None,
                     coach_questions=questions)

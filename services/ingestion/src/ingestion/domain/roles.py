"""Decide each speaker's role, strongest evidence first:
1. an explicit label (`Coach`, `Client`, `Coachee`, ...);
2. the relationship's names (paired uploads);
3. the uploader's `coach_speaker` hint;
4. heuristic: the speaker who asks the most questions is the coach (in a transcript without
   question marks, such as captions, a turn that opens as a question does), or, where no one
   asks, the less talkative of the two who talk most; the other most talkative speaker the
   client (coaches ask, clients talk), and in a team or couple session every other speaker who
   takes part (two turns, ten words) a client too.
"""

import re
from collections import Counter

from contracts.transcript import Role

from contracts import SpeakerRole, Transcript, Turn
from ingestion.domain.turns import UNKNOWN_SPEAKER

COACH_LABELS = {"coach", "therapist", "counselor", "counsellor", "interviewer", "mentor"}
CLIENT_LABELS = {"client", "coachee", "patient", "interviewee", "mentee"}


def _label_role(speaker: str) -> Role | None:
    """"Coach", "Coach Maya", "Maya (Coach)", "Client - Tom": a role word anywhere in the label,
    and only one of the two."""
    words = set(re.findall(r"[^\W\d_]+", speaker.lower()))
    coach, client = bool(words & COACH_LABELS), bool(words & CLIENT_LABELS)
    if coach != client:
        return "coach" if coach else "client"
    return None


def _same_person(speaker: str, name: str | None) -> bool:
    s, n = speaker.lower().strip(), (name or "").lower().strip()
    if not s or not n:  # a blank name (" ") matches no one
        return False
    return s == n or s == n.split()[0] or n == s.split()[0]


def assign_roles(turns: list[Turn], coach_name: str | None = None, client_name: str | None = None,
                 coach_speaker: str | None = None, source_format: str = "text") -> Transcript:
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    decided: dict[str, SpeakerRole] = {}
    for speaker in speakers:
        if role := _label_role(speaker):
            decided[speaker] = SpeakerRole(speaker=speaker, role=role, decided_by="label")
        elif _same_person(speaker, coach_name):
            decided[speaker] = SpeakerRole(speaker=speaker, role="coach", decided_by="relationship")
        elif _same_person(speaker, client_name):
            decided[speaker] = SpeakerRole(speaker=speaker, role="client", decided_by="relationship")
        elif coach_speaker and _same_person(speaker, coach_speaker):
            decided[speaker] = SpeakerRole(speaker=speaker, role="coach", decided_by="coach_speaker")
    _heuristic(turns, speakers, decided, hinted=bool(coach_speaker))
    roles = {s: decided[s].role for s in speakers}
    return Transcript(
        turns=[Turn(speaker=t.speaker, role=roles[t.speaker], text=t.text, start_seconds=t.start_seconds,
                    end_seconds=t.end_seconds) for t in turns],
        speakers=[decided[s] for s in speakers],
        source_format=source_format,
    )


# a turn that opens as a question does, in a transcript written without punctuation (captions);
# never where question marks are written ("What I did was..." opens many a client's turn)
_ASKING = re.compile(r"^\W*(?:(?:so|and|okay|ok|well|um|uh|right|now)\W+)*(?:what|how|why|when|where|who|which|"
                     r"do|does|did|are|is|was|were|can|could|would|will|have|has|tell me)\b", re.I)


def _heuristic(turns: list[Turn], speakers: list[str], decided: dict[str, SpeakerRole], hinted: bool) -> None:
    marked = any("?" in t.text for t in turns)  # else written without punctuation: read the openings
    questions = Counter(t.speaker for t in turns if ("?" in t.text if marked else _ASKING.match(t.text)))
    words = Counter()
    for t in turns:
        words[t.speaker] += len(t.text.split())
    open_ = [s for s in speakers if s not in decided]
    has_coach = any(r.role == "coach" for r in decided.values())
    has_client = any(r.role == "client" for r in decided.values())
    if not has_coach and not hinted and len(speakers) > 1 and open_:
        coach = max(open_, key=lambda s: (questions[s], -words[s]))
        if questions[coach] == 0:  # no one asks anything: of the two who talk most, the one who talks less
            talkers = sorted(open_, key=lambda s: -words[s])[:2]
            coach = talkers[-1] if len(talkers) == 2 and words[talkers[1]] < words[talkers[0]] else None
        if coach is not None:
            decided[coach] = SpeakerRole(speaker=coach, role="coach", decided_by="heuristic")
            open_.remove(coach)
    if not has_client and open_ and any(r.role == "coach" for r in decided.values()):
        client = max(open_, key=lambda s: words[s])
        decided[client] = SpeakerRole(speaker=client, role="client", decided_by="heuristic")
        open_.remove(client)
        # team or couple coaching: whoever else takes part in the conversation is coached too
        # (not lines no one was named for, nor a voice heard once)
        turns_of = Counter(t.speaker for t in turns)
        for speaker in [s for s in open_ if s != UNKNOWN_SPEAKER and turns_of[s] >= 2 and words[s] >= 10]:
            decided[speaker] = SpeakerRole(speaker=speaker, role="client", decided_by="heuristic")
            open_.remove(speaker)
    for speaker in open_:
        decided[speaker] = SpeakerRole(speaker=speaker, role="unknown", decided_by="default")

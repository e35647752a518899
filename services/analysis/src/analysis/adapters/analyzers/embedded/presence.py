"""Coaching presence: how the coach listened and how much room the client had.

Reflections (the coach restating the client's words or feelings), open vs closed
questions, advice-giving, interruptions and the client's share of the talk are
the observable parts of ICF's "Maintains Presence" and "Listens Actively".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contracts.insight import CoachingPresence

from .caseless import caseless
from .cues import client_hits
from .evidence import dedupe, quote
from .questions import Question, is_question, open_ratio
from .sentences import words
from .session import Session, TurnView
from .wording import counted

_PREAMBLE = re.compile(
    r"^(?:(?:so|and|okay|ok|well|now|but|um+|uh+|yeah|right|mm-?hmm|hmm|oh|alright|i see|you know|"
    r"i mean|sure|wow|gosh)\b[,.!]?\s*)+",
    re.I,
)
# Stems that are reflections on their own ("It sounds like...", "You feel...").
_STRONG_STEM = re.compile(
    r"^(?:(?:it )?sounds? (?:like|as if|as though)|it seems (?:like|as if|that|to me)|seems like|"
    r"what i(?:'m| am) hearing|i(?:'m| am)? hearing|i hear (?:that|you)|(?:so )?you(?:'re| are) saying|"
    r"you(?:'re| are)? (?:feel|feeling|felt)|you (?:sound|seem)|part of you|on (?:the )?one hand|"
    r"on the other hand|you(?:'re| are) (?:not (?:really )?sure|worried|concerned|wondering|afraid|scared|"
    r"frustrated|tired|ready|thinking|hoping)|you (?:want|wanted|'d like|would like|don't want|wish|hope|"
    r"worry|value|care|really)|in other words|for you,|so for you|it's (?:been )?(?:hard|difficult|tough|"
    r"important|frustrating) for you|that must)\b",
    re.I,
)
# Warnings, instructions and information dressed as "you" statements are not reflections ("Write
# down every contact you've had with him", "That's nice, but your wellbeing comes first").
_NOT_REFLECTION = re.compile(
    r"^(?:just |then |so |and |maybe |perhaps )?(?:write|tell|send|make|try|get|call|ask|put|go|stop|start|book|email|text|ring|talk|"
    r"speak|keep|let's|don't|do|give|set|block|find|check|log|pick|bring|read|use|remember|focus|chair|"
    r"delegate|push|trust)\b|^(?!you\b)(?:he|she|they|it|[a-z]+) (?:will|'ll|won't|is going to|'s going to)\b|"
    r"^(?:see you|speak soon|talk soon|take care|bye|good luck|enjoy)\b|^(?:that's |it's )?(?:nice|great|good|fine|lovely|well done|ok|okay)\b[^.]{0,20}\bbut\b|"
    r"\b(?:you(?:'ll| will| could| might| can| may)|you(?:'d| would) be|risks?|should|shouldn't|must|needs? to|has to|have to|got to|"
    r"obviously|i(?:'m|'ll|'ve|'d)?(?! hear)|me|my|we|we're|we've|we'll|us|our|they|they're|people|there's|"
    r"what|how|why|where|when)\b",
    re.I,
)
# Praise, reassurance and the coach's verdicts are said to the client, not of what the client said:
# "Good for you.", "That's absolutely okay.", "You're worth it.", "Your portfolio is strong.", "That's a
# classic sign you're undercharging." (MITI counts them as affirmations or persuasion, not reflections).
_VERDICT = re.compile(
    r"^(?:good for you|well done|great|brilliant|excellent|wonderful|fantastic|amazing|awesome|perfect|"
    r"congratulations|nice one|take your time)\b|"
    r"^(?:that's|that is|it's|it is) (?:absolutely |totally |completely |perfectly |really |so )?(?:okay|ok|fine|"
    r"normal|natural|understandable|(?:a )?(?:good|great|brilliant|fair) (?:\w+)?)\b|"
    r"\byou(?:'ve| have) got this\b|\byou(?:'re| are) (?:worth|overthinking|not responsible|being too|too hard)\b|"
    r"\byou don't owe\b|\b(?:a|the) (?:classic|common|typical) (?:sign|thing|problem|mistake|pattern)\b|"
    r"^your \w+(?: \w+)? (?:is|are) (?:really |so |very )?(?:strong|great|good|excellent|impressive|amazing)\b|"
    r"\byou need (?:a|an|some|more)\b|"
    r"^(?:that's|that is|it's|it is) (?:very |really |so |ever so )?\w+ of you\b",  # "That's generous of you."
    re.I,
)
# greetings and thanks said back are manners, not listening ("Good afternoon.", "Thank you, Tolu.")
_COURTESY = re.compile(r"^\W*(?:good (?:morning|afternoon|evening)|hi|hello|hey|thanks|thank you|cheers|bye|see you|"
                       r"take care|nice to (?:see|meet) you)\b", re.I)
# words too common to count as the client's own when said back ("See, that sounds amazing." after "That part sounds
# good." echoes nothing of what the client said)
_COMMON = frozenset("that this with have just like really sounds sound about what there they then them been from would "
                    "could should think know yeah well very more some into your were when will does doing much".split())
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've|yourself)\b", re.I)
MAX_REFLECTION_WORDS = 30
MAX_REFLECTION_TURN_WORDS = 60
REFLECTION_WINDOW = 2  # reflections open a coach turn; later "you" sentences are usually input
ADVICE = caseless(
    # ("You should be really proud of that." celebrates: no advice)
    r"\b(?:you (?:really |just |definitely |probably |honestly |seriously |absolutely )?"
    r"(?:should(?! (?:really |so |very )?be (?:really |so |very )?(?:proud|pleased|chuffed|delighted|happy)\b)|"
    r"must(?! be\b| have been\b)|"
    r"ought to|need to|have to|'ve got to|got to)|trust me\b|you(?:'ll| will) never know (?:unless|until|if) you|"
    r"you won't know (?:unless|until|if) you|"
    r"i(?: would|'d)?(?: also| really| just| strongly| definitely)? (?:recommend|suggest|advise)|"
    # "there are loads of free courses online, you could do one of those": a suggestion said as a statement
    r"(?:^|(?<=[,;] )|(?<=\bso )|(?<=\band )|(?<=\bor )|(?<=\bwell )|(?<=\bmaybe )|(?<=\bperhaps )|(?<=\bthen )|(?<=\balso ))"
    r"you could (?:always |just |easily |even )?(?:do|try|use|get|ask|look|update|book|join|ring|"
    r"call|email|message|text|write|send|start|talk|speak|go|sign|apply|put|take|set)\b|"
    r"i want you to|i'd like you to|it's (?:really )?important (?:that you|to)|the best thing (?:is|would be|to do)|"
    r"what you need|my advice|you'd better|i'm going to give you|make sure you)\b",
    re.I,
)
_DISCLOSURE = caseless(
    r"\b(?:to be honest|honestly|the truth is|i have to admit|i(?:'ll| will) be honest|i(?:'ve| have) never told|"
    r"i(?:'m| am) (?:scared|afraid|ashamed|embarrassed|worried|terrified)|i feel (?:like )?(?:a|so|really|very)|"
    r"between you and me|it's hard for me to say)\b",
    re.I,
)
_CUT_OFF = re.compile(r"(?:-|--|\u2014|\u2013|\.\.\.|\u2026)\s*$")
LECTURE_WORDS = 80


@dataclass(frozen=True, slots=True)
class PresenceStats:
    questions: int
    open_questions: int
    open_ratio: float
    reflections: int
    advice: int
    lectures: int
    interruptions: int
    client_share: float
    mean_client_words: float
    mean_coach_words: float
    reflection_quotes: tuple[str, ...]
    unsure_share: float = 0.0  # of the client's turns, those that say "I don't know" or "I'm not sure"
    brief_share: float = 0.0  # of the client's turns, those of a few words ("Yeah.", "Friday. Right.")

    @property
    def reflection_to_question(self) -> float:
        return self.reflections / max(1, self.questions)


def stats(session: Session, questions: list[Question]) -> PresenceStats:
    reflections: list[str] = []
    advice = lectures = 0
    for turn in session.coach_turns:
        r = _reflection(session, turn)
        if r:
            reflections.append(r)
        advice += sum(bool(ADVICE.search(s.text)) for s in turn.spans)
        if turn.word_count >= LECTURE_WORDS and not any(is_question(s.text) for s in turn.spans) and not r:
            lectures += 1
    talk = session.client_words + session.coach_words
    clients, coaches = session.client_turns, session.coach_turns
    return PresenceStats(
        questions=len(questions),
        open_questions=sum(q.kind == "open" for q in questions),
        open_ratio=open_ratio(questions),
        reflections=len(reflections),
        advice=advice,
        lectures=lectures,
        interruptions=_interruptions(session),
        client_share=session.client_words / talk if talk else 0.0,
        mean_client_words=session.client_words / len(clients) if clients else 0.0,
        mean_coach_words=session.coach_words / len(coaches) if coaches else 0.0,
        reflection_quotes=tuple(reflections),
        unsure_share=sum(bool(_UNSURE.search(t.text.replace("\u2019", "'"))) for t in clients) / len(clients) if clients else 0.0,
        brief_share=sum(t.word_count <= BRIEF_WORDS for t in clients) / len(clients) if clients else 0.0,
    )


BRIEF_WORDS = 4
# a client who answers one turn in three or more with a word or two ("Yeah. Go 'ed.") is going along, not
# highly engaged, however long their other turns run
BRIEF_SHARE = 1 / 3


_UNSURE = re.compile(r"\bi (?:don't|do not|dunno) know\b|\bi'm not sure\b|\bno idea\b|\bi dunno\b", re.I)
UNSURE_SHARE = 0.15  # a client unsure in one turn of seven or more is not highly engaged, however much they say


def _reflection(session: Session, turn: TurnView) -> str | None:
    """The sentence opening a coach turn that reflects the client back, if any.

    A reflection answers a client turn, opens the coach's turn (after any
    "Okay." / "Mm-hmm."), is a statement rather than a question or advice, and
    either uses a reflective stem or restates the client in second person or
    in the client's own words. Long turns are information-giving, not listening.
    """
    previous = session.previous_turn(turn)
    if previous is None or not previous.is_client or turn.word_count > MAX_REFLECTION_TURN_WORDS:
        return None
    client_words = {w for w in words(previous.text) if len(w) > 3}
    said = f" {' '.join(words(previous.text))} "
    substantive = [sp for sp in turn.spans if len(_PREAMBLE.sub("", sp.text).split()) >= 3]
    for span in substantive[:REFLECTION_WINDOW]:
        body = _PREAMBLE.sub("", span.text.replace("\u2019", "'"))
        if _TOLD.match(body):
            return None  # "Okay, well don't wait on Janine. You ring the college yourself.": what follows an order is one
        if ADVICE.search(body) or _OTHERS_DO.match(body):
            return None  # "What I'd suggest is... That way you're deciding on facts.": what follows advice sells it
        if is_question(span.text) or _vouched(turn, span):
            continue
        if _A_NUMBER.match(body) or _NOTED.match(body):
            continue
        if f" {' '.join(words(body))} " in said and not _COURTESY.match(body):
            return quote(turn, span)  # the client's own words handed back ("All in or all out."): a simple reflection
        if _STRONG_STEM.match(body):
            return quote(turn, span)
        if _NOT_REFLECTION.search(body) or _VERDICT.search(body) or len(body.split()) > MAX_REFLECTION_WORDS:
            continue
        echoed = client_words & {w for w in words(body) if len(w) > 3} - _COMMON
        if _SECOND_PERSON.search(body) or len(echoed) >= 2:
            return quote(turn, span)
    return None


# "A lot of farmers your age lease to a younger farmer": what others do, offered as the way
_OTHERS_DO = re.compile(r"^\W*(?:a lot of|lots of|many|plenty of|some) (?:people|\w+s)(?: (?:your age|like you|in your "
                        r"(?:position|shoes)))? (?:find|lease|use|try|get|hire|go|do|take|move|bring|put)\b", re.I)
# "Seven and a half.": the client's number said back is a note taken, not a reflection
_A_NUMBER = re.compile(r"^\W*(?:(?:a|an|and|half|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\W*)+$", re.I)
# "Fifteen percent, okay.", "Twelve years, that's a long time.", "Month four, that's good.": the client's figure
# noted and remarked on, not their meaning handed back
_NOTED = re.compile(r"^\W*(?:\w+ )?(?:a |an )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|\d+)(?:[- ]\w+)?"
                    r"(?: (?:percent|per cent|years?|months?|weeks?|days?|hours?|times?|quid|pounds|grand|k))?,\s*"
                    r"(?:okay|ok|right|sure|wow|gosh|great|good|brilliant|that's|that is|it's)\b", re.I)
# an order ("don't wait on Janine", "just ring her") that opens the coach's turn
# ("Just so I've got this right, you're..." and "Stop me if I'm wrong, but..." open a reflection)
_TOLD = re.compile(r"^(?:okay,? |ok,? |right,? |well,? |so,? )*(?:don't|do not|just (?!to\b|so\b)\w+|stop(?! me\b)|never)\b",
                   re.I)
# "So you're busy enough for an apprentice. Definitely.": the coach vouching for their own conclusion
_SURE = re.compile(r"^\W*(?:definitely|absolutely|clearly|obviously|no question|no doubt)\W*$", re.I)


def _vouched(turn: TurnView, span) -> bool:
    after = [sp for sp in turn.spans if sp.start >= span.end]
    return bool(after) and bool(_SURE.match(after[0].text))


def _interruptions(session: Session) -> int:
    """Turns cut off mid-sentence by the other speaker, or very short turns
    that land while the other side had not finished."""
    count = 0
    for turn, nxt in zip(session.turns, session.turns[1:]):
        if turn.role != nxt.role and _CUT_OFF.search(turn.text):
            count += 1
    return count


def coaching_presence(session: Session, st: PresenceStats) -> CoachingPresence:
    trust = [h.text for h in client_hits(session, _DISCLOSURE)]
    return CoachingPresence(
        client_engagement_level=_engagement(st),
        rapport_quality=_rapport(st),
        trust_indicators=dedupe(trust, limit=3),
        partnership_dynamics=_partnership(st),
        evidence=dedupe(list(st.reflection_quotes), limit=3),
    )


def _engagement(st: PresenceStats) -> str:
    if st.client_share >= 0.5 and st.mean_client_words >= 12 and st.unsure_share < UNSURE_SHARE \
            and st.brief_share < BRIEF_SHARE:
        return "High"
    if st.client_share < 0.3 or st.mean_client_words < 6:
        return "Low"
    return "Moderate"


def _rapport(st: PresenceStats) -> str:
    ratio = st.reflection_to_question
    if st.reflections >= 3 and ratio >= 1:
        tone = "Strong"
    elif st.reflections >= 1 and ratio >= 0.4:
        tone = "Good"
    elif not st.reflections and st.questions >= STEERED_QUESTIONS and st.open_ratio < STEERED_OPEN:
        tone = "Limited"  # nothing handed back, and the questions were yes/no ones: the client was not followed
    else:
        tone = "Developing"
    return (
        f"{tone}: {counted(st.reflections, 'reflective statement')} and {counted(st.questions, 'question')} "
        f"({st.open_questions} open); {counted(st.interruptions, 'interruption')}."
    )


STEERED_QUESTIONS = 5
STEERED_OPEN = 0.3


def steered(st: PresenceStats) -> bool:
    """The client did the talking, but in answer to the coach's yes/no questions: the coach held the lead."""
    return st.client_share >= 0.5 and st.questions >= STEERED_QUESTIONS and st.open_ratio < STEERED_OPEN


def _partnership(st: PresenceStats) -> str:
    share = round(100 * st.client_share)
    if steered(st):
        lead = (f"Coach-steered: the client spoke {share}% of the words, mostly answering closed questions "
                f"({st.open_questions} of {st.questions} open)")
    elif st.client_share >= 0.5:
        lead = f"Client-led: the client spoke {share}% of the words"
    elif st.client_share >= 0.35:
        lead = f"Balanced: the client spoke {share}% of the words"
    else:
        lead = f"Coach-led: the coach spoke {100 - share}% of the words"
    if st.advice or st.lectures:
        lead += f"; the coach gave advice {counted(st.advice, 'time')} and {counted(st.lectures, 'long explanation')}"
    return lead + "."

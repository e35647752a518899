"""Feedback on the coaching: strengths and missed opportunities, each tied to an ICF
competency and PCC marker and to the coach's own verbatim words.

Each detector reads one observable behaviour: contracting, reflections, evoking questions,
exploring emotion, client-designed actions and accountability, celebrating progress, room for
the client; and on the other side advice giving, leading questions, closed questions (a pattern of them), stacked
questions, emotion passed over, actions imposed, the coach doing most of the talking.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from contracts.insight import CoachFeedback, FeedbackItem, PowerfulQuestion

from . import beliefs, discoveries
from .agreement import Agreement
from .caseless import Cue, caseless
from .commitments import Commitment
from .evidence import dedupe, quote
from .feelings import strong_feeling
from .language import Sentence, parse_texts
from .markers import marker
from .presence import ADVICE, PresenceStats, steered
from .question_purpose import Purpose
from .questions import STACKED, Question, asked_in
from .session import Session, TurnView
from .wording import counted, quoted

_LEADING = re.compile(
    r"^(?:(?:so|and|but|okay|well|right),? )*(?:don't you think|wouldn't it be|isn't it|aren't you|shouldn't you|"
    r"couldn't you|why don't you|have you (?:thought about|considered|tried)|would you (?:not )?consider|"
    r"do you not think|don't you)\b",
    re.I,
)
# The coach says what the client feels, knows or thinks and asks them to agree: "You feel better about it now,
# don't you?", "You know you're undercharging, don't you?"
_TAGGED = re.compile(r"^\W*(?:(?:so|and|but|okay|well|right),? )*you(?:'re| are| must| do)? (?:\w+ )?(?:feel|felt|feeling|know|"
                     r"think|want|agree|see)\b[^?]*,\s*(?:don't|didn't|aren't|isn't|haven't|wouldn't|right|yeah|eh)\b[^?,]*\?\s*$",
                     re.I)
_IMPOSED = re.compile(
    r"\b(?:i want you to|i'd like you to|your homework|i need you to|you(?:'re| are) going to|your task|"
    r"you (?:need|have) to\b.{0,60}\b(?:by|before|this week|tomorrow|next week|tonight)|"
    r"you should\b.{0,60}\b(?:by|before|this week|tomorrow|next week|tonight)|"
    r"^\W*(?:and |so |then )?you(?:'ll| will) (?!feel|be |find|see|get there|get used|know|probably|need)\w+\b.{0,80}"
    r"\b(?:by|from|before|this week|tomorrow|tonight|next week|on (?:monday|tuesday|wednesday|thursday|friday))\b|"
    r"^\W*(?:then |so |and )?(?:get|email|send|book|call|ring|phone|write|finish|put|set up|schedule) (?!me\b)\w+.{0,80}"
    r"\b(?:by|before|this week|tomorrow|tonight|next week|and let me know|and send me))",
    re.I,
)
_FEELING_PROBE = re.compile(r"\b(?:feel|feeling|felt|emotion|what's that like|how is that for you|what comes up|"
                            r"where do you (?:feel|notice)|sounds (?:hard|painful|frustrating|scary)|must be)\b", re.I)
# ("That's a big hit.", "That's a big identity shift.": the size of a loss or a change, no celebration)
_CELEBRATE = re.compile(r"\b(?:well done|congratulations|congrats|that's (?:a )?(?:great|wonderful|fantastic)|"
                        r"that's (?:a )?(?:big|huge|real)(?!(?: \w+)? (?:hit|loss|blow|knock|drop|shift|change|ask|question|worry|"
                        r"problem|shame|pity|lot|burden|weight|piece)\b| thing to carry\b)|"
                        r"brilliant|amazing|what an achievement|you did it|proud of you|good for you|that's progress)\b",
                        re.I)
_MEASURE = re.compile(r"\b(?:how (?:will|would) you know|what would (?:make|success|tell you)|what would .{0,30}look like by the end|"
                      r"what would you like to (?:have|leave with)|by the end of (?:our|this|the) (?:session|hour|time)|"
                      r"(?:be|got|get) (?:\w+ )?by the end|(?:walk|go|come) (?:out|away)(?: of here| from here)? with|"
                      r"(?:we'd|we had|we've) got (?:somewhere|there))\b", re.I)
_ACCOUNTABLE = re.compile(r"\b(?:accountab\w+|how will (?:i|we|you) know|check in|how will you track|who (?:else )?could "
                          r"support|how will you remember|what could get in the way)\b", re.I)
_EMPATHY = re.compile(r"^\W*(?:(?:that|it|this) (?:sounds|must be|must have been|seems|feels) (?:\w+ )?(?:like )?(?:a )?"
                      r"(?:hard|painful|difficult|tough|uncomfortable|exhausting|frustrating|scary|lonely|heavy|a lot|"
                      r"upsetting|overwhelming|draining)|i can (?:hear|see) (?:how|that)|i'm sorry|"
                      # "That's a big hit.", "That's a real loss.": the size of what the client lost, named
                      r"that's (?:a )?(?:big|huge|real|hard|heavy) (?:hit|loss|blow|knock|drop|thing to carry)\b)", re.I)
_ENERGY = re.compile(r"\byou (?:lit up|light up|smiled|sighed|paused|laughed|went quiet|sat up|leaned in|"
                     r"sound(?:ed)? (?:lighter|different|excited|flat|tired))|\bi notice(?:d)? (?:your|you|a shift|that you)|"
                     r"\byour (?:voice|energy|face|tone) (?:changed|dropped|lifted|shifted)", re.I)
# Telling and reassuring: the coach's experience or a quick fix instead of the client's thinking.
_TELLING = caseless(r"\bin my experience\b|\btrust me\b|\bthat's (?:probably |exactly |just )?what i(?:'d| would) do\b|"
                      r"\bif i were you\b|\bwhat i did was\b|"
                      r"\bin your (?:position|shoes),? i(?:'d| would)\b|\bwhen i (?:ran|was at|worked at|managed|led|went back)\b|"
                      r"\bi can tell you (?:exactly|what|how)\b|\bone idea\b|"
                      r"^\W*some (?:people|\w+s)(?: in your (?:position|shoes))? (?:find|bring|share|move|use|try|put)\b|"
                      # "A lot of farmers your age lease to a younger farmer": what others do, offered as the way
                      r"^\W*(?:a lot of|lots of|many|plenty of) (?:people|\w+s)(?: (?:your age|like you|in your (?:position|shoes)))? "
                      r"(?:find|lease|use|try|get|hire|go|do|take|move|bring|put)\b|"
                      r"\bwhat i(?:'d| would) do is\b|^(?:be|try|make sure|don't|stop|start) \w+|"
                      # "Just say no.", not a fragment "just for me" or a reflection "Just a Tuesday."
                      r"^just (?!(?:for|a|an|the|to|in|on|at|about|because|like|so|me|you|my|your|that|this|it|one|two|"
                      r"what|how|when|where|why|who|not|now|then|really|yet|as|all|kind|sort|being|been)\b)\w+", re.I)
_DISMISSING = caseless(r"\beveryone (?:feels|goes through|gets|does)\b|\bdon't worry\b|\b(?:it's|that's|\w+ is) (?:fine|normal)\b|"
                         r"\byou're being (?:really |very |too |a bit )?hard on yourself\b|"
                         r"\byou'll feel better\b|\bthat's (?:just|only) (?:nerves|normal|natural|\w+ talking)\b|"
                         r"\bthey'll (?:get used to it|come round|respect you)\b|\bno point (?:worrying|dwelling)\b|"
                         r"\bit wasn't a fluke\b|\byou'll be fine\b|\bcheer up\b", re.I)
_STEERING = re.compile(r"^(?:(?:so|and|but|okay|well|right),? )*(?:would it help to|would you be willing to|will you|could you just|"
                       r"can you just|what if you|have you considered|do you think you (?:should|could|deserve)|"
                       r"could you (?:ask|get|try|talk to|speak to|tell|move|change|use|book|hire)|how about|"
                       r"what about (?:a|an|\w+ing)\b|would it be worth|(?:maybe|perhaps) you (?:could|should|might want to)|"
                       r"(?:maybe |perhaps )?(?:that's|that is|it's|it might be|it could be) worth (?:doing|trying|a try|a go|asking)|"
                       r"would (?:that|this|it) (?:work|be useful|help) for you|would that be useful)\b", re.I)
EVIDENCE_LIMIT = 6  # quotes per feedback item: enough to show a pattern, few enough to read
_ACK = re.compile(r"\b(?:sounds|hear|feel|feeling|felt|hard|difficult|tough|understand|that's a lot|makes sense|thank you for|"
                  r"thanks for|took courage|i appreciate|"
                  # asking how it was for the client: "How did that land for you?", "What was that like?"
                  r"land|landed|what(?:'s| is| was) (?:that|it|this) like|how (?:was|is) (?:that|it|this) for you)\b", re.I)


@dataclass(frozen=True, slots=True)
class Inputs:
    session: Session
    questions: list[Question]
    purposes: list[Purpose]
    stats: PresenceStats
    agreement: Agreement | None
    commitments: list[Commitment]
    powerful: list[PowerfulQuestion]
    sentences: list[Sentence]


def feedback(x: Inputs, quality_rationale: str) -> CoachFeedback:
    strengths = [f for f in (d(x) for d in _STRENGTHS) if f]
    missed = [f for f in (d(x) for d in _MISSED) if f]
    return CoachFeedback(strengths=strengths, missed_opportunities=missed, quality_rationale=quality_rationale)


def _item(kind: str, number: str, observation: str, evidence: list[str], suggestion: str | None = None) -> FeedbackItem:
    competency, text = marker(number)
    return FeedbackItem(kind=kind, competency=competency, pcc_marker=text, observation=observation,
                        suggestion=suggestion, evidence=dedupe([e for e in evidence if e], limit=EVIDENCE_LIMIT))


def _coach_sentences(x: Inputs, pattern: Cue, unless: Callable[[Session, TurnView], bool] | None = None) -> list[str]:
    """The coach's sentences `pattern` finds, less those of turns `unless` rules out."""
    return [quote(t, s) for t in x.session.coach_turns if unless is None or not unless(x.session, t)
            for s in t.spans if pattern.search(s.text.replace("\u2019", "'"))]


# ---- strengths


def _agreement(x: Inputs) -> FeedbackItem | None:
    if x.agreement is None:
        return None
    wanted = f" ({x.agreement.goal})" if x.agreement.stated else ""
    return _item("strength", "3.1", f"Opened by agreeing what the client wanted from the session{wanted}.",
                 [x.agreement.question.text])


def _measures(x: Inputs) -> FeedbackItem | None:
    early = max(4, len(x.session.turns) // 3)
    quotes = [q.text for q in x.questions if q.turn.index <= early and _MEASURE.search(q.text.replace("\u2019", "'"))]
    if not quotes:
        return None
    return _item("strength", "3.2", "Asked what success would look like for this session.", quotes)


def _reflections(x: Inputs) -> FeedbackItem | None:
    if x.stats.reflections < 2:
        return None
    return _item("strength", "6.7", f"Reflected the client's words back {x.stats.reflections} times, so the client "
                 "could hear their own thinking.", list(x.stats.reflection_quotes[:4]))


def _evoking(x: Inputs) -> FeedbackItem | None:
    if not x.powerful:
        return None
    took = f"{counted(len(x.powerful), 'question')} took the client beyond their first answer."
    return _item("strength", "7.2", took,
                 [p.question for p in x.powerful[:4]])


def _empathy(x: Inputs) -> FeedbackItem | None:
    quotes = _coach_sentences(x, _EMPATHY)
    if not quotes:
        return None
    return _item("strength", "4.2", "Named how hard it was for the client before moving on.", quotes)


def _energy(x: Inputs) -> FeedbackItem | None:
    quotes = _coach_sentences(x, _ENERGY)
    if not quotes:
        return None
    return _item("strength", "6.4", "Noticed a shift in the client's energy and named it.", quotes)


def _emotions(x: Inputs) -> FeedbackItem | None:
    quotes = [q.text for q in x.questions if _FEELING_PROBE.search(q.text) and not _TAGGED.search(q.text.replace("\u2019", "'"))]
    if not quotes:
        return None
    return _item("strength", "6.3", "Invited the client to explore how they feel, not only what happened.", quotes)


def _designed_actions(x: Inputs) -> FeedbackItem | None:
    committed = {c.turn.index for c in x.commitments if c.level != "Low"}
    asked = [q.text for q, p in zip(x.questions, x.purposes, strict=True)
             if p.is_planning and _answered_in(x.session, q.turn, committed)]
    if not asked:
        return None
    return _item("strength", "8.5", "Let the client design their own next steps by asking, not telling.", asked)


def _accountability(x: Inputs) -> FeedbackItem | None:
    late = len(x.session.turns) // 2
    quotes = [q.text for q in x.questions if q.turn.index >= late and _ACCOUNTABLE.search(q.text.replace("\u2019", "'"))]
    if not quotes:
        return None
    return _item("strength", "8.7", "Partnered with the client on how they will hold themselves accountable.", quotes)


def _celebrates(x: Inputs) -> FeedbackItem | None:
    # ("Yeah. Go 'ed." / "Brilliant.": the coach approving a yes to their own plan celebrates no progress)
    # (a question is no celebration: "a silent partner can be brilliant, but it depends ..., you know?")
    quotes = [q for q in _coach_sentences(x, _CELEBRATE, unless=lambda session, t: _after_assent(session, t)
                                          or _after_an_offer(session, t)) if not q.rstrip().endswith("?")]
    if not quotes:
        return None
    return _item("strength", "8.8", "Acknowledged and celebrated the client's progress.", quotes)


def _space(x: Inputs) -> FeedbackItem | None:
    if x.stats.client_share < 0.6 or x.stats.mean_coach_words > 25 or len(x.session.coach_turns) < 3:
        return None
    if steered(x.stats):
        return None  # the client's words answered the coach's yes/no questions: the coach held the lead, not gave room
    short = sorted((t for t in x.session.coach_turns if t.spans), key=lambda t: (t.word_count, t.index))[:1]
    return _item("strength", "7.8", f"Gave the client room: they spoke {round(100 * x.stats.client_share)}% of the words, "
                 f"and the coach's turns averaged {round(x.stats.mean_coach_words)} words.",
                 [quote(t, t.spans[-1]) for t in short])


def _learning(x: Inputs) -> FeedbackItem | None:
    late = int(len(x.session.turns) * 0.6)
    quotes = [q.text for q, p in zip(x.questions, x.purposes, strict=True) if q.turn.index >= late and p.is_learning]
    if not quotes:
        return None
    return _item("strength", "8.2", "Invited the client to name what they learned in the session.", quotes)


# ---- missed opportunities


def _no_agreement(x: Inputs) -> FeedbackItem | None:
    if x.agreement is not None or len(x.session.turns) < 8 or not x.session.coach_turns:
        return None
    early = len(x.session.turns) / 2
    asked = next((q for q, p in zip(x.questions, x.purposes, strict=True)
                  if q.turn.index < early and (p.is_agreement or _CONTRACTING.search(q.text.replace("\u2019", "'")))), None)
    if asked is not None:
        # the coach asked ("What would be most useful to talk about today?") and the client was unsure:
        # what was missed is coming back to it, not the asking
        return _item("missed_opportunity", "3.2", "The coach asked what the client wanted from the session, but no "
                     "outcome was agreed before the work began.", [asked.text],
                     "When the client is unsure, stay with it: 'What would make this time useful, even a little?'")
    first = x.session.coach_turns[0]
    return _item("missed_opportunity", "3.1", "No session agreement: the coach did not ask what the client wanted "
                 "from this session.", [quote(first, first.spans[0])] if first.spans else [],
                 "Open by asking what the client wants to leave with today, and how they will know.")


# "What would be most useful to talk about today?", "What would you like from our time?"
_CONTRACTING = re.compile(r"\bwhat (?:would|might) (?:be )?(?:most |really )?(?:useful|helpful)\b|\bwhat (?:would|do) you "
                          r"(?:like|want) (?:to (?:talk|focus|work|look|get|leave)|from)\b|\bwhere (?:would|shall|do) (?:you|we) "
                          r"(?:like to )?(?:start|begin)\b|\bwhat's on your mind\b|\bwhat shall we\b", re.I)


def _echo(session: Session, turn: TurnView, said: str) -> bool:
    """The coach saying the client's own words back ("Just a phone call." after "It's just a phone call on
    Thursday."): a reflection, whatever its form."""
    before = session.previous_turn(turn)
    words_ = re.findall(r"[a-z']+", said.lower().replace("\u2019", "'"))
    return before is not None and before.is_client and len(words_) >= 2 and set(words_) <= set(
        re.findall(r"[a-z']+", before.text.lower().replace("\u2019", "'")))


def _advice_quotes(x: Inputs) -> list[str]:
    echoed = {quote(t, sp) for t in x.session.coach_turns for sp in t.spans if _echo(x.session, t, sp.text)}
    advised = [q for q in _coach_sentences(x, ADVICE, unless=_offered_with_leave) if q not in echoed]
    told = [q for q in _coach_sentences(x, _TELLING, unless=_offered_with_leave) if q not in echoed]
    # an open question asks for the client's plan ("What do you need to do to prepare?"), it gives none;
    # a question is never telling
    asked = [q for q in advised if not (q.rstrip().endswith("?") and _OPEN_ASK.match(q))]
    return list(dict.fromkeys(asked + [q for q in told if not q.rstrip().endswith("?")]))


def leads(question: str) -> bool:
    """A question that carries the coach's answer in its form ("Why don't you just block out Saturday?", "You know
    you're undercharging, don't you?"): never a powerful question, however long the answer it draws."""
    said = question.replace("\u2019", "'")
    return bool(_LEADING.search(said) or _TAGGED.search(said))


def _leading_quotes(x: Inputs) -> list[str]:
    # (an option the client turned down still carried the coach's answer: on the tuning half's folds, leaving
    # those out lost 9 of the 633 missed opportunities the labels name, and 20 items in all)
    return [q.text for q in x.questions
            if (_LEADING.search(said := q.text.replace("\u2019", "'")) or _STEERING.search(said) or _TAGGED.search(said))
            and not _offered_with_leave(x.session, q.turn)]


# the coach asking leave to offer an idea: "Can I offer something, and you can take it or leave it?"
_LEAVE = re.compile(r"\b(?:can|could|may) i (?:offer|share|suggest|make a suggestion|give you|throw (?:in|out))|"
                    r"\bwould (?:it be )?(?:ok|okay|alright|all right|useful|helpful) (?:if i|for me to) "
                    r"(?:offer|share|suggest)|\bdo you mind if i (?:offer|share|suggest)|"
                    r"\b(?:want|like) to hear (?:an idea|a thought|what i)", re.I)


def _offered_with_leave(session: Session, turn: TurnView) -> bool:
    """The coach's idea after asking leave to offer it, and the client gave it ("Can I offer an idea? You can
    say no." / "Sure."): shared without attachment (PCC 7.5), no advice pressed on the client."""
    asked = session.previous_turn(session.previous_turn(turn)) if session.previous_turn(turn) is not None else None
    answer = session.previous_turn(turn)
    return (asked is not None and asked.is_coach and answer.is_client
            and bool(_LEAVE.search(asked.text.replace("\u2019", "'")))
            and not _DECLINES.search(answer.text.replace("\u2019", "'")))


def steering(x: Inputs) -> int:
    """How many times the coach advised, told or led: what the quality rating weighs against evoking."""
    return len(_advice_quotes(x)) + len(_leading_quotes(x))


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _advice(x: Inputs) -> FeedbackItem | None:
    quotes = _advice_quotes(x)
    if not quotes:
        return None
    return _item("missed_opportunity", "7.5", f"Gave advice {_times(len(quotes))} instead of drawing out the client's "
                 "own ideas.", quotes, "Offer an observation without attachment, then ask what the client makes of it.")


def _dismissing(x: Inputs) -> FeedbackItem | None:
    quotes = [q for q in _coach_sentences(x, _DISMISSING, unless=_declined_before) if not _echoed(x.session, q)]
    if not quotes:
        return None
    return _item("missed_opportunity", "4.3", "Reassured or waved a concern away instead of exploring it.", quotes,
                 "Stay with the concern: 'What makes it feel that way?'")


def _leading(x: Inputs) -> FeedbackItem | None:
    quotes = _leading_quotes(x)
    if not quotes:
        return None
    said = "A leading question that carries" if len(quotes) == 1 else f"{len(quotes)} leading questions that carry"
    return _item("missed_opportunity", "4.4", f"{said} the coach's answer.", quotes,
                 "Ask the open version: 'What options do you see?' rather than 'Have you tried...?'")


def _closed(x: Inputs) -> FeedbackItem | None:
    """Closed questions where an open one would have invited more (PCC 7.6): those answered in a word
    or two first, where the narrowing shows. A question that tests the client's thinking ("Is that
    true, or does it feel true?", "Whose rule is that?"), asks permission, or proved powerful is no
    such question; one or two closed questions alone are not a pattern unless they ran together."""
    strong = {p.question for p in x.powerful}
    closed = [q for q in x.questions if q.kind == "closed" and q.text not in strong
              and not _TESTING.search(q.text) and not beliefs.CHALLENGE.search(q.text.replace("\u2019", "'"))
              and not _SETTING_UP.search(q.text.replace("\u2019", "'")) and len(q.text.split()) >= 2
              and not _opened_up(x.session, q.turn)]
    run, best = [], []
    for q in x.questions:
        run = run + [q] if q in closed else []
        best = run if len(run) > len(best) else best
    if len(closed) < 3 and len(best) < 2:
        return None
    short = [q for q in closed if _answered_briefly(x.session, q.turn)]
    ranked = short + [q for q in closed if q not in short]
    said = f", {len(short)} of them answered in a word or two" if short else ""
    return _item("missed_opportunity", "7.6", f"{len(closed)} closed questions where an open one would have invited "
                 f"more{said}.", [q.text for q in ranked], "Turn one of them into a 'what' or 'how' question.")


# Closed in form but testing the client's thinking ("Is it terrible, or is it information?") or asking
# leave ("Can I share an observation?"); beliefs.CHALLENGE has the rest ("Is that true, though?").
_TESTING = re.compile(r"\bor (?:is|does|do|are|was|what|did|just)\b|\b(?:can|may) i (?:ask|share|offer|tell|say|check)\b|"
                      r"\bis it (?:ok|okay|alright) (?:if|to)\b|\bdo you mind\b|"
                      r"\b(?:does|did) (?:that|this) (?:sound|feel) (?:right|fair|ok|okay|about right)\b", re.I)


# The call itself, not the coaching: "Can you hear me okay?", "Is now still a good time?", "Shall we start?"
_SETTING_UP = re.compile(r"\b(?:can|could) you (?:hear|see) me\b|\bam i (?:on mute|muted|breaking up)\b|\bis (?:now|this) "
                         r"(?:still )?(?:a )?good time\b|\bshall we (?:start|begin|get going)\b|\bready to (?:start|begin)\b|"
                         r"\bsame time (?:next|in)\b", re.I)


def _opened_up(session: Session, turn: TurnView) -> bool:
    """The answer voiced a realisation ("And is it still serving you?" / "No. I just realised the month-end is
    late because of me."): closed in form, it opened the client's thinking. (Answered at length alone is not
    enough: on the tuning half, coaches still mark 88 such questions as closed ones that narrowed.)"""
    reply = session.next_turn(turn)
    return reply is not None and reply.is_client and bool(discoveries.MARKED.search(reply.text.replace("\u2019", "'")))


_ASSENT = re.compile(r"^\W*(?:yeah|yes|yep|ok|okay|right|sure|fine|alright|all right|i suppose|suppose|will do|fair enough|"
                     r"go 'ed|sound|mm+)\b", re.I)
_GREETING = re.compile(r"\b(?:how are you|how're you|how's it going|how have you been|how are things|how's things|"
                       r"you alright|hiya|hello)\b", re.I)


_UNSURE = re.compile(r"^\W*(?:i don't know|i dunno|not sure|i'm not sure)\b", re.I)


def _after_assent(session: Session, turn: TurnView) -> bool:
    """The client's turn before is a bare yes ("Yeah. Go 'ed.") or a short unsure one ("I don't know. Maybe to
    look only."): nothing the client did or learned for the coach to celebrate."""
    said = session.previous_turn(turn)
    if said is None or not said.is_client:
        return False
    text = said.text.replace("\u2019", "'")
    return said.word_count <= 4 and bool(_ASSENT.match(text)) or said.word_count <= 15 and bool(_UNSURE.match(text))


# someone else's words reported ("She said, 'If you take someone on, I'll do your books'"), and the client's own deed
_REPORTED = re.compile(r"\b(?:he|she|they|[A-Z][a-z]+) (?:said|says|told me|offered|promised|reckons)\b")
_OWN_DEED = re.compile(r"\b(?:i|we) (?:did|finally|managed|got|made|sent|finished|passed|won|took|booked|told|asked|"
                       r"said no|\w+ed)\b", re.I)


def _after_an_offer(session: Session, turn: TurnView) -> bool:
    """The client's turn before reports what someone else said they would do, and tells nothing the client did
    ("That's brilliant, that takes care of the admin side then." after the sister's offer): no progress of theirs."""
    said = session.previous_turn(turn)
    return said is not None and said.is_client and bool(_REPORTED.search(said.text)) and not _OWN_DEED.search(
        said.text.replace("\u2019", "'"))


def _answered_briefly(session: Session, turn: TurnView) -> bool:
    reply = session.next_turn(turn)
    return reply is not None and reply.is_client and reply.word_count <= 3


def _stacked(x: Inputs) -> FeedbackItem | None:
    stacked = [t for t in x.session.coach_turns
               if sum(asked_in(s.text) for s in t.spans if s.text.rstrip().endswith("?") and not _GREETING.search(s.text))
               >= STACKED]  # ("Hiya Gaz, how are you? Quick one today, yeah?": a greeting asks nothing of the client)
    if not stacked:
        return None
    t = stacked[0]
    quotes = [quote(t, s) for s in t.spans if s.text.rstrip().endswith("?")][:2]
    return _item("missed_opportunity", "7.6", f"Several questions at once in {counted(len(stacked), 'turn')}, "
                 "leaving the client to choose which to answer.", quotes, "Ask one question, then wait.")


def _ignored_emotion(x: Inputs) -> FeedbackItem | None:
    for s in x.sentences:
        if not s.turn.is_client or not strong_feeling(s):
            continue
        reply = x.session.next_turn(s.turn)
        if reply is None or not reply.is_coach or not reply.spans or _ACK.search(reply.text) or _picks_up(s, reply):
            continue
        if _stays_with(reply):
            continue
        said = quoted(quote(s.turn, s.span))
        return _item("missed_opportunity", "6.3", f"The client said {said} and the coach moved on without "
                     "acknowledging the feeling.", [quote(reply, reply.spans[0])],
                     "Pause on the feeling: 'That sounds hard. What's that like for you?'")
    return None


# "So", "OK", "Right", "Let's": the coach moving the conversation on
_MOVES_ON = re.compile(r"^\W*(?:so|ok|okay|right|anyway|alright|let's|let us|fine|good|great|moving on|now)\b", re.I)


def _stays_with(reply: TurnView) -> bool:
    """The coach's reply opens by saying something back, not by asking or moving on ("There's humour in
    it, and something serious underneath.", "You're in doubt."): the feeling was met before the next question."""
    first = reply.spans[0].text
    text = first.replace("\u2019", "'")
    return not text.rstrip().endswith("?") and not _MOVES_ON.match(text) and not ADVICE.search(text) \
        and not _TELLING.search(text) and not _DISMISSING.search(text) and not _MINIMISING.search(text)


# "It's just numbers.", "That's very common.", "You might have to become one": the feeling made small or answered
_MINIMISING = re.compile(r"^\W*(?:it's|that's|it is|that is) (?:just|only|(?:very |really |quite )?(?:common|normal|"
                         r"alright|all right|fine|okay|ok|natural))\b|\byou (?:might|may|will|would|just) (?:have|need) to\b|"
                         r"\byou (?:need|have|ought) to\b|\byou should\b|^\W*some (?:people|\w+s) in your\b", re.I)


def _imposed(x: Inputs) -> FeedbackItem | None:
    said = [quote(t, s) for t in x.session.coach_turns for s in t.spans
            if _IMPOSED.search(s.text.replace("\u2019", "'")) and not _recap_or_declined(x, t, s.text)]
    quotes = dedupe(said + [q for q, t, text in _orders(x) if not _recap_or_declined(x, t, text)], limit=EVIDENCE_LIMIT)
    if not quotes:
        return None
    return _item("missed_opportunity", "8.5", "Actions were set by the coach rather than designed by the client.", quotes,
                 "Ask 'What will you do, and by when?' and let the client choose.")


# when a task is due: "by Friday", "Monday", "tomorrow", "next week", "before we meet"
_DUE = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|this week|next week|"
                  r"this weekend|end of the (?:week|month|day)|before (?:we|our|next)|by (?:then|the \w+))\b", re.I)
# imperatives that run the session, not the client's week: "Say the new rate to me now", "Take a breath"
_IN_SESSION = frozenset("let imagine picture say tell think take try notice describe consider remember look go "
                        "hang hold wait keep carry".split())


def _orders(x: Inputs) -> list[str]:
    """A task the coach hands over with its deadline, as an imperative: "Work it out by Friday and send the
    email Monday." (no "you", so no pattern of words finds it; the parse does)."""
    said = [(t, s) for t in x.session.coach_turns for s in t.spans
            if not s.text.rstrip().endswith("?") and _DUE.search(s.text)]
    docs = parse_texts([s.text for _, s in said])
    return [(quote(t, s), t, s.text) for (t, s), doc in zip(said, docs, strict=True) if _imperative(doc)]


_DECLINES = re.compile(r"^\W*(?:(?:hmm+|um+|er+|oh|ah|well|mm+)\W+)*(?:no\b|nah\b|not (?:really|that|sure|yet|now)\b|"
                       r"i don't think so|that won't work|i'd rather not|"
                       r"i'll leave (?:it|that|the)|i'm not (?:going to|gonna))|\b(?:won't work|doesn't work for me|"
                       r"don't want to (?:talk|go) (?:about|into)|rather not (?:talk|go))\b", re.I)


def _recap_or_declined(x: Inputs, turn: TurnView, text: str) -> bool:
    """The coach saying back a step the client already chose ("Ring the surgery tomorrow at nine." after
    "Tomorrow, nine o'clock, I'll ring"), or one the client turned down: neither was imposed."""
    if turn.spans and _RECAP.match(turn.spans[0].text.replace("\u2019", "'")):
        return True  # "Let's recap. ... Ring the surgery tomorrow at nine. Does that sound right?"
    reply = x.session.next_turn(turn)
    if reply is not None and reply.is_client and _DECLINES.search(reply.text.replace("\u2019", "'")):
        return True
    later = x.session.next_turn(x.session.next_turn(reply)) if reply is not None and x.session.next_turn(reply) else None
    if later is not None and later.is_client and _DECLINES.search(later.text.replace("\u2019", "'")):
        # "The Monday thing won't work, though.", a turn later: declined, if it names the suggestion
        if (_long_words(later.text) - _COMMON) & (_long_words(text) - _COMMON):
            return True
    said = _long_words(text) - _COMMON
    return any(c.turn.index < turn.index and len(said & _long_words(c.text)) >= 2 for c in x.commitments)


_RECAP = re.compile(r"^\W*(?:(?:so|ok|okay|right),? )?(?:let's recap|to recap|let me recap|recap|to sum up|let me (?:check|make sure) "
                    r"i(?:'ve)? got|so you're going to|let me play (?:that|it) back)\b", re.I)
_OPEN_ASK = re.compile(r"^\W*(?:(?:so|and|okay|ok|right),? )*(?:what|how|which|who|where|when)\b", re.I)
_COMMON = frozenset("that this with will your what when then them they have from just about would could should".split())


def _echoed(session: Session, said: str) -> bool:
    """"It is fine, and a little bit lonely.", said back to a client who said "It is fine." and "A little bit lonely":
    the client's own words reflected, no reassurance the coach offers."""
    phrase = _DISMISSING.search(said.replace("\u2019", "'"))
    turn = next((t for t in session.coach_turns if said in t.text), None)
    before = session.previous_turn(turn) if turn is not None else None
    return (phrase is not None and before is not None and before.is_client
            and phrase.group(0).lower() in before.text.replace("\u2019", "'").lower())


def _declined_before(session: Session, turn: TurnView) -> bool:
    """The client's turn just before set a boundary ("I don't really want to talk about the credit card.")."""
    before = session.previous_turn(turn)
    return before is not None and before.is_client and bool(_BOUNDARY.search(before.text.replace("\u2019", "'")))


_BOUNDARY = re.compile(r"\b(?:don't (?:really )?want to (?:talk|go|get) (?:about|into)|(?:i'd )?rather not (?:talk|go|get) "
                       r"(?:about|into)|can we (?:leave|park|move on from|not talk about)|(?:not|never) (?:going|ready) to "
                       r"(?:talk|go) (?:about|into)|"
                       # deferred: "Not sure yet. Let me think about that one." ("That's fine. We can leave it there.")
                       r"let me (?:think|sleep|chew) (?:about|on) (?:that|it|this)|not (?:sure|ready) yet|"
                       r"(?:leave|park) (?:it|that|this) (?:open|there|for now)|i'm not ready)\b", re.I)


# a parting wish, no task: "Enjoy your Sunday dinner, Geoff.", "Have a good weekend."
_PARTING = re.compile(r"^\W*(?:(?:and|well|right|okay|ok|so),? )?(?:enjoy|have a (?:good|great|nice|lovely|restful))\b",
                      re.I)


def _imperative(doc) -> bool:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "VB" or root.lower_ in _IN_SESSION or _PARTING.match(doc.text):
        return False
    before = [t for t in doc[: root.i] if not t.is_punct]
    # nothing before the verb but "so", "OK", "then", "and", "just": no subject, no modal ("you can send it")
    return all(t.dep_ in ("intj", "advmod", "cc", "discourse") and t.tag_ != "MD" for t in before) \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children)


def _coach_talks(x: Inputs) -> FeedbackItem | None:
    if x.stats.client_share >= 0.45 or len(x.session.coach_turns) < 3:
        return None
    longest = max(x.session.coach_turns, key=lambda t: t.word_count)
    return _item("missed_opportunity", "7.8", f"The coach spoke {100 - round(100 * x.stats.client_share)}% of the words.",
                 [quote(longest, longest.spans[0])] if longest.spans else [], "Shorter turns; let silence do some work.")


def _interruptions(x: Inputs) -> FeedbackItem | None:
    cut = [t for t, n in zip(x.session.turns, x.session.turns[1:]) if t.is_client and n.is_coach
           and re.search(r"(?:-|--|\u2014|\u2013|\.\.\.|\u2026)\s*$", t.text)]
    if len(cut) < 2:
        return None
    replies = [x.session.next_turn(t) for t in cut]
    return _item("missed_opportunity", "6.6", f"The client was cut off {len(cut)} times.",
                 [quote(r, r.spans[0]) for r in replies[:2] if r and r.spans], "Let the client finish the thought.")


def _picks_up(s: Sentence, reply: TurnView) -> bool:
    """The coach's reply uses the client's own words ("What does losing control mean to you?")."""
    return len(_long_words(s.text) & _long_words(reply.text)) >= 2


def _long_words(text: str) -> set[str]:
    """The words of four letters or more: enough to tell whether two turns talk of the same thing."""
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def _answered_in(session: Session, turn: TurnView, committed: set[int]) -> bool:
    nxt = session.next_turn(turn)
    return nxt is not None and nxt.index in committed


_STRENGTHS = (_agreement, _measures, _reflections, _evoking, _empathy, _energy, _emotions, _designed_actions, _accountability,
              _celebrates, _space, _learning)
_MISSED = (_no_agreement, _advice, _dismissing, _leading, _closed, _stacked, _ignored_emotion, _imposed, _coach_talks,
           _interruptions)

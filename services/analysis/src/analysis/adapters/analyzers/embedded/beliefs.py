"""Values and beliefs: what matters to the client, and what they believe about themselves.

Three readings of each client statement, any of which may find one:
- the wording of values ("matters to me", "I care about", "comes first", "I'd rather X than Y");
- the parse of self-descriptions: a negated "I am" with a capability or identity ("I'm not a
  numbers person", "I'm just not leadership material"), "people like me don't", an absolute
  about oneself ("I always mess it up"), a can't of ability (never "I can't believe/wait");
- similarity to labelled example statements, for wordings neither of the above knows;
and the conversation around it: the answer to a question about values or beliefs, and the
sentence the coach then tests as a belief ("Whose rule is that?") or holds up as a value.
A statement about someone else, a question, or someone else's words is never the client's.
"""

from __future__ import annotations

import re

import msgspec
from contracts.insight import ValuesBeliefs
from spacy.tokens import Token

from . import semantic, syntax, timelines
from .caseless import caseless
from .evidence import quote
from .language import Sentence
from .sentences import echo_words, points_back, words
from .sentiment import compound
from .themes import ROLES

PER_TYPE = 6
SIMILAR = {"value": 0.62, "limiting_belief": 0.66, "empowering_belief": 0.66}

# what a person can hold as a value, named as a noun
_VALUE_NOUNS = ("integrity|respect|honesty|fairness|trust|freedom|loyalty|dignity|kindness|safety|quality|balance|growth|"
                "learning|justice|truth|courage|independence|autonomy|authenticity|family|community|connection|service|"
                "excellence|craft|security|purpose|meaning|impact|creativity|curiosity|compassion|responsibility|"
                "accountability|transparency|equality|belonging|people|relationships|being (?:there|honest|fair|present)")

# (?=\w): every wording starts on a word; checked once, it spares the engine trying them all at
# each word's end (same matches, the search ~1.4x faster).
VALUE = caseless(
    r"\b(?=\w)(?:(?:is|are|was|it's|that's|really|so|very|most|more) important to me|what (?:really )?matters(?: most)? to me|"
    r"matters? (?:a lot |most |so much |more |deeply )?to me|means (?:a lot|so much|everything|the world) to me|"
    r"i (?:really |deeply |genuinely )?care(?:d)? (?:a lot |so much |deeply |most |more )?(?:about|for)|i value|the most important thing|"
    r"i (?:genuinely |really |truly |still )?believe in|(?:comes?|come) first|non-negotiable|i(?:'d| would) rather be\b|"
    r"i(?:'d| would) (?:much )?rather (?!\w+ it\b)[^.?!]{3,80}? than (?!not\b)|"
    # "I'd rather sell forty jars of something honest.", "I'd rather the work spoke for itself." (not "I'd rather
    # not", "I'd rather leave it", "I'd rather you didn't")
    r"i(?:'d| would) (?:much |just )?rather (?!not\b|\w+ it\b|you\b|wait\b|die\b|be\b)\w+ (?:\w+ ){1,}|i (?:like|love) [^.?!,]{3,60}, not (?:to |for |just )?\w+|"
    r"^\W*(?!(?:not|get|got|getting|all|it|just|so|well)\b)\w+(?: \w+)? over \w+\W*$|"
    # how the client likes to be: "I like being the person people can rely on.", "And I like being measured."
    # (tuning half: all 6 client statements so worded are labelled values; not "I just liked being asked")
    r"i (?:really |always )?(?:like|liked|love|loved) being\b|"
    r"i refuse to|i won't compromise|i want to be (?:the kind of|someone who|a (?:good|better|present))|i need to feel|"
    r"what i want most|i stand for|i'm (?:driven|motivated) by|want (?:my|our) \w+ to (?:matter|mean)|to matter to|"
    r"i don't want to (?:be|become) (?:one of those|the kind of|someone who|that (?:person|parent|manager|boss))|"
    r"(?:for me,? )?it's (?:all )?about (?:\w+ing|being|feeling|having|doing)|what i love (?:most )?(?:is|about)|"
    r"gets me (?:up|out of bed) in the morning|that's why i do|what (?:really )?(?:drives|motivates) me|(?:keeps|kept) me going|"
    r"(?:i |where i |when i )(?:come|feel) (?:most |really )?alive|lights me up|"
    # "For me, it's all about integrity.", "It's about respect, at the end of the day." (a value named; "it's about
    # the money" and "so it's really about control" name a topic or a realisation)
    r"(?:for me,? it's (?:all |really |just )?|it's all )about (?:"+ _VALUE_NOUNS + r")\b|"
    r"it's (?:really )?about (?:" + _VALUE_NOUNS + r"),? (?:at the end of the day|in the end|for me)|"
    r"i(?:'d| would) never (?:compromise|sacrifice|trade)|"
    # an untruth the client says they are not the kind to tell: "I've never been someone who fudges numbers" (honesty)
    r"i(?:'ve| have)? (?:never been|'m not|am not|was never) (?:someone|somebody|the (?:kind|sort|type) of (?:person|\w+)|a person|one)"
    r" (?:who|to|that) (?:\w+ ){0,2}(?:lies|lie|cheats?|fudges?|fiddles?|cuts? corners|bluffs?|fakes?|spins?|covers? up|"
    r"passes? the buck|blames? others|hides? (?:things|the truth|mistakes))\b|"
    r"(?:nobody|no one|everyone|everybody|people|every \w+|no \w+) (?:should|deserves?|ought to)|the whole point (?:is|of)|"
    r"the (?:whole|entire|only) reason (?:i|we) (?:got into|went into|do|did|became|chose|started|stay)|"
    r"(?:the ones?|the people|who|what) (?:i'm|i am|we're|we are) (?:actually |really |only |even )?"
    r"(?:there|here|in (?:it|this)|doing (?:it|this)) for\b|"
    r"i (?:just |really |only )?want (?:to be |my |our |them |people |it )?[^.?!,]{3,80}, not (?:in |on |at |the |a |to |just )?\w+|"
    r"i need (?:my|the|our) (?:\w+ ){1,5}to (?:be|feel|leave|matter|mean|count)|promised myself|"
    r"i(?:'d| would) go to the wall for|line in the sand|deal-?breaker|"
    r"i won't budge on|i(?:'ve| have) always believed|i was (?:raised|brought up) to|my (?:one |golden |own )?rule is|"
    r"(?:is|are) everything to me|the right thing to do|i (?:could|can)(?:n't| not) live with myself|"
    r"^\W*\w+(?: \w+)? first, \w+(?: \w+)? second|"
    r"(?:people|patients|kids|children|families|customers|clients|staff) (?:(?:aren't|are not)(?! (?:supposed|meant|allowed)\b)|"
    r"deserve|come first|matter))",
    re.I,
)
# A value declared as one ("Being seen as a leader is really important to me", "Honesty matters more to me than
# the bonus"): the sentence scorer takes these whatever its model says (sentence_scorer.STATED).
STATED_VALUE = caseless(
    r"\b(?=\w)(?:(?:is|are|was|it's|that's|really|so|very|most|more) important to me|what (?:really )?matters(?: most)? to me|"
    r"matters? (?:a lot |most |so much |more |deeply )?to me|means (?:a lot|so much|everything|the world) to me|"
    r"i value\b|(?:is|are) everything to me|non-negotiable|i (?:genuinely |really |truly |still )?believe in\b|"
    r"(?:for me,? it's (?:all |really |just )?|it's all )about (?:" + _VALUE_NOUNS + r")\b|"
    r"it's (?:really )?about (?:" + _VALUE_NOUNS + r"),? (?:at the end of the day|in the end|for me))",
    re.I,
)
# (?=\w): every wording starts on a word; checked once, it spares the engine trying them all at
# each word's end (same matches, the search ~1.4x faster).
LIMITING = caseless(
    r"\b(?=\w)(?:\w+ like (?:me|us|ours|mine|him|her|them) (?:don't|can't|never|aren't|won't|shouldn't)|people like (?:me|us)|someone (?:like me|my age)|"
    r"(?:isn't|is not|wasn't|aren't) for (?:people|someone|women|men) (?:like|from)|"
    r"i don't think i(?:'m| am| can| could| would| will|'ll|'d)? (?:\w+ )?(?:good|smart|ready|able|capable|enough|cut out|"
    r"make it|do it|manage|handle|pull it off|the right)|i doubt (?:i|that i)|(?:i'm|i am) not sure i (?:can|could|have|'m)|"
    r"there's no way i|i (?:\w+ )?feel like (?:a |an )?(?:fraud|failure|impostor|imposter|idiot|burden|fake)|"
    r"letting (?:him|her|them|everyone|people|my \w+) down|"
    r"i feel like (?:i'm|i am) (?:not|never|always|failing|letting)|i(?:'m| am) (?:scared|afraid|terrified) (?:i'll|i will|i'm|that i)|nobody (?:wants|would|will) (?:to )?"
    r"(?:hire|listen|want|choose)|don't (?:really )?belong|i have to be perfect|(?:or|and) (?:they'll|they will|people will)"
    r" (?:find out|see|realise|realize)|i should be able to|i should (?:have )?know(?:n)? better|"
    r"i(?:'ve| have)? (?:been )?(?:doing|done|do|got|getting) (?:it|this|that|everything|things|it all) (?:all )?wrong|too late (?:for me|to)|i(?:'m| am) (?:just |simply )?not (?:a |an |the )?"
    r"(?:\w+ )?(?:person|type|kind|material|natural|leader|manager|creative|good enough)|"
    r"i(?:'m| am) (?:too|so) (?:old|young|slow|lazy|stupid|disorganised|disorganized|emotional|soft)|"
    r"i(?:'m| am) (?:just )?(?:hopeless|useless|lazy|a failure|a fraud|an impostor|an imposter|rubbish|terrible|awful|"
    r"a (?:terrible|hopeless|bad|awful|chaos|mess|disaster)\b)|i'm not built|i'm not (?:a real|really a|one of them)|"
    r"(?:and )?i'm not one of them|i'm just an? \w+ who|i (?:always|usually) (?:quit|give up|fall apart)|"
    r"(?:doesn't|does not) count|(?:aren't|isn't|not) realistic|it's my fault|(?:look|sound|seem|feel|sounding) (?:weak|stupid|"
    r"needy|rude|difficult|selfish|pushy|greedy)|whatever i do (?:is|it's) wrong|the window (?:has )?closed|"
    r"i (?:always|never) (?:thought|knew) i (?:was|wasn't|could|couldn't)|"
    r"i(?:'ll| will) never (?:be|get|manage|make|have)|i always (?:fail|mess|screw|ruin|give up|quit|freeze|panic)|"
    r"i never (?:finish|follow through|stick)|(?:it's|it is) too late for me|i don't deserve|who am i to|"
    r"i have to do (?:it|everything) myself|i(?:'m| am) bad at|i can't (?:do|handle|lead|manage|cope|change|learn|say no)|"
    r"i(?:'m| am) not (?:cut out|built|wired|smart|clever|strong|good) (?:for|enough)|"
    r"(?:asking for help|showing emotion|saying no) (?:is|means) (?:a sign of )?(?:weak|failure|rude|selfish))",
    re.I,
)
EMPOWERING = caseless(
    r"\b(?:i know i (?:can|could|am able)|i(?:'m| am) (?:actually |really )?(?:able to|capable|good at|great at|"
    r"strong enough|stronger than)|i believe (?:i can|in myself)|i(?:'ve| have) done (?:it|this|that|harder things) before|"
    r"i(?:'ve| have) got (?:this|what it takes)|i trust myself|i can do (?:this|it|hard things)|i deserve|"
    r"(?<!who )(?<!what )(?<!which )(?<!whether )(?<!if )"
    r"i can (?!see|tell|hear|imagine|understand|remember|say|think|guess|relate|feel|just|try|ask|call|send|do that)\w+|"
    r"i(?:'m| am) (?:allowed|enough)\b|i(?:'m| am) confident|i(?:'m| am) proud of who|"
    r"i(?:'m| am) (?:actually |really |pretty |quite )?(?:resilient|resourceful|determined|capable|tougher|brave|"
    r"a (?:good|strong|natural) \w+))",
    re.I,
)
# "I can't believe he fell asleep", "I can't wait": can't of astonishment, not of ability.
_NOT_ABILITY = {"believe", "wait", "remember", "imagine", "tell", "say", "thank", "stand", "help", "see", "hear",
                "recall", "think", "decide", "figure", "afford", "complain", "stop", "picture", "pretend", "get"}
_CAPACITIES = {
    "good", "great", "smart", "clever", "strong", "creative", "organised", "organized", "disciplined", "confident",
    "capable", "talented", "natural", "ready", "enough", "qualified", "experienced", "brave", "technical",
    "person", "type", "kind", "material", "leader", "manager", "writer", "speaker", "people", "numbers",
}


# A coach question that asks for a value, or for the story the client tells themselves: what
# the client says back is that value or belief, in whatever words.
VALUE_QUESTION = re.compile(
    # "What's important to you in all this?"; not what to cover ("What's most important to get out of today?")
    # ("What's most important?" alone is as often the agenda: "most" needs "to you")
    r"\bwhat(?:'s| is) (?:really |so |most (?=important to you\b))?important\b(?! (?:(?:for|to) (?:us|you|me) )?to (?:focus|get|work|talk|"
    r"cover|look|leave|achieve|walk|come|take|explore|discuss|do|start|tackle)\b)(?![^?]{0,40}\b(?:today|session|"
    r"our time|this hour|the hour|first|next)\b)|"
    r"\bwhat (?:really |most )?(?:matters|do you (?:value|care about|stand for|want to stand for)|"
    r"would you (?:never|not) (?:compromise|trade|give up))|what's at (?:stake for you|the heart of (?:this|that|it))|"
    r"why (?:does|is) (?:that|this|it) "
    r"(?:matter|(?:so |really )?important)|what (?:kind|sort|type) of (?:\w+ )?(?:do|would) you want to be|who do you want to be|"
    r"what do you care (?:most |more )?about|non-negotiable|(?:not willing|unwilling) to (?:compromise|give up)|"
    r"\byour values\b|\bvalues? (?:underneath|under|behind|(?:is |are )?being (?:stepped on|crossed|honou?red))|"
    r"what (?:makes|would make) (?:that|this|it) (?:matter|so important|important|worth it)|what is it about (?:\w+ ){1,4}that matters|"
    r"what would honou?ring (?:that|this|it|\w+) look like|what do you love about|what gets you out of bed|"
    r"what (?:do|would) you (?:want|need) to (?:protect|keep|honour|honor)\b|"
    r"what (?:does|do|would) (?:\w+ ){1,5}(?:mean to you|give you)\b|"
    r"what would you (?:want|like|hope) (?:\w+ ){1,3}to (?:see|say|feel|know)\b",
    re.I,
)
BELIEF_QUESTION = re.compile(
    r"\bwhat (?:are you|have you been|do you|were you) (?:telling yourself|tell yourself|believ\w*|assum\w*)|"
    r"what(?:'s| is) the (?:story|belief|assumption)|what story|what does (?:that|this|it) say about you|"
    r"what (?:would|does) (?:that|it) (?:mean|say) about you|what do you (?:think|believe) (?:it )?(?:says|means) about you|"
    r"what do you keep (?:thinking|telling|saying)|what does (?:that|the|this) (?:part|voice)(?: of you)?(?: \w+){0,3} say|"
    r"\bbelief (?:sitting|underneath|under)|what (?:assumptions?|beliefs?) (?:are|is|have|do)\b|"
    r"what does (?:your|the) (?:inner )?(?:critic|voice)(?: in your head)? (?:say|tell)|"
    r"what (?:do|are) you mak(?:e|ing) (?:that|this|it) mean|what would you have to believe",
    re.I,
)
# A question about what holds the client back: the answer may be a belief, or just a fact
# ("the budget"), so only answers that judge the client or forbid an act count.
OBSTACLE_QUESTION = re.compile(
    r"\bwhat(?:'s| is) (?:really |actually )?(?:stopping|holding) you|what (?:stops|holds|held|stopped|prevents) you\b|what keeps you (?:from|back)\b|"
    r"what (?:might|could|would) (?:stop|hold) you|what(?:'s| is| are) (?:the |your )?(?:barriers?|obstacles?)\b|what(?:'s| is)? (?:getting |gets |might get |"
    r"could get |else is )?in (?:the|your) way|what makes (?:it|that|this) (?:so )?(?:hard|difficult)|what(?:'s| is) hard about",
    re.I,
)
# A question that asks the client to answer their own critic ("What do you say back to it?", "And what do you
# say, in your own voice?", "What would you say to a friend who...?"): the answer is the client's own voice
# against the belief, not the belief ("That I'm not my dad. I've got savings."). In the tuning half 6 such
# answers are labelled empowering beliefs and 1 a limiting one.
COUNTER_QUESTION = re.compile(
    r"\bwhat (?:do|would|could|might) you (?:want to )?say back\b|\bin your own voice\b|"
    r"\bwhat (?:do|would|could) you say to (?:it|that|that voice|the voice|the critic|your critic|him|her|them)\W*$|"
    r"\bwhat (?:do|would|could) you (?:say|tell) (?:to )?a (?:friend|colleague|client|pupil|mate)\b|"
    r"\bwhat(?:'s| is) your (?:answer|reply|response) to (?:that|it|that voice|the voice)\b",
    re.I,
)
# An answer that denies the belief the coach has just tested ("And is it still true for you now?" / "Not at
# this level. I've got eleven people. I can't do it all myself."): what follows is the client's revised view.
# In the tuning half none of the sentences after such a denial is a labelled limiting belief.
_DENIAL = re.compile(r"^\W*(?:no\b(?! one\b| longer\b)|nope\b|not (?:really|any ?more|now|at|always|for|since|in|these "
                     r"days|any longer|true|like that)\b|i don't think so\b|(?:it|that)(?:'s| is)n't\b|(?:it|that)(?:'s| is) not\b)",
                     re.I)
_STILL = re.compile(r"^\W*(?:but|still|yet|though|and yet)\b", re.I)
PER_ANSWER = 3


def asked_for(session) -> dict[int, str]:
    """Client turns answering a question about values ("value"), self-beliefs ("belief"), what
    holds them back ("obstacle"), what they say back to their critic ("counter"), or turns that deny a
    belief the coach has just tested ("disputed"). Read from the coach's turns themselves: the parsed
    sentences are the client's only."""
    asked: dict[int, str] = {}
    for turn in session.turns:
        if turn.is_client:
            continue
        answer = session.next_turn(turn)
        if answer is None or not answer.is_client:
            continue
        for span in turn.spans:
            text = span.text.replace("\u2019", "'")
            if "?" not in text:
                continue
            kind = ("value" if VALUE_QUESTION.search(text) else "belief" if BELIEF_QUESTION.search(text)
                    else "obstacle" if OBSTACLE_QUESTION.search(text)
                    else "counter" if COUNTER_QUESTION.search(text) else None)
            if kind:
                asked[answer.index] = kind
        if answer.index not in asked and CHALLENGE.search(turn.text.replace("\u2019", "'")) and _DENIAL.match(answer.text):
            asked[answer.index] = "disputed"
    return asked


def counters(s: Sentence, asked: dict[int, str]) -> bool:
    """The sentence answers a question asking the client to answer their critic, and does not itself
    speak as the critic ("Honestly? That I'm useless."); or it follows the client's denial of a belief
    the coach tested, and does not turn back to it ("But I still feel like a fraud.")."""
    kind, text = asked.get(s.turn.index), s.text.replace("\u2019", "'")
    if kind == "counter":
        return not LIMITING.search(text)
    return kind == "disputed" and not _STILL.match(text)


# How a coach meets a belief or a value, whatever its wording: they test a belief ("Whose voice is
# that?", "Where did you learn that?", "Is that true, though?") and hold a value up ("What's
# underneath that for you?", "How does the lab meeting sit against that?"); what the client said
# just before is the belief or the value, and the coach's echo says which sentence it was.
CHALLENGE = re.compile(
    r"\b(?:whose (?:voice|rule|deal|words?|story|belief|idea) (?:is|was) (?:that|it|this)|who (?:wrote|made|decided|says|said|told you) (?:that|this|it|so)\b|"
    r"says who|where (?:does|did) (?:that|it|this)(?: (?:idea|belief|rule|voice))? (?:come from|start)|"
    r"where did you (?:learn|get|pick up|hear) (?:that|this)|is (?:that|it) (?:really |actually |always |still |all )?true|"
    r"how true is (?:that|it)|has (?:that|it) (?:always )?been true|how long have you been (?:telling|saying|believing)|"
    r"that's a (?:strong|big|heavy|harsh|hard) (?:statement|line|belief|thing to say|rule|verdict)|is that (?:all|every) \w+|"
    r"how sure are you (?:of|about) (?:that|it|this)|how (?:certain|convinced) are you (?:of|about|by) (?:that|it|this)|"
    r"what do you say back|what(?:'s| is) the evidence|what evidence (?:do|have) you|how do you know (?:that|it)(?: for sure)?\?|what makes you so sure|"
    r"what if (?:that|it) (?:wasn't|weren't|isn't|is not|were not|was not) true|is (?:that|it) a fact|according to whom|"
    r"(?:said|say|put) (?:that|it) (?:like|as if) (?:it's|it is|it was) (?:a |the )?(?:fact|given|law|rule|gospel)|"
    r"what would you say to a friend who)|^\W*(?:always|never|everyone|everybody|nobody|no one|all of them)\?",
    re.I,
)
HELD = re.compile(
    r"\b(?:what's underneath (?:that|this|it)|what's important about (?:that|them|this|it)|that (?:seems|sounds) (?:really |very )?important|"
    r"(?:a clear|quite a) statement of what matters|how does (?:\w+ ){1,6}sit (?:against|with|next to) (?:that|it)|"
    r"how much of (?:\w+ ){1,6}fit(?:ted|s)? (?:that|it)|where's that (?:already )?true|"
    r"what does that say about what (?:matters|you value|you care about))",
    re.I,
)


def prompted(session) -> dict[int, tuple[str, set[str]]]:
    """Client turns the coach then tested as a belief ("Limiting Belief") or held up as a value
    ("Core Value"), with the content words of the coach's reply (its echo)."""
    out: dict[int, tuple[str, set[str]]] = {}
    for turn in session.turns:
        before = session.previous_turn(turn)
        if not turn.is_coach or before is None or not before.is_client or not turn.spans:
            continue
        head = " ".join(sp.text for sp in turn.spans[:2]).replace("\u2019", "'")
        kind = "Limiting Belief" if CHALLENGE.search(head) else "Core Value" if HELD.search(head) else None
        if kind:
            out[before.index] = (kind, echo_words(head))
    return out


def values_beliefs(sentences: list[Sentence], asked: dict[int, str] | None = None,
                   tested: dict[int, tuple[str, set[str]]] | None = None) -> list[ValuesBeliefs]:
    pool = [s for s in sentences if own_statement(s)]
    vectors = _vectors(pool)
    found: dict[str, list[Sentence]] = {"Core Value": [], "Limiting Belief": [], "Empowering Belief": []}
    asked = asked or {}
    answered: dict[int, list[str | None]] = {}
    picked = _picked(pool, tested or {})
    for i, s in enumerate(pool):
        kind = _kind(s, vectors, i) or picked.get(id(s))
        question = asked.get(s.turn.index)
        if question:
            before = answered.setdefault(s.turn.index, [])
            if kind is None and len(before) < PER_ANSWER:
                kind = _answer_kind(s, question, first=not before)
                if kind and before and before[0] and _listed(s):
                    kind = before[0]  # "That it's too late. That I'd be throwing it away.": one list, one kind
            before.append(kind)
        if kind and len(found[kind]) < PER_TYPE:
            found[kind].append(s)
    return [_item(s, kind) for kind, items in found.items() for s in items]


def decided(found: list[ValuesBeliefs], kind: str, chosen: list[Sentence],
            pool: list[Sentence]) -> list[ValuesBeliefs]:
    """`found` with its items of `kind` replaced by `chosen` (the sentence scorer's), first; a
    statement the rules read as another kind keeps that kind. A pointer ("That's the rule.") is
    replaced by what it points at, the sentence before it in the turn: a coach needs the rule."""
    others = [b for b in found if b.type != kind]
    quoted = {e for b in others for e in b.evidence}
    items = list({id(s): _item(s, kind) for s in (_pointed_at(s, pool) for s in chosen) if s is not None}.values())
    return [v for v in items if v.evidence[0] not in quoted][:PER_TYPE] + others


def _pointed_at(s: Sentence, pool: list[Sentence]) -> Sentence | None:
    if not points_back(s.text):
        return s
    before = [x for x in pool if x.turn is s.turn and x.span.start < s.span.start]
    return before[-1] if before and not points_back(before[-1].text) else None


def _picked(pool: list[Sentence], tested: dict[int, tuple[str, set[str]]]) -> dict[int, str]:
    """The sentence of each tested turn the coach's reply was about: the one its echo repeats,
    else the last that holds now (not narration)."""
    by_turn: dict[int, list[Sentence]] = {}
    for s in pool:
        if s.turn.index in tested:
            by_turn.setdefault(s.turn.index, []).append(s)
    out: dict[int, str] = {}
    for index, said in by_turn.items():
        kind, echo = tested[index]
        overlap = {id(s): len(echo & set(words(s.text))) for s in said}
        best = max(said, key=lambda s: (overlap[id(s)], s.span.start))
        if not overlap[id(best)]:
            best = next((s for s in reversed(said) if not _told(s)), None)
        if best is not None and points_back(best.text, most_words=99) and said.index(best) > 0:
            best = said[said.index(best) - 1]  # "That's been my motto since I was twenty-five.": the motto came before
        if best is not None:
            out[id(best)] = kind
    return out



# "not too late to", "never too old to": a limit denied. "not for people like me" is the limit itself.
_DENIED = re.compile(r"\b(?:not|n't|never|no longer)\s+(?!for\b)(?:\w+\s+){0,2}$", re.I)
NEGATIVE = caseless(r"n't\b|\b(?:not|never|no|can't|won't|don't|nobody|fail\w*|lazy|fraud|stupid|weak|wrong|rude|needy|"
                       r"selfish|afraid|scared|terrified|hate|worthless|useless|fault)\b", re.I)


_NON_ANSWER = re.compile(r"^\W*(?:i don't know|not sure|good question|hmm|um|well|yeah|yes|no|okay|right|"
                        r"that's (?:it|all|why|true|right)(?:\W+\w+){0,3})\W*$", re.I)


def _answer_kind(s: Sentence, asked: str, first: bool = True) -> str | None:
    """A sentence of the client's answer to a value, belief or obstacle question, typed by its own
    words. The first sentence answers; a later one counts when it lists another answer ("That I'm
    lazy. That I'm a chaos person.") or, for beliefs, judges the client without telling a story."""
    text = s.text.replace("\u2019", "'")
    if _NON_ANSWER.match(text):
        return None
    listed = _listed(s)
    if not first and not listed and _told(s):
        return None
    if asked in ("counter", "disputed"):
        return None  # (the scorer types it; the analyzer keeps it from being read as the belief it answers)
    negative = bool(NEGATIVE.search(text)) or compound(text) < -0.3
    if asked == "value":
        return "Core Value" if (first or listed) and not _told(s) else None
    if asked == "obstacle":
        return "Limiting Belief" if negative and _about_self_or_kind(s) else None
    return "Limiting Belief" if negative else "Empowering Belief" if first or listed else None


def _listed(s: Sentence) -> bool:
    return bool(re.match(r"^\W*that\b(?! (?:is|was|'s|would|will|sounds|makes|depends|means)\b)", s.text, re.I))


def _told(s: Sentence) -> bool:
    """Narration of what happened ("My father changed jobs constantly"), not a statement that holds now."""
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    return root is not None and syntax.past(root) and not _listed(s)


def _about_self_or_kind(s: Sentence) -> bool:
    """The client, or a kind of person or act the client measures themselves by."""
    return any(t.lower_ in ("i", "me", "my", "myself", "i'm", "we", "us") or t.tag_ in ("NNS", "VBG") for t in s.doc)


def _vectors(pool: list[Sentence]) -> dict[str, list[float]]:
    matrix = semantic.stack([s.vector for s in pool])
    return {label: [float(x) for x in semantic.score_matrix(matrix, label)] for label in SIMILAR}


def _kind(s: Sentence, vectors: dict[str, list[float]], i: int) -> str | None:
    text = s.text.replace("\u2019", "'")
    if _limiting(s, text):
        m = LIMITING.search(text)
        # "It's not too late to change", "not proof that I'm bad at it": a limit denied is a resource.
        return "Empowering Belief" if m and _DENIED.search(text[: m.start()]) else "Limiting Belief"
    if VALUE.search(text) and not _negated_value(text) and not _ORDER_PREFERRED.search(text):
        return "Core Value"
    rule = _rule_about_kind(s) or _standard_or_norm(s) or _house_rule(s)
    if rule:
        return rule
    if EMPOWERING.search(text) and not re.search(r"\b(?:not|n't|never)\b", text[:40], re.I) and not \
            re.match(r"^\W*(?:and |but |so )?(?:if|when|once)\b", text, re.I):
        return "Empowering Belief"
    best = max(SIMILAR, key=lambda label: vectors[label][i] - SIMILAR[label])
    # (a fragment of three words or fewer, "Nobody, I guess.", comes near anything by chance)
    if vectors[best][i] >= SIMILAR[best] and _first_person(s) and len(s.text.split()) > 3:
        return {"value": "Core Value", "limiting_belief": "Limiting Belief", "empowering_belief": "Empowering Belief"}[best]
    return None


def _limiting(s: Sentence, text: str) -> bool:
    m = LIMITING.search(text)
    if m:
        verb = next((t for t in s.doc if t.idx >= m.start() and t.pos_ in ("VERB", "AUX")), None)
        return not (verb is not None and syntax.reported(verb))
    return _limiting_word(s) or _catastrophe(s, text)


# The words the token rules below start from: a form of "be" (self-descriptions and labels), a verb
# judging an act, or "can" (a verb with "can't"). Only those tokens are built from the doc.
_BE_OR_JUDGING = frozenset(("'m", "am", "was", "is", "'s", "feels", "seems", "means", "looks"))


def _limiting_word(s: Sentence) -> bool:
    """A token that says the client can't, isn't, or is something that closes a door."""
    any_verb = "ca" in s.words or "can" in s.words
    doc = s.doc
    return any((any_verb or w in _BE_OR_JUDGING) and (
        _negated_self_description(t := doc[i]) or _cannot(t) or _self_label(t) or _rule_about_acts(t))
        for i, w in enumerate(s.words))


_STANDARD = {"good", "real", "proper", "normal", "successful", "serious", "decent", "true"}


def _rule_about_kind(s: Sentence) -> str | None:
    """A rule about a kind of person the client measures themselves against, in the main clause or
    one it frames: "Musicians don't get mortgages", "Good coaches don't get rattled", "Architects don't
    chase work, that's the rule I grew up with", "Creative people are bad with money", "A proper lead
    would have made a fuss" (limiting); "Lazy people don't write four pages in an afternoon" pushes a
    label away (empowering). Told in the past ("Farmers didn't have phones") it is history, not a rule."""
    for verb in syntax.verbs(s.doc):
        if verb.dep_ not in ("ROOT", "ccomp", "conj") or \
                syntax.condition(verb) is not None:
            continue
        subj = syntax.subject(verb)
        if subj is None or subj.ent_type_ or subj.pos_ != "NOUN":
            continue
        dets = [c for c in subj.children if c.dep_ in ("det", "poss")]
        standard = any(c.lower_ in _STANDARD for c in subj.children if c.dep_ == "amod")
        generic = subj.tag_ == "NNS" and (not dets or standard)
        aux = syntax.auxiliaries(verb)
        if generic and _present(verb):
            labelled = any(c.dep_ == "amod" and c.lower_ in _NEGATIVE_TRAITS for c in subj.children)
            if syntax.negated(verb):
                return "Empowering Belief" if labelled else "Limiting Belief"
            if verb.lower_ in ("are", "'re") and not labelled and any(
                    w.lower_ in _NEGATIVE_TRAITS for c in verb.children if c.dep_ in ("acomp", "attr")
                    for w in c.subtree if w.dep_ != "pobj"):
                return "Limiting Belief"
        judged = standard and any(c.lower_ in ("a", "an") for c in dets)
        if judged and any(a in ("would", "'d") for a in aux) and "have" in aux:
            return "Limiting Belief"
    return None


def _present(verb: Token) -> bool:
    """Said of now and always: "don't get", "are", "can't", not "didn't" or "were"."""
    tags = [verb.tag_] + [c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return not any(t == "VBD" for t in tags) and any(t in ("VBP", "VBZ", "MD") for t in tags)


_MODALS = {"should", "must", "ought"}


def _standard_or_norm(s: Sentence) -> str | None:
    """A standard set for a kind of person ("Team leaders are meant to keep everyone happy", "HR people
    aren't supposed to get attached": limiting), or a norm about how things ought to be ("Public money
    should be accounted for in daylight", "Science doesn't have to be a cage fight": a value). Plans
    with a date are neither ("The report should be done by Friday")."""
    if timelines.find(s.text):
        return None
    for verb in syntax.verbs(s.doc):
        if verb.dep_ not in ("ROOT", "ccomp"):
            continue
        subj = syntax.subject(verb)
        if subj is None or subj.ent_type_ or subj.pos_ != "NOUN" or subj.lower_ in ROLES and subj.tag_ != "NNS":
            continue
        bare = not any(c.dep_ in ("det", "poss") for c in subj.children)
        aux = syntax.auxiliaries(verb)
        if verb.lower_ in ("supposed", "meant") and subj.tag_ == "NNS" and bare and aux:
            return "Limiting Belief"
        ought = any(a in _MODALS for a in aux) or verb.lower_ in ("has", "have") and any(
            c.dep_ == "xcomp" and (c.lower_ == "be" or any(g.lower_ == "be" for g in c.children)) for c in verb.children)
        if ought and bare and subj.lower_ not in ROLES and subj.lower_.removesuffix("s") not in ROLES:
            return "Core Value"
    return None


def _house_rule(s: Sentence) -> str | None:
    """A rule the client keeps where they are in charge: "Nobody leaves my shop feeling like a charity case.",
    "On my calls nobody gets put on hold without me telling them how long.", "Nobody in our house gets told what
    to believe." (a value). Nobody as the main verb's subject, in the present, and a place or people that are the
    client's ("my", "our"). Told as what happened ("Nobody in my family has ever walked away", "Nobody filled it
    in") it is history. In the tuning half, 44 of the 47 client sentences so worded are labelled values."""
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    if root is None or not any(t.lower_ in ("my", "our") for t in s.doc):
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not (subj.lower_ in ("nobody", "noone") or
                            subj.lower_ == "one" and any(c.lower_ == "no" for c in subj.children)):
        return None
    held_now = _present(root) and not any(a in _NOT_NOW for a in syntax.auxiliaries(root))
    return "Core Value" if held_now else None


# auxiliaries that put a rule out of the present: done ("has walked away"), past, wished or to come; of the
# modals, only "should" states a rule
_NOT_NOW = frozenset(("has", "'s", "had", "did", "was", "were", "'d", "would", "could", "will", "'ll", "can", "ca",
                      "may", "might", "must", "shall"))


# Traits a person puts on themselves that close a door ("I'm lazy", "I'm a chaos person").
_NEGATIVE_TRAITS = {
    "lazy", "stupid", "useless", "weak", "boring", "difficult", "needy", "selfish", "incompetent", "disorganised",
    "disorganized", "chaotic", "chaos", "unlikeable", "awkward", "hopeless", "rubbish", "terrible", "awful", "bad",
    "fraud", "impostor", "imposter", "failure", "mess", "disaster", "coward", "loser", "idiot", "slow", "dumb",
    "broken", "unlovable", "worthless", "inadequate", "unqualified", "fake",
}
# Judgements that turn an ordinary act into a forbidden one ("Asking for money feels rude").
_FORBIDDING = {"rude", "weak", "weakness", "selfish", "needy", "greedy", "pushy", "wrong", "failure", "lazy",
               "arrogant", "dangerous", "pointless", "impossible", "shameful", "embarrassing", "unprofessional"}
_CATASTROPHE = re.compile(r"\b(?:fail|fails|failed|my fault|fired|not worth|worthless|a failure|"
                          r"lose (?:everything|my job|them)|fall apart|not good enough|"
                          r"(?:they|people|everyone)(?: will| would|'ll|'d) (?:think|see|know)|look (?:weak|stupid|incompetent)|"
                          r"it(?:'s| is| will be| would be) (?:over|a disaster))\b", re.I)


def _self_label(tok: Token) -> bool:
    """'I'm lazy', "I'm a terrible public speaker", 'I'm a chaos person': be + a negative trait, subject I."""
    if tok.lower_ not in ("'m", "am", "was") or not syntax.is_first_person(syntax.subject(tok)) or syntax.negated(tok):
        return False
    complements = [c for c in tok.children if c.dep_ in ("attr", "acomp")]
    return any(w.lower_ in _NEGATIVE_TRAITS for c in complements for w in c.subtree if w.dep_ != "prep")


def _rule_about_acts(tok: Token) -> bool:
    """A gerund judged as forbidden: 'Asking for money feels rude', 'Getting help is weakness'."""
    if tok.lower_ not in ("is", "'s", "feels", "seems", "means", "looks") or tok.dep_ != "ROOT":
        return False
    subj = syntax.subject(tok)
    if subj is None or subj.tag_ != "VBG" and not any(t.tag_ == "VBG" for t in subj.subtree):
        return False
    complements = [c for c in tok.children if c.dep_ in ("attr", "acomp", "oprd", "dobj")]
    if syntax.negated(tok) or any(w.lower_ in ("not", "n't", "never") for c in complements for w in c.subtree):
        return False  # "...is an asset, not a weakness" is the opposite
    return any(w.lower_ in _FORBIDDING for c in complements for w in c.subtree)


def _catastrophe(s: Sentence, text: str) -> bool:
    """'If I slow down, the launch fails and it's my fault': an if about oneself with a dire then."""
    if not re.match(r"^\W*(?:and |but |so )?(?:if|when) i\b", text, re.I):
        return False
    return bool(_CATASTROPHE.search(text))


def _negated_self_description(tok: Token) -> bool:
    """'I'm not a numbers person', "I'm just not creative": be + not + capacity, subject I."""
    if tok.lower_ not in ("'m", "am", "was") or tok.dep_ not in ("ROOT", "ccomp", "conj"):
        return False
    if not syntax.is_first_person(syntax.subject(tok)) or not syntax.negated(tok):
        return False
    complements = [c for c in tok.children if c.dep_ in ("attr", "acomp")]
    words = {w.lower_ for c in complements for w in c.subtree}
    return bool(words & _CAPACITIES)


def _cannot(tok: Token) -> bool:
    """"I can't lead a team" (ability), not "I can't believe it" nor "one I can't move"."""
    if tok.pos_ != "VERB" or tok.lower_ in _NOT_ABILITY or not syntax.is_first_person(syntax.subject(tok)):
        return False
    if tok.dep_ not in ("ROOT", "conj") or tok.lower_ in ("control", "change", "fix") and tok.dep_ == "ROOT" and any(
            c.dep_ == "ccomp" or c.tag_ in ("WP", "WDT") for c in tok.subtree):
        return False  # relative clauses, and "I can't control what others think" (acceptance)
    aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in ("ca", "can")]
    neg = any(c.dep_ == "neg" for c in tok.children)
    return bool(aux) and neg and syntax.condition(tok) is None and not any(
        c.lower_ in ("today", "tomorrow", "tonight", "now", "then") for c in tok.subtree
    )


def _negated_value(text: str) -> bool:
    return bool(re.search(r"\b(?:not|n't|never|no longer)\b[^.]{0,15}\b(?:important|matters?|care)\b", text, re.I))


# A preference of order or of circumstance, not of what matters: "I'd rather talk to Nia first", "If Dom doesn't want
# me there I'd rather just stop going". ("I'd rather be fair than liked" weighs two things: a value.)
_ORDER_PREFERRED = re.compile(r"^(?![^.?!]*\brather\b[^.?!,]*\bthan\b)(?:\W*if\b[^.?!]*\bi(?:'d| would) (?:much |just )?rather\b|"
                              r"[^.?!]*\bi(?:'d| would) (?:much |just )?rather\b[^.?!]*\bfirst\b)", re.I)


# Held by nobody: surprise ("I can't believe it's thirty-one years"), a hope ("hopefully Coastline renews, fingers
# crossed"), a thought cut off ("i can probably do a month and"); and a passing state ("I feel good.": neither a
# resource nor, however a model weighs its words, a limit). None of the 2,968 labelled values and beliefs of the 377
# sessions is one.
_SURPRISE = re.compile(r"^\W*(?:\w+,? )?i (?:can't|cannot|can not) believe\b", re.I)
_HOPE = re.compile(r"\b(?:hopefully|fingers crossed|touch wood)\b", re.I)
_TRAILING = re.compile(r"\b(?:and|or|but|so|because|if|whether)\s*$", re.I)
_STATE = re.compile(r"^\W*(?:(?:and|but|so|like|yeah|honestly|actually),? )*i (?:feel|felt|'m feeling) (?:\w+ )?"
                    r"(?:good|great|better|lighter|fine|okay|ok|calm|calmer|relieved|happy|excited)\W*$", re.I)


# a yes said with the question's own verb ("Can you do that?" / "Yeah. I can, yeah."), or to a step put to the client
# ("What about the allotment walk?" / "That I can do."): agreement, no belief
# ("A personality I can't fix. That I can." is a belief: the bare "That I can" contrasts)
_ECHOED_YES = re.compile(r"^\W*(?:(?:yeah|yes|yep|sure|okay|ok|um|uh|well)\W+)*(?:(?:that|this|it) i (?:can|could) (?:do|manage)|"
                         r"i (?:can|could|will|would|do|did|am|'m|have|should|must)(?: do| try| manage)?)"
                         r"(?:\W+(?:yeah|yes|sure|though|too|i think|i guess|i suppose|i'll try))*\W*$", re.I)


def held(s: Sentence) -> bool:
    """Whether `s` can be a value or belief at all."""
    text = s.text.replace("\u2019", "'")
    if _SURPRISE.search(text) or _HOPE.search(text) or _TRAILING.search(text) or _ECHOED_YES.match(text):
        return False
    return not _STATE.search(text) and not _condition_only(s) and not _procedure(s) and not _due(s)


# a day a task is due by ("The rota should be done by Friday."): what is to be done, where a value holds whatever the day
_DUE = re.compile(r"^(?:by|before) (?:the )?(?:end of )?(?:the )?(?:this |next )?(?:tonight|tomorrow|monday|tuesday|wednesday|"
                  r"thursday|friday|saturday|sunday|weekend|week|month|term|\d{1,2}(?:st|nd|rd|th)?\b)", re.I)


def _due(s: Sentence) -> bool:
    timeline = timelines.find(s.text)
    return timeline is not None and _DUE.match(timeline) is not None


def _procedure(s: Sentence) -> bool:
    """How a thing is done, step after step, to anyone ("You read the books, note the common mistakes, and go over
    them in the lesson."): a method described, no view the client holds."""
    steps = [t for t in s.doc if t.pos_ == "VERB" and t.tag_ in ("VBP", "VB") and t.dep_ in ("ROOT", "conj", "ccomp")]
    if len(steps) < 3 or any(syntax.auxiliaries(t) or syntax.negated(t) for t in steps):
        return False
    subjects = {subj.lower_ for t in steps if (subj := syntax.subject(t)) is not None}
    return subjects == {"you"}


def _condition_only(s: Sentence) -> bool:
    """A condition said on its own, the rest of the thought before it ("I might go swimming on Saturday. If the
    kids' football doesn't run over."): no view the client holds."""
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    return root is not None and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in root.children)


def own_statement(s: Sentence) -> bool:
    if not s.turn.is_client or s.asks or len(s.text.split()) < 3 or s.cut_off:
        return False
    return not _said_by_other(s)


# "the kids nobody expects anything from", "everyone thinks I'm fine": no one's position in particular, the
# client's own view of the world (or a pointer: "it says", "that means")
_NOBODY_IN_PARTICULAR = {"it", "that", "this", "nobody", "everybody", "everyone", "anyone", "anybody", "noone"}


def _said_by_other(s: Sentence) -> bool:
    """"He used to say it wasn't for people like us", "She's always told me to do work I care
    about": someone else's view, quoted by the client. The client telling ("without me telling them how long")
    is the client's own."""
    framed = _THEIR_POSITION.search(s.text.replace("\u2019", "'"))
    if framed and not _FIRST_PERSON.intersection(framed.group(1).lower().split()):
        return True
    if not syntax.SPEECH_WORDS & set(s.text.lower().split()):
        return False
    for tok in s.doc:
        if tok.lower_ in syntax.SPEECH and tok.pos_ in ("VERB", "AUX") and tok.dep_ != "relcl" and _reports(tok):
            if _maxim(tok):
                return False  # the saying, whatever its own words say ("you don't have to say anything")
            if _subordinate(tok):
                continue  # "You don't leave an animal in pain because the rota says you're off.": the client's point
            subj = syntax.subject(tok)
            anyone = any(c.lower_ in _NOBODY_IN_PARTICULAR for c in tok.children if c.dep_ in syntax.SUBJECTS)
            if subj is not None and not syntax.is_first_person(subj) and subj.lower_ not in _NOBODY_IN_PARTICULAR \
                    and not (tok.tag_ == "VBG" and subj.lower_ in ("me", "my", "us", "our")) \
                    and not anyone and not _inner_voice(subj) and not _anyone_you(tok, subj):
                return True
    return False


# "Part of me still thinks four hours is cheating", "my gut says": the client's own voice, however it is named
_INNER = frozenset(("part", "voice", "gut", "head", "brain", "heart", "side", "instinct", "bit"))
_ME = frozenset(("me", "my", "myself"))


def _inner_voice(subj: Token) -> bool:
    return subj.lower_ in _INNER and any(t.lower_ in _ME for t in subj.subtree)


_BECAUSE_IF = frozenset(("because", "if", "when", "unless", "although", "though", "since", "cos", "cause", "till",
                         "until", "once", "whether"))


def _subordinate(verb: Token) -> bool:
    """The words are said in a clause that gives a reason or condition for the client's own ("because the rota
    says", "If I ask and he says no, I've lost nothing"): the sentence is the client's, not the speaker's."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "advcl" or any(c.dep_ == "mark" and c.lower_ in _BECAUSE_IF for c in verb.children)


def _anyone_you(verb: Token, subj: Token) -> bool:
    """"you can't tell a child it's their home and then make them knock": a rule for anyone (the generic you, with a
    modal or a negation), not what the coach said ("You told me to write it down")."""
    return subj.lower_ == "you" and any(c.tag_ == "MD" or c.dep_ == "neg" for c in verb.children)


_OWN = frozenset(("i", "me", "my", "myself", "i'm", "i'd", "i've", "i'll", "mine"))


def _maxim(verb: Token) -> bool:
    """A saying handed down ("My nan used to say you can be polite and still say no.", "Mam always said the shop
    opens at seven whether you've slept or not."): said again and again, of no one in particular, it is the rule the
    client grew up with and quotes as theirs. What the speaker said of the client ("Malcolm always said I was the
    stubbornest woman in Fife.") stays their view. On the tuning half 34 of the 109 client sentences telling what
    someone "used to say" or "always said" are a labelled value or belief."""
    habitual = (verb.dep_ == "xcomp" and verb.head.lower_ == "used") or any(
        c.lower_ in ("always", "would", "'d") for c in (*verb.children, *verb.head.children))
    said = [t for c in verb.children if c.dep_ in ("ccomp", "parataxis", "xcomp") for t in c.subtree]
    return habitual and bool(said) and not any(t.lower_ in _OWN for t in said)


# "The board has been really clear that they want...", "Greg's argument is that...": a position,
# and whose it is (group 1)
_THEIR_POSITION = re.compile(r"^\W*(?:(?:the thing is|and|but|so|well),? )?(.{1,40}?)"
                             r"(?: (?:has|have|had|was|were|is|are) (?:been )?(?:\w+ )?(?:clear|adamant|firm|explicit)"
                             r" that\b|'s? (?:argument|view|position|line|take|point) is(?: that)?\b|"
                             # "Her exact words were, 'I'd rather have you at tea than have the money.'"
                             r"(?: exact| very| own| last)? words (?:were|was|are)\b)", re.I)


def _reports(verb: Token) -> bool:
    """The verb carries someone's words ("he used to say it wasn't for us"), not "who keeps his word". "Keeps"
    reports only what is kept saying ("She keeps telling me I'm fine"); "Learning keeps me going" is the client's."""
    if verb.lower_ in ("keeps", "kept", "keep"):
        return any(c.dep_ == "xcomp" and (c.lower_ in syntax.SPEECH_WORDS or c.lower_ == "going" and any(
            g.lower_ == "on" for g in c.children)) for c in verb.children)
    return any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children) or any(t.text == '"' for t in verb.doc)


_FIRST_PERSON = frozenset(("i", "me", "my", "myself", "i'm", "we", "us"))


def _first_person(s: Sentence) -> bool:
    return not _FIRST_PERSON.isdisjoint(s.words)


_IMPACT = {
    "Core Value": "A motivator the client can anchor goals and decisions to.",
    "Limiting Belief": "May hold the client back from acting on their goals; worth exploring and testing.",
    "Empowering Belief": "Supports the client's confidence to follow through.",
}


# a value named in a word or two ("Decency.", "And honesty.", "Being fair.", "Open justice.") and then said in full
_VALUE_NAME = re.compile(r"^(?:(?:and|but|so)\W+)?(?:being (?:\w+ )?\w+|(?:open |basic |simple |plain |real )?"
                         r"(?:" + _VALUE_NOUNS + r"|decency|fairness|honesty|dignity|truth|loyalty|respect|family|safety|"
                         r"kindness|independence)(?: first)?)[.!]$", re.I)
# the sentence just before a quote in its turn: what follows the end of the one before that
_SAID_BEFORE = re.compile(r"(?:^|(?<=[.!?])\s+)([^.!?]{1,40}[.!])\s*$")


def named(item: ValuesBeliefs, turns) -> ValuesBeliefs:
    """A value the client names in a word or two right before saying it in full ("Decency. Science doesn't have to
    be a cage fight.") is told with its name first, and the name is quoted too: it is what a coach writes down.
    (Too short to be one of the scorer's statements, the name alone is never a value item.)"""
    if item.type != "Core Value" or not item.evidence:
        return item
    first = item.evidence[0]
    turn = next((t for t in turns if t.is_client and first in t.text), None)
    if turn is None:
        return item
    at = turn.text.index(first)
    before = _SAID_BEFORE.search(turn.text[:at])
    name = before.group(1).strip() if before else ""
    if not name or len(name.split()) > 2 or not _VALUE_NAME.match(name.replace("\u2019", "'")):
        return item
    description = turn.text[before.start(1): at + len(first)] if item.description == first else item.description
    # (the statement stays the first quote: what the other sections and the grounded mode read as the item)
    return msgspec.structs.replace(item, description=description, evidence=[first, name, *item.evidence[1:]])


def _item(s: Sentence, kind: str) -> ValuesBeliefs:
    text = quote(s.turn, s.span)
    depth = "Explored" if s.turn.word_count >= 30 else "Mentioned"
    return ValuesBeliefs(
        type=kind,
        description=text,
        impact_on_goals=_IMPACT[kind],
        exploration_depth=depth,
        evidence=[text],
    )

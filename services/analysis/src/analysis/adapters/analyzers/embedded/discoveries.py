"""Client discoveries: moments the client sees something new about themselves or their situation.

Three ways in: the client says so ("I just realised", "I never noticed", "so the thing I'm really
afraid of is"); the client answers an evoking question (what does that tell you, what do you
notice) with a statement about themselves that reads like an insight (similarity to labelled
examples); or something visibly lands (the coach asks "How does that land?", the client says
"Oh."). Reported speech, hypotheticals and questions are never discoveries.
"""

from __future__ import annotations

import re

from contracts.insight import ClientDiscovery

from . import semantic, syntax
from .caseless import caseless
from .evidence import quote
from .feelings import felt, state
from .language import Sentence
from .sentences import points_back
from .sentiment import compound, label

MAX_DISCOVERIES = 8
SIMILAR = 0.55
ANSWER_SIMILAR = 0.42

# (?=\w): every wording starts on a word; checked once, it spares the engine trying them all at
# each word's end (same matches, the search ~1.4x faster).
MARKED = caseless(
    r"\b(?=\w)(?:i (?:just |now |finally |suddenly )?(?:reali[sz]e|reali[sz]ed|noticed|notice)|i never (?:really )?(?:noticed|thought|"
    r"realized|realised|considered|saw|connected)|i hadn't (?:really )?(?:thought|noticed|considered|realized|realised|"
    r"connected|seen)|it (?:just )?(?:occurs|occurred|dawned|hit|struck) (?:to |on )?me|(?:i|now i) see (?:now|that)|"
    r"i can see (?:now|that)|now i see|i didn't (?:realize|realise|know that|see it)|i(?:'ve| have) (?:learned|learnt|noticed|"
    r"realised|realized)|i'm (?:starting|beginning) to (?:see|think|understand|realize|realise)|come to think of it|"
    r"i understand now|makes me (?:think|realize|realise)|that's the (?:first time|real issue|real problem)|"
    r"the (?:real|actual) (?:issue|problem|thing|question|fear) is|what i(?:'m| am)? (?:actually|really) (?:afraid|scared|"
    r"worried) of|what i (?:actually|really) (?:need|want)(?: to \w+)? is|it's not (?:really )?about|"
    r"i(?:'ve| have) been (?:telling myself|avoiding|pretending|ignoring|hiding|waiting|putting off|holding back|"
    r"running from|underestimating|overestimating|undervaluing|treating|making|carrying|playing)|"
    r"out loud|i'd forgotten|i(?:'ve| have) built|maybe (?:it's|i'm|the)|i(?:'ve| have)? never (?:really )?(?:noticed|thought|"
    r"separated|connected|seen|looked at)|i(?:'m| am) projecting|"
    r"i guess (?:what|the thing|i(?:'ve| have)|i'm)|i think i(?:'ve| have) (?:been|always|never|built|made|spent)|"
    r"it was never (?:about|the|really|them|him|her)|so it(?:'s| is| was) (?:never|not|really|actually)|"
    r"i(?:'ve| have) been the one|it's not (?:really )?(?:the|my|his|her) \w+ (?:that|i'm)|"
    r"it's not (?:really )?\w+ i'm (?:irritated|angry|upset|afraid|scared|worried|cross|annoyed)|"
    r"(?:never|hadn't|had not|didn't|did not|just) (?:ever |really |actually )?put (?:that|it|this|those|these|them|"
    r"the two|two and two) (?:\w+ )?together)",
    re.I,
)
# A reframe: the client names the thing in a new way, against the old one ("a preparation
# problem, not a personality problem", "I'm not starting over, I'm starting from here").
REFRAME = re.compile(
    r", not (?:a |an |the |my |to |just |because |about )?\w+|\binstead of\b|\brather than\b|\bless (?:like )?\w+ and more\b|"
    r"\bnot (?:about|because) .{3,60}(?:,|but|it's)|\bi'm not \w+ing \w+, i'm\b|\bit's not (?:that|about|because) .{3,60}it's\b|"
    r"\beasier to .{3,60} than to\b|\bit (?:stopped|started) being about\b",
    re.I,
)
# Thinking aloud about oneself: the form most answers to an evoking question take when
# something lands ("I think I've always...", "so it's really about...", "because I...").
INTERPRETIVE = caseless(
    r"\b(?:i think|i guess|i suppose|maybe|perhaps|probably|i realise|i realize|i see|so it's|it's (?:really|actually)|"
    r"the (?:real|actual)|that's (?:why|what|because)|because i|i(?:'ve| have) (?:always|never|been)|i tend to|"
    r"i always|part of me|deep down|i wonder|what i (?:really|actually))\b|^\W*so,? (?:i|it|that|the|maybe|really)\b",
    re.I,
)
PER_ANSWER = 2
DEEP = caseless(r"\b(?:never|always|my whole life|who i am|identity|afraid|scared|i've been|my (?:father|mother|dad|mum|mom))\b",
                   re.I)


# How a coach meets something that has just landed, whatever its wording ("How does that land?",
# "What do you notice as you say that?", "Say that again."), and how a client meets it ("Oh.", "Huh."):
# the client's turn before the one, the turn opening with the other, holds the discovery.
LANDED = re.compile(r"\b(?:how does (?:that|it|this) land|what do you (?:notice|make of (?:that|it|this))|"
                    r"what are you noticing|how is (?:that|it) to (?:notice|hear|say)|say (?:that|the last part|that last part) again|"
                    r"how does (?:that|it) feel(?:,)? (?:to say|saying)|what's it like to (?:see|say|hear)|what just happened|"
                    r"that's a (?:striking|big|powerful|important) (?:thing|realisation|realization|insight)|"
                    r"what's different,? now that you(?:'ve)? (?:see|seen|said)|take (?:your|a) (?:time|moment))\b", re.I)
AHA = re.compile(r"^\W*(?:oh|huh|hm+|ah|wow|hang on|wait)\b\W", re.I)


def landed(session) -> set[int]:
    """Client turns where something landed: the coach's reply asks how it landed, or the client
    opens with surprise."""
    out = set()
    for turn in session.turns:
        before = session.previous_turn(turn)
        if turn.is_coach and before is not None and before.is_client and \
                LANDED.search(" ".join(sp.text for sp in turn.spans[:2]).replace("\u2019", "'")):
            out.add(before.index)
        if turn.is_client and turn.spans and AHA.match(turn.text):
            out.add(turn.index)
    return out


def find(sentences: list[Sentence], evoking_answers: set[int], answers: set[int], taken: set[str],
         learning_answers: set[int] = frozenset()) -> list[Sentence]:
    """The client's sentences that voice a discovery, strongest first then in session order.
    `evoking_answers`: client turns answering an evoking question; `answers`: client turns
    answering any coach question; `taken`: sentences another section already claims
    (a commitment, a belief), which are not repeated here; `learning_answers`: client turns
    answering "what are you taking away?", whose first sentence is the learning they state."""
    stated = _stated_learnings(sentences, learning_answers)
    pool = [s for s in sentences if candidate(s) and (s.text not in taken or MARKED.search(s.text.replace("\u2019", "'"))
                                                       or s in stated)]
    sims = semantic.score_matrix(semantic.stack([s.vector for s in pool]), "discovery")
    scored = []
    per_turn: dict[int, int] = {}
    for s, sim in zip(pool, sims, strict=True):
        text = s.text.replace("\u2019", "'")
        marked = bool(MARKED.search(text)) or s in stated
        reframe = s.turn.index in answers and bool(REFRAME.search(text))
        evoked = s.turn.index in evoking_answers and _self_statement(s) and len(text.split()) >= 6
        # The client's direct answer to an evoking question is where insight usually lands.
        first = evoked and s is _first_substantive(pool, s.turn.index) and not _narrative(s)
        thinking = evoked and (first or sim >= ANSWER_SIMILAR or bool(INTERPRETIVE.search(text)))
        if not (marked or reframe or sim >= SIMILAR or thinking):
            continue
        if not (marked or reframe) and per_turn.get(s.turn.index, 0) >= PER_ANSWER:
            continue
        per_turn[s.turn.index] = per_turn.get(s.turn.index, 0) + 1
        scored.append((3 * marked + 3 * reframe + 2 * evoked + 4 * float(sim), s))
    scored.sort(key=lambda x: -x[0])
    found = [s for _, s in scored]
    keep = semantic.dedupe([s.text for s in found], threshold=0.9)[:MAX_DISCOVERIES]
    return sorted((found[i] for i in keep), key=lambda s: (s.turn.index, s.span.start))


# That something landed, not what: "I hadn't thought of it like that.", "Nobody's asked me that.", "I've never
# told it that way round before." Said alone, a coach reading the discovery learns nothing from it.
_ONLY_LANDED = re.compile(
    r"^\W*(?:(?:oh|huh|wow|god|yeah|hmm*|right|gosh)\W+)*(?:i (?:had|have|did)n't (?:really |ever |actually )?"
    r"(?:thought|looked at|seen|considered) (?:of |about )?(?:it|that|this)|nobody(?:'s| has) (?:ever )?asked (?:me )?"
    r"(?:that|this)|(?:i've|i have) never (?:told|said|put) (?:it|that|this)|i didn't think this was what we'd be "
    r"talking about)(?:\W+\w+){0,4}?\W*$", re.I)


def says_what(quotes: list[str]) -> bool:
    """Whether a discovery's quotes hold what was found, not only that something landed."""
    return not all(_ONLY_LANDED.match(q.replace("\u2019", "'")) for q in quotes)


def chosen(picked: list[Sentence], taken: set[str], goal_turn: int | None = None) -> list[Sentence]:
    """The scorer's discoveries, less what another section already quotes (a commitment, a
    belief) unless the client marks it as a realisation, less what the client came for (the
    answer to the contracting question is the goal, not something they found), less a sentence
    that only points back ("That's what my old boss always modelled."), and less paraphrases
    of one another."""
    # (another section quotes a sentence without its leading "And"/"So": "And I never put my name to a
    # number I haven't stood behind." is the value's quote "I never put my name...")
    kept = [s for s in picked if candidate(s, SCORED_FEWEST_WORDS) and s.turn.index != goal_turn and not points_back(s.text)
            and not _ABOUT_THE_TALK.match(_said(s))
            and (_marked(s) or {s.text, quote(s.turn, s.span)}.isdisjoint(taken) and not _PLAN.match(_said(s)))]
    return [kept[i] for i in sorted(semantic.dedupe([s.text for s in kept], threshold=0.9))]


def _said(s: Sentence) -> str:
    return s.text.replace("\u2019", "'")


def _marked(s: Sentence) -> bool:
    return bool(MARKED.search(_said(s)))


# "I'll only review it if she asks me to.": what the client will do is a plan, however the conversation around it
# reads (none of the 318 such sentences of the tuning half is a labelled discovery; 143 are action items); and
# what they will not do ("I'm not going to chase him this week, honestly.") a decision (none of 33)
_PLAN = re.compile(r"^\W*(?:(?:and|so|but|then),? )?(?:i'll|i will|i'm going to|i am going to|i'm gonna|i won't|i will not|"
                   r"i'm not going to|i am not going to|i'm not gonna)\b", re.I)
# the conversation's own business ("Sorry, I've gone quiet on you. I'm just thinking.", "Give me a sec."): none
# of the 22 such sentences of the tuning half is labelled
_ABOUT_THE_TALK = re.compile(r"^\W*(?:(?:sorry|hang on|hold on|um|oh),? )*(?:i've gone quiet|i'm (?:just )?thinking\W*$|"
                             r"i'm (?:rambling|waffling)|where was i|i've lost my (?:train of )?thought|bear with me|"
                             r"give me a (?:second|sec|minute|moment)|let me think)", re.I)


# The client naming what they take from the session (PCC 8.2): said in their own words, it is
# the discovery they leave with, however it is worded.
LEARNING_QUESTION = re.compile(r"\b(?:take|taking|took|learn\w*|clearer|insight|stands? out|hold on to|remember|"
                               r"discover\w*|different now)\b", re.I)


def _stated_learnings(sentences: list[Sentence], learning_answers: set[int]) -> list[Sentence]:
    out = []
    for index in sorted(learning_answers):
        first = next((s for s in sentences if s.turn.index == index and len(s.text.split()) >= 3 and not s.is_question), None)
        if first is not None and not _NON_LEARNING.match(first.text):
            out.append(first)
    return out


_NON_LEARNING = re.compile(r"^\W*(?:i don't know|not sure|good question|hmm|um|well|yeah|lots|loads|a lot|"
                           r"i'll|i will|i'm going to)\b", re.I)


def build(found: list[Sentence], sentences: list[Sentence] = ()) -> list[ClientDiscovery]:
    """The discoveries as reported; `sentences` (the session's) tell how each landed."""
    return [_discovery(s, _felt_after(s, sentences)) for s in found]


# the sentences read for how a realisation left the client, from it on in its turn and in their next: a turn
# holding a whole pasted session is not all one reaction (and read in full it made this quadratic)
FELT_WITHIN = 8


def _felt_after(s: Sentence, sentences: list[Sentence]) -> float | None:
    """How the client said the realisation left them, in their own feeling words, in its turn or their next
    ("So the extras are his patients." ... "I feel a bit stupid, actually."): None where they said nothing of it."""
    later = [x for x in sentences if x.turn.is_client and x.turn.index > s.turn.index]
    next_turn = later[0].turn.index if later else None
    rest = [x for x in sentences if x.turn is s.turn and x.span.start >= s.span.start][:FELT_WITHIN]
    said = [v for x in rest + [x for x in later if x.turn.index == next_turn][:FELT_WITHIN]
            if felt(x) and (v := state(x)) is not None]
    return sum(said) / len(said) if said else None


def _narrative(s: Sentence) -> bool:
    """Only telling what happened ("I asked the team to bring the problems"): a report, not an insight."""
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    return root is not None and syntax.past(root) and not INTERPRETIVE.search(s.text)


def _first_substantive(pool: list[Sentence], turn_index: int) -> Sentence | None:
    return next((s for s in pool if s.turn.index == turn_index and len(s.text.split()) >= 6), None)


# The rules, reading the wording alone, need four words to see a realisation; the scorer, reading the
# conversation too, finds it in three ("It's the framework.", "I've been staff.", "Maybe it wasn't."): three
# tuning folds (92 older sessions, weights trained without them) / the 32 newest tuning sessions, F1 of
# discoveries .580 / .623 with four, .589 / .639 with three, precision unchanged (.52 / .67).
RULES_FEWEST_WORDS = 4
SCORED_FEWEST_WORDS = 3


def candidate(s: Sentence, fewest_words: int = RULES_FEWEST_WORDS) -> bool:
    if not s.turn.is_client or s.asks or len(s.text.split()) < fewest_words or s.cut_off:
        return False
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return True
    if syntax.reported(root):
        return False
    # A hypothetical ("If they asked me to run it I'd say yes") imagines; it does not realise.
    said = s.text.replace("\u2019", "'")
    supposed = any(a in ("would", "'d") for a in syntax.auxiliaries(root)) and (
        syntax.condition(root) == "if" or _supposed_before(s))
    return not (supposed or _HOPE.match(said)) or bool(MARKED.search(said))


# "Hopefully the inspection doesn't land while I'm sat in the chair.": a hope looks ahead; it sees nothing new
_HOPE = re.compile(r"^\W*(?:(?:and|but|so),? )?(?:hopefully|i hope|i'm hoping|i am hoping|fingers crossed)\b", re.I)
_IF_WOULD = re.compile(r"\bif\b.*\b(?:would|'d)\b", re.I)


def _supposed_before(s: Sentence) -> bool:
    """The sentence before, in the same turn, set up the hypothetical this one goes on with ("...if they offered me
    the job I'd probably take it. I'd probably just take it and never think about the project again.")."""
    before = [x for x in s.turn.spans if x.end <= s.span.start]
    return bool(before) and bool(_IF_WOULD.search(before[-1].text.replace("\u2019", "'")))


_SELF_WORDS = frozenset(("i", "me", "my", "myself", "i'm", "i've", "it's", "that"))


def _self_statement(s: Sentence) -> bool:
    return not _SELF_WORDS.isdisjoint(s.words)


def _discovery(s: Sentence, felt_after: float | None = None) -> ClientDiscovery:
    text = quote(s.turn, s.span)
    return ClientDiscovery(
        insight=text,
        depth_level=_depth(s),
        emotional_response=_response(compound(_its_turn(s)) if felt_after is None else felt_after),
        evidence=[text],
    )


TONE_WORDS = 400  # a turn longer than this (a whole session pasted as one) is no one reaction to read the tone of


def _its_turn(s: Sentence) -> str:
    """The turn the realisation was said in, to read its tone; in a turn over TONE_WORDS words, the realisation
    and the FELT_WITHIN sentences after it (VADER's time grows with the square of the words it reads)."""
    if s.turn.word_count <= TONE_WORDS:
        return s.turn.text
    after = [sp for sp in s.turn.spans if sp.start >= s.span.start][:FELT_WITHIN]
    return s.turn.text[s.span.start:after[-1].end] if after else s.text


def _depth(s: Sentence) -> str:
    words = len(s.text.split())
    if DEEP.search(s.text) and words >= 10:
        return "Deep"
    return "Moderate" if words >= 8 else "Surface"


def _response(score: float) -> str:
    return {
        "Distressed": "Unsettled by the realisation",
        "Uneasy": "Thoughtful, with some discomfort",
        "Neutral": "Reflective and matter-of-fact",
        "Positive": "Open and encouraged",
        "Optimistic": "Energised by the realisation",
    }[label(score)]

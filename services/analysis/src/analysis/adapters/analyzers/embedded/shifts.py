"""Emotional shift: how the client's own state moved from the start of the session to the end,
in which direction, and what the coach said just before the biggest move (the catalyst)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import fmean

from contracts.insight import EmotionalShift

from .evidence import dedupe, quote
from .feelings import felt, label, state, valence
from .language import Sentence
from .question_purpose import asks_for_agreement
from .sentences import Span, words
from .sentiment import compound
from .session import Session, TurnView
from .wording import quoted

MIN_STATES = 3
THRESHOLD = 0.3
# "I came in feeling like a fraud": said at the end, about the start. It belongs to the start.
_LOOKING_BACK = re.compile(
    r"\b(?:i came in(?:to (?:this|today|the session))?(?: here)?(?: feeling| thinking| today)?|i (?:walked|got) in here|"
    r"when (?:we|i) (?:started|began|came in|sat down|got here|logged (?:on|in)|joined|dialled in|dialed in|came on)|"
    r"at the (?:start|beginning)(?: of (?:this|the|our|today))?|"
    r"(?:an hour|half an hour|twenty minutes|a few minutes) ago|before (?:this|today|we (?:started|talked|spoke))|"
    r"i (?:felt|was) [^.;]{0,60}? coming in)\b",
    re.I,
)


# "...which I didn't expect when I sat down": the start named only to say the now surprises.
_UNEXPECTED = re.compile(r"\b(?:didn't|did not|never|hadn't|wouldn't have) (?:expect(?:ed)?|thought|think|imagined?|guessed?|"
                         r"believed?|said)\b", re.I)


def emotional_shifts(session: Session, sentences: list[Sentence]) -> list[EmotionalShift]:
    said = [(s, v) for s in sentences if s.turn.is_client and not s.is_question and (v := state(s)) is not None]
    back, curve = [], []
    for s, v in said:
        text = s.text.replace("\u2019", "'")
        if not _LOOKING_BACK.search(text) or _UNEXPECTED.search(text):
            curve.append((s, v))
            continue
        # "I came in feeling like a fraud, and now I feel excited": the start, then where they are now.
        now = next((t.i for t in s.doc if t.lower_ == "now" and t.i > 2), None)
        then_, now_ = (state(s, 0, now), state(s, now)) if now is not None else (v, None)
        if then_ is not None:
            back.append((s, then_))
        if now_ is not None:
            curve.append((s, now_))
    checkout, compared = _scaled(session)
    if checkout is None:
        checkout, compared = _checkout(session)
    if checkout is None or compared is None:
        # ("When I came in, I was like a pallet with too much stretch wrap. ... Now is like somebody cut the wrap. Is
        # still the same pallet, same heavy. But it can breathe.": the start and the now, set side by side in the
        # answer, say more than its "still the same")
        came = _came_in(session, sentences)
        if came[0] is not None and (checkout is None or came[0].turn is checkout.turn
                                    and came[0].span.end <= checkout.span.start and not _SAME.search(came[0].span.text)):
            checkout, compared = came
    if checkout is None:
        checkout, compared = _arrived_and_leaving(session)
    if checkout is not None and compared is None:
        return []  # "About the same as when I came in", "Still flat.": the client says nothing moved
    # a measure taken twice needs no more: the number at the start is where they came in
    given = _measure_given(session, checkout.measured[0]) if checkout is not None and checkout.measured else None
    told_then = checkout.then if checkout is not None else None  # "I walked in here with my shoulders up..."
    if len(curve) < (1 if compared is not None else MIN_STATES) and given is None and told_then is None:
        return []  # the client's own comparison needs only a start to compare with
    part = max(1, min(len(curve) // 3, 6))
    head, tail = back + curve[:part], curve[-part:]
    if not tail and compared is not None:
        tail = [(checkout, compared)]  # the start told ("I walked in here with my shoulders up...") and no other state
    if given is not None and not head:
        head = tail = [(_Said(*given), _as_state(checkout.measured[0], checkout.lower_is_better))]
    elif told_then is not None and not head:
        head = tail = [(_Said(*told_then), -THRESHOLD if compared > 0 else THRESHOLD)]
    if compared is None and not (any(felt(s) for s, _ in head) and any(felt(s) for s, _ in tail)):
        return []  # hedging or resolve alone at one end is not a change of feeling; the client's
        # own comparison with the start ("angrier now than when I walked in") tells both ends
    initial, final = fmean(v for _, v in head), fmean(v for _, v in tail)
    if compared is not None:
        # Asked how they are now, the client compared it with the start themselves: their word decides.
        improved = compared > 0
        final = compared
        initial = min(initial, compared - 2 * THRESHOLD) if improved else max(initial, compared + 2 * THRESHOLD)
        tail = [(checkout, compared)]
    elif abs(final - initial) < THRESHOLD or label(initial) == label(final):
        return []
    improved = final > initial
    if compared is None and any(label(v) == ("Optimistic" if improved else "Distressed")
                                for _, v in _checked_in(session, sentences)):
        return []  # "Really good, actually." at the check-in: a client who came in there has not lifted to it
    # (the answer to the check-out reports the change; the question that asked for it caused none, and nothing
    # said after it did: "How will you know you've done it?" after "Lighter than when I walked in.")
    pivot = _pivot(session, [sv for sv in curve if checkout is None or sv[0].turn.index < checkout.turn.index],
                   improved)
    catalyst_turn = session.previous_of(pivot.turn, "coach") if pivot else None
    start = min(head, key=lambda sv: sv[1]) if improved else max(head, key=lambda sv: sv[1])
    end = max(tail, key=lambda sv: sv[1]) if improved else min(tail, key=lambda sv: sv[1])
    # The states named are those of the quotes shown, met halfway with the session's run: "from neutral:
    # 'I feel sick, a bit.'" contradicts itself where the start's other sentences were calm.
    further = min if improved else max
    initial, final = further(initial, (initial + start[1]) / 2), (max if improved else min)(final, (final + end[1]) / 2)
    # the start as the client gave it when asked how they were ("Kind of fried, honestly."), where it points the
    # same way, rather than the lowest (or highest) early sentence ("Wrong word.")
    start = next((sv for sv in _checked_in(session, sentences) if (sv[1] < 0 if improved else sv[1] > 0)), start)
    evidence = [quote(start[0].turn, start[0].span)]
    arrived = _arrival_image(sentences, checkout) if checkout is not None and checkout.image else None
    if arrived is not None:
        evidence = [quote(arrived.turn, arrived.span)]  # "Like a fridge with the door left open." to "Door's shut."
    if told_then is not None:
        evidence = [quote(*told_then)]  # the start as the client told it, set against the now
        initial = min(initial, -THRESHOLD) if improved else max(initial, THRESHOLD)
    if given is not None:
        evidence = [quote(*given)]  # "Seven, I should think." to "Four.": the number at the start, where it was given
    catalyst = "No single coach intervention stands out; the change built over the session."
    if catalyst_turn is not None and catalyst_turn.spans:
        said = quote(catalyst_turn, catalyst_turn.spans[-1])
        catalyst = f'After the coach said {quoted(said)}'
        evidence.append(said)
    evidence.append(quote(end[0].turn, end[0].span))
    way = "lifted" if improved else "dropped"
    # One sentence may tell both ends ("more worried than when I came in"): quoted once.
    told = (f'from {quoted(evidence[0])} to {quoted(evidence[-1])}' if evidence[0] != evidence[-1]
            else f'in their own words, {quoted(evidence[0])}')
    told += "" if evidence[-1].rstrip().endswith((".", "!", "?", "…")) else "."  # never 'to "Lighter.".
    measured = checkout is not None and checkout.measured is not None and tail[0][0] is checkout
    by_number = [_as_state(n, checkout.lower_is_better) for n in checkout.measured] if measured else []
    if by_number and label(by_number[0]) != label(by_number[1]):
        # the states as the numbers put them: a worry of seven out of ten is uneasy, of four not yet positive
        initial, final = by_number
    if measured:
        told = f"the measure they gave went from {_told_number(checkout.measured[0])} to {_told_number(checkout.measured[1])}"
        told += f" out of ten ({quoted(evidence[-1])})"
    return [
        EmotionalShift(
            initial_state=label(initial),
            final_state=label(final),
            shift_description=(f"The client's own state {way} from {label(initial).lower()} to "
                               f"{label(final).lower()}: {told}"),
            catalyst=catalyst,
            direction="improved" if improved else "declined",
            evidence=dedupe(evidence, limit=3),
        )
    ]


# The check-in: "How are you doing?", "How's your week been?", "How are you arriving?"
_HOW_ARE_YOU = re.compile(r"\bhow (?:are|'re) you(?: doing| feeling| arriving| today| this (?:morning|afternoon|evening))?\b"
                          r"(?! (?:going|gonna|planning|thinking|hoping)\b| \w+ing about)|"
                          r"\bhow(?:'s| has| have) (?:your|the) (?:week|weekend|fortnight|month|day)|\bhow (?:are|have) (?:you|things) been\b|"
                          r"\bhow are things\b|\bhow are you arriving\b|\bhow(?:'s| is) (?:it|everything|life) going\b|"
                          r"\bhow(?:'s| is| are) (?:things|life)\b|\bhow(?:'ve| have) you been\b|\bwhere are you at today\b|"
                          r"\bhow(?:'s| has) it been since\b|\bhow(?: has| did) the (?:past |last )?(?:week|weekend|fortnight|month)\b",
                          re.I)
CHECK_IN_TURNS = 6  # the check-in comes at the top of the session


def _checked_in(session: Session, sentences: list[Sentence]) -> list[tuple[Sentence, float]]:
    """The sentences of the client's answer to the check-in that name a feeling, each with its state."""
    asked = next((t for t in session.turns[:CHECK_IN_TURNS] if t.is_coach
                  and _HOW_ARE_YOU.search(t.text.replace("\u2019", "'"))), None)
    answer = session.next_turn(asked) if asked is not None else None
    if answer is None or not answer.is_client:
        return []
    return [(x, v) for x in sentences if x.turn is answer and not x.is_question and felt(x) and (v := state(x)) is not None]


# The check-out in the many other ways coaches put it: "Where are you at now?", "How is it sitting with you now?",
# "What's shifted for you?", "As we close, how are you?", "How are you going away from this?"
_CHECK_OUT = (r"\bwhere(?:'s| is| are) (?:you|your head)(?: at| with (?:it|this|that|all (?:this|that)))? now\b|"
              r"\bhow(?: is| are|'s) (?:it|that|this|things|all (?:that|this)|the [a-z-]+(?: (?:in|on) your [a-z]+)?) "
              r"(?:[a-z]+ing )?(?:with you )?now\b|"
              r"\bwhat(?:'s| has| is) (?:changed|shifted|moved|different)(?: for you| in you| now| since (?:we|you))|"
              r"\bwhat are you (?:feeling|noticing) (?:now|as we)\b|\bhow you(?:'re| are)? feel(?:ing)? now\b|"
              r"\b(?:as we (?:close|finish|wrap up|end)|before we (?:finish|close|go|stop)),? how are you\b|"
              r"\bhow are you going away\b|\bwhat's your (?:mood|energy|state|head)(?: like)? now\b")
# A coach asking how the client is now, or how it feels (the check-in and the check-out).
_FEELING_QUESTION = re.compile(r"\bhow (?:are|do|does|did) (?:you|that|it|this) (?:\w+ )?(?:feel|feeling|arriving|leaving|now)|"
                               r"\bhow are you (?:now|feeling|leaving|doing)|compared (?:with|to) when|where are you now|"
                               r"\bhow's (?:the|that|it|your) (?:[a-z-]+ ){0,2}now\b|\bwhat's (?:the|that|your) (?:[a-z-]+ ){0,2}like now\b|"
                               + _CHECK_OUT, re.I)
_SAME = re.compile(r"^\W*(?:the )?same(?=\s*(?:$|[,.;!\u2014-]|but\b|really\b|honestly\b))|\b(?:about the same|(?:much |pretty much )?the same as (?:when|before|at the start)|no different|"
                   r"not (?:much|really) different|hasn't (?:really )?changed|nothing(?:'s| has)(?: really)? (?:changed|shifted|moved)|"
                   r"nothing's different|no change)\b|"
                   r"^\W*still \w+(?:,? (?:to be honest|honestly|really|if i'm honest|i think|i guess|i suppose))?\W*$", re.I)
_BETTER = re.compile(r"\b(?:better|lighter|clearer|calmer|freer|relieved|more (?:hopeful|confident|settled|positive|"
                     r"optimistic|energi[sz]ed|in control)|less (?:anxious|stressed|worried|stuck|scared|overwhelmed|"
                     r"angry|heavy)|less of an? \w+|completely different|a weight off)\b", re.I)
# "... than I did an hour ago", "... as when I came in": a comparison with the start, unasked.
_SINCE_START = re.compile(r"\b(?:than|as) (?:i did |i was |i felt )?(?:when (?:i came in|we started|i arrived|i walked in|i logged (?:on|in)|i joined)|"
                          r"(?:an|half an) hour ago|at the start|before we (?:started|talked))\b|"
                          r"\bthan i (?:did|was|felt) (?:at|this|earlier|before)\b", re.I)
# "If anything I feel worse now it's all out on the table.": better or worse now, said of the client at the end, is
# set against how they were
_NOW_COMPARED = re.compile(r"\b(?:i|i'm|i am) (?:feel(?:ing)? )?(?:(?:a )?(?:bit|lot|little|much|way|loads|tons) )?"
                           r"(?:better|worse|lighter|heavier|calmer|clearer) now\b|"
                           r"\bnow i (?:feel|am|'m) (?:(?:a )?(?:bit|lot|little|much|way) )?"
                           r"(?:better|worse|lighter|heavier|calmer)\b",
                           re.I)
# "Still tired.", "Is still a cold house, I will not lie to you.": the start's state, kept
_STILL = re.compile(r"^\W*(?:(?:i'm|i am|it's|it is|is|i feel) )?still\b", re.I)
_SAME_WORD = re.compile(r"\bsame\b", re.I)  # "Same. Still heavy. ... But now I know which end I'm holding": flat
_BUT = re.compile(r"^\W*(?:but|although|though|except)\b", re.I)
_WORSE = re.compile(r"\b(?:worse|heavier|more (?:confused|anxious|stuck|worried|overwhelmed|lost)|less (?:sure|confident|"
                    r"clear|hopeful))\b", re.I)


# "I feel worse about asking than I did an hour ago, not better.": a lift denied
_NEGATED = re.compile(r"\b(?:not|no|n't|never)(?: (?:any|much|really|feel|feeling))?\W*$", re.I)


@dataclass(frozen=True, slots=True)
class _Said:
    """A stretch of a client turn, parsed or not ("Lighter." is too short to be parsed)."""

    turn: TurnView
    span: Span
    measured: tuple[float, float] | None = None  # a measure taken twice: (at the start, now)
    lower_is_better: bool = False  # the measure is of something bad ("where's the worry sitting?")
    image: str | None = None  # the image the client came in with, asked after ("pacing cat")
    then: tuple[TurnView, Span] | None = None  # where the client told the start, a sentence before the now


def _checkout(session: Session) -> tuple[_Said | None, float | None]:
    """The client's own comparison of now with the start, in the session's final third: the answer
    to "how are you now, compared with when you came in?", or a sentence that says so unasked ("I
    feel lighter than I did an hour ago"). (where, +0.7 better / -0.7 worse / None the same);
    (None, None) when the client made no comparison."""
    last = max(1, len(session.turns))
    for turn in reversed(session.client_turns):
        if turn.index < 2 * last / 3:
            break
        asked = session.previous_turn(turn)
        imaged = asked is not None and not asked.is_client and _IMAGE_QUESTION.search(asked.text.replace("\u2019", "'"))
        moved = _image_moved(turn, imaged.group("image") or imaged.group("image2") or imaged.group("image3")) if imaged else None
        if moved is None and asked is not None and not asked.is_client:
            moved = _start_image_sized(session, turn, asked.text.replace("\u2019", "'"))
        if moved is not None:
            return moved  # the image they came in with, asked after, eased or grew: that decides
        asked = asked is not None and not asked.is_client and bool(_FEELING_QUESTION.search(asked.text.replace("\u2019", "'")))
        for i, span in enumerate(turn.spans):
            text = span.text.replace("\u2019", "'")
            if not (asked or _SINCE_START.search(text) or _NOW_COMPARED.search(text)) or _LOOKING_BACK.match(text):
                continue
            if _SAME.search(text) or _STILL.match(text):
                rest = [sp for sp in turn.spans[i + 1:] if _BUT.match(sp.text)]
                same = any(_SAME_WORD.search(sp.text) for sp in turn.spans)
                if asked and rest and not same:
                    # "Still the kettle. But somebody's poured a cup of water back in.": the same, and yet
                    # not; what follows the "but" says which way it moved
                    told = rest[0].text.replace("\u2019", "'")
                    return _Said(turn, rest[0]), -0.7 if _told_worse(told) else 0.7
                if _SAME.search(text) or asked and same:
                    # "About the same. Maybe a bit worse, honestly.": the same, leaning down
                    m = _SAME.search(text)
                    after = [(span, text[m.end():])] if m else []
                    after += [(sp, sp.text.replace("\u2019", "'")) for sp in turn.spans[i + 1:]]
                    lower = next((sp for sp, t in after if _WORSE.search(t) and not _NEGATED.search(t[:_WORSE.search(t).start()])), None)
                    return (_Said(turn, lower), -0.7) if lower is not None else (_Said(turn, span), None)
                continue
            better, worse = any(not _NEGATED.search(text[:m.start()]) for m in _BETTER.finditer(text)), bool(_WORSE.search(text))
            if better == worse:
                told = [v for m in _COMPARED.finditer(text) if (v := _comparative(m.group(1).lower())) is not None]
                better, worse = bool(told) and min(told) > 0, bool(told) and max(told) < 0
            if better == worse and (_SINCE_START.search(text) or _NOW_COMPARED.search(text)):
                lean = _leaning(text)  # "I'm more tired than when I came in": more or less of a feeling
                better, worse = lean > 0, lean < 0
            if better != worse:
                return _Said(turn, span), 0.7 if better else -0.7
        if asked and _LEAVING_QUESTION.search(session.previous_turn(turn).text.replace("\u2019", "'")):
            for span in turn.spans:
                lean = _leaning(span.text.replace("\u2019", "'"))
                if lean:
                    return _Said(turn, span), 0.7 * lean
    return None, None


# "How are you leaving, compared with the shaken can?": the check-out proper, not "how does that feel?"
_LEAVING_QUESTION = re.compile(r"\bcompared (?:with|to)\b|\bhow are you (?:leaving|going out|feeling now)|"
                               r"\bwhere are you now\b|\bwhat's (?:the|that|it|your) (?:[a-z-]+ ){0,2}like now\b|\bwhere's (?:that|it) now\b|"
                               r"\bhow's (?:the|that|your) (?:[a-z-]+ ){0,2}now\b|" + _CHECK_OUT, re.I)
_MORE_LESS = re.compile(r"\b(more|less)\s+([a-z-]+)\b", re.I)
# The image the client arrived with, asked after at the end ("How's the kettle now?", "compared with the pacing
# cat?"), answered in the image: "Off the boil.", "Less pacing.", "T-shirt's off.", "Door's shut. Light's off."
_EASED = re.compile(r"\b(?:less|off|gone|stopped|quieter|smaller|eased|easing|lifted|loosened|shut|settled|calmer|lighter)\b",
                    re.I)
_GROWN = re.compile(r"\b(?:worse|bigger|louder|heavier|tighter|back on|on again)\b", re.I)
_IMAGE_QUESTION = re.compile(r"\bcompared (?:with|to) (?:the|that|your|those|this) (?!time\b|start\b|beginning\b)"
                            r"(?P<image>[a-z-]+(?: [a-z-]+){0,2})\W*$|"
                            r"\bhow's (?:the|that|your) (?P<image2>[a-z-]+(?: [a-z-]+){0,1}) now\b|"
                            r"\bwhat's (?:the|that|your) (?P<image3>[a-z-]+(?: [a-z-]+){0,1}) like now\b", re.I)


def _image_moved(turn: TurnView, image: str | None) -> tuple[_Said, float] | None:
    """The first of the answer's opening sentences that says the image eased (+0.7) or grew (-0.7)."""
    for span in turn.spans[:2]:
        text = span.text.replace("\u2019", "'")
        eased, grown = bool(_EASED.search(text)), bool(_GROWN.search(text))
        if eased != grown and not _NEGATED.search(text[:(_EASED if eased else _GROWN).search(text).start()]):
            return _Said(turn, span, image=image), 0.7 if eased else -0.7
    return None


def _start_image_sized(session: Session, turn: TurnView, question: str) -> tuple[_Said, float] | None:
    """"We said at the start: not feeling on trial. Where are you with that?" / "Less Sellotape.": sent back to
    the start, the client sizes the image they came in with ("Held together with Sellotape"): less of it eased."""
    if "?" not in question or not _BACK_TO.search(question) or not turn.spans:
        return None
    m = re.match(r"^\W*(?:a (?:bit|lot) |much |quite a bit )?(less|more) ([a-z-]{4,})\W*$", turn.spans[0].text, re.I)
    if m is None or valence(m.group(2).lower()) is not None:
        return None  # (a feeling word, "less anxious", is read as one elsewhere)
    start = [t for t in session.client_turns if t.index < len(session.turns) / 3]
    if not any(re.search(rf"\b{re.escape(m.group(2))}\b", t.text, re.I) for t in start):
        return None
    return _Said(turn, turn.spans[0], image=m.group(2).lower()), 0.7 if m.group(1).lower() == "less" else -0.7


def _arrival_image(sentences: list[Sentence], checkout: _Said) -> Sentence | None:
    """The client's first sentence, before the check-out, that holds the image asked after: its longest word
    first ("shaken" of "shaken can", never the "can" of "everyone can see me")."""
    before = [s for s in sentences if s.turn.is_client and s.turn.index < checkout.turn.index]
    long = sorted((w for w in checkout.image.split() if len(w) >= 4), key=len, reverse=True)
    for wanted in ([long] if len(long) > 1 else []) + [[w] for w in long]:  # all its words, then each
        said = [re.compile(rf"\b{re.escape(w)}\b", re.I) for w in wanted]
        found = next((s for s in before if all(w.search(s.text) for w in said)), None)
        if found is not None:
            return found
    return None


def _leaning(text: str) -> int:
    """+1 when a check-out answer moves towards better in words that need no "than" ("Less shaken.",
    "I feel steadier.", "more settled"), -1 towards worse, 0 when it says neither or both."""
    told = []
    for m in _MORE_LESS.finditer(text):
        v = valence(m.group(2).lower())
        if v is not None and not _NEGATED.search(text[:m.start()]):
            told.append(v if m.group(1).lower() == "more" else -v)
    for w in words(text):
        v = _comparative(w)
        if v is not None and not re.search(rf"\b(?:more|less) {w}\b", text, re.I):
            told.append(v)
    if told and min(told) > 0:
        return 1
    if told and max(told) < 0:
        return -1
    return 0


_NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_NUMBER = re.compile(r"\b(10|[0-9](?:\.5)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b(?: and a half)?", re.I)
_SCALE = re.compile(r"\bout of (?:ten|10)\b|\b(?:one|1|zero|0) to (?:ten|10)\b|\bscale\b|\ba number on\b", re.I)
# the coach sending the client back to the number they gave at the start
_BACK_TO = re.compile(r"\b(?:you came in|you started|you said|you were|you gave|earlier|at the start|when we started|"
                      r"when you (?:came in|arrived|walked in|logged on))\b", re.I)
_NOW_WORD = re.compile(r"\bnow\b", re.I)
# "Where are you now?", "And on that same 1 to 10 scale?", "Back to the scale": the start's measure asked again
_AGAIN = re.compile(r"\b(?:now|same|again|back to)\b", re.I)


def _numbers(text: str) -> list[float]:
    """The numbers a scale answer gives ("about a six", "Seven and a half.", "8")."""
    out = []
    for m in _NUMBER.finditer(text):
        word = m.group(1).lower()
        value = float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)
        out.append(value + (0.5 if m.group(0).lower().endswith("half") else 0.0))
    return out


def _scaled(session: Session) -> tuple[_Said | None, float | None]:
    """A measure taken twice: "You came in at a two. Where's that now?" / "About a six."; or told
    by the client in one breath ("When I logged on, maybe two out of ten. Now eight."). A measure
    of something bad ("You came in at a nine out of ten on the guilt") is better lower. (where,
    +0.7 / -0.7); (None, None) when no measure was taken twice or it did not move."""
    last = max(1, len(session.turns))
    for turn in reversed(session.client_turns):
        if turn.index < 2 * last / 3:
            break
        asked = session.previous_turn(turn)
        question = asked.text.replace("\u2019", "'") if asked is not None and not asked.is_client else ""
        sent_back = next((sp.text.replace("\u2019", "'") for sp in (asked.spans if asked is not None and not asked.is_client
                                                                   else ()) if _BACK_TO.search(sp.text)), "")
        then_said = _MEASURE.search(sent_back)
        texts = [span.text.replace("\u2019", "'") for span in turn.spans]
        # ("And the number?": a short question back to the scale asks it again)
        # ("And where's it sitting now?" / "Four. Perhaps a shade under.": a number given to a question asking
        # again, where the session took a measure at the start, answers that measure whatever the words)
        if then_said is None and question and (_SCALE_AGAIN.search(question) and (
                _AGAIN.search(question) or len(question.split()) <= 5)
                or _AGAIN.search(question) and texts and _LEADS.match(texts[0])):
            # "Let's go back to the scale. Where are you now?" / "Seven. And I came in at two, so.": the
            # start as the answer says it, or as the client gave it to the first-half scale question
            said_then = next((m for t in texts if _LOOKING_BACK.search(t) and (m := _MEASURE.search(t))), None)
            sent_back, then_said = (texts[0], said_then) if said_then else _first_measure(session)
        for i, (span, text) in enumerate(zip(turn.spans, texts, strict=True)):
            if then_said is not None:
                scale, now = sent_back, _BARE.match(text) or _LEADS.match(text) or _MEASURE.search(text)
            elif _LOOKING_BACK.search(text) and (then_said := _MEASURE.search(text)):
                # the now after "now", in the same sentence or the next ("Now eight.")
                cut = _NOW_WORD.search(text, then_said.end())
                nxt = _NOW.match(texts[i + 1]) if not cut and i + 1 < len(texts) else None
                after = text[cut.end():] if cut else texts[i + 1][nxt.end():] if nxt else ""
                scale, now = text, _MEASURE.search(after) or _BARE.match(after)
                span = turn.spans[i + 1] if nxt else span  # quoted where the now is said
            else:
                continue
            if now is None:
                continue
            then_, now_ = _numbers(then_said.group(0))[0], _numbers(now.group(0))[0]
            if now_ == then_:
                continue
            bad = _measures_bad(scale) or _measures_bad(_first_scale(session))
            return _Said(turn, span, (then_, now_), lower_is_better=bad), 0.7 if (now_ > then_) != bad else -0.7
    return None, None


_N = r"(?:10|[0-9](?:\.5)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?: and a half)?"
# "at a two", "a nine out of ten", "maybe two out of ten": a number given as a measure
_MEASURE = re.compile(rf"\b(?:{_N} out of (?:ten|10)|(?:at|about|around|maybe|probably|nearly|almost) (?:a |an )?{_N}|"
                      rf"(?:i'm|it's|was|is|am) (?:a |an ){_N})\b(?!-| (?:point|stage|time|day|of|more|in the)\b)", re.I)
# "Eight.", "Maybe seven and a half.": an answer that is a number ("I have one." is not)
_BARE = re.compile(rf"^\W*(?:(?:about|maybe|probably|around|honestly|nearly|almost|still|so|oh|um|er|hmm|like|"
                   rf"more like|i'd say|i think|say)\W+){{0,3}}(?:a |an )?{_N}\W*$", re.I)

# "Seven, I should think.", "Four. Perhaps a shade under.": an answer that opens with its number
_LEADS = re.compile(rf"^\W*(?:(?:about|maybe|probably|around|honestly|nearly|almost|still|so|oh|um|uh|er|erm|hmm|like|"
                    rf"more like|i'd say|i think|say|well)\W+){{0,3}}(?:a |an )?{_N}"
                    # its number first, however the answer goes on ("seven maybe six and a half but i'll say seven" as
                    # captions write it), unless the number counts something ("Three weeks", "One thing I noticed")
                    rf"(?!-|\w| (?:point|stage|times?|days?|weeks?|months?|years?|hours?|minutes?|of|more|in|things?|"
                    rf"people|kids|children|other|o'clock|percent|quid|pounds|grand|hundred|thousand)\b)", re.I)


_SCALE_AGAIN = re.compile(_SCALE.pattern + r"|\bthe (?:scale|number)\b", re.I)


def _told_number(n: float) -> str:
    whole = int(n)
    word = list(_NUMBER_WORDS)[whole] if 0 <= whole <= 10 else str(whole)
    return word + (" and a half" if n != whole else "")


def _first_answer(session: Session) -> tuple[str, TurnView | None, list[tuple[Span, re.Match]]]:
    """The coach's first scale question in the session's first half that the client answered, that answer,
    and the measures its sentences give ("Seven, I should think.", "Seven and a half on a bad night.")."""
    half = len(session.turns) / 2
    for t in session.turns:
        if t.index >= half:
            break
        reply = session.next_turn(t)
        if not t.is_client and _SCALE.search(t.text) and reply is not None and reply.is_client:
            given = [(sp, m) for sp in reply.spans
                     if (m := _BARE.match(x := sp.text.replace("\u2019", "'")) or _LEADS.match(x) or _MEASURE.search(x))]
            return t.text, reply, given
    return "", None, []


def _first_measure(session: Session) -> tuple[str, re.Match | None]:
    """(the scale question, the client's number in answer to it) in the session's first half."""
    question, _, given = _first_answer(session)
    return question, given[-1][1] if given else None  # "Three. Maybe two and a half.": the last word on it


def _as_state(n: float, lower_is_better: bool) -> float:
    """A 0-10 measure as a state score (-0.8 to 0.8, label's scale): five is neutral."""
    return (5 - n if lower_is_better else n - 5) * 0.16


def _measure_given(session: Session, value: float) -> tuple[TurnView, Span] | None:
    """(turn, span) of the client's first-half answer to a scale question that gave `value`."""
    _, reply, given = _first_answer(session)
    return next(((reply, sp) for sp, m in given if value in _numbers(m.group(0))), None)


def _first_scale(session: Session) -> str:
    """The coach's first scale question in the session's first half ("How anxious are you, out of ten?")."""
    half = len(session.turns) / 2
    return next((sp.text.replace("\u2019", "'") for t in session.turns if t.index < half and not t.is_client
                 for sp in t.spans if _SCALE.search(sp.text)), "")


def _measures_bad(text: str) -> bool:
    """"on the guilt", "how anxious are you": a measure where more is worse."""
    return any((v := valence(w)) is not None and v < 0 for w in words(text)) or bool(
        re.search(r"\b(?:guilt|anxiety|stress|worry|fear|dread|pressure|pain|panic|shame)\b", text, re.I))


# "angrier now than when I walked in", "calmer than I was": a comparative set against the start.
_COMPARED = re.compile(r"\b([a-z]+er)\b(?= (?:now |today |already |still )?than\b)", re.I)


def _comparative(word: str) -> float | None:
    """The feeling a comparative names, valued as its base word: "angrier" as "angry", "sadder"
    as "sad", "braver" as "brave"; None for a word that is no comparative of a feeling."""
    if len(word) < 5 or not word.endswith("er"):
        return None
    stem = word[:-2]
    bases = (word[:-3] + "y",) if word.endswith("ier") else (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem)
    return next((v for b in bases if (v := valence(b)) is not None), None)


def _came_in(session: Session, sentences: list[Sentence]) -> tuple[_Said | None, float | None]:
    """'I came in feeling quite good about it. Now I feel like I've been doing it all wrong.': in the
    session's final third, the client's start and their now, told in one breath (the now in the same
    sentence after "now", or the next sentence of the turn when it opens with "now"), compared by the
    state each voices. The contrast is said to mark a change: when one end voices no feeling ("Now I
    just feel like I'm five behind"), it moved away from the end that does."""
    last = max(1, len(session.turns))
    said = [s for s in sentences if s.turn.is_client and not s.is_question and s.turn.index >= 2 * last / 3]
    for i, s in enumerate(said):
        text = s.text.replace("\u2019", "'")
        if not _LOOKING_BACK.search(text):
            continue
        whole = state(s)
        if _UNEXPECTED.search(text):
            if whole is not None and abs(whole) >= THRESHOLD:
                return _Said(s.turn, s.span), 0.7 if whole > 0 else -0.7  # the now, against what they came in expecting
            continue
        cut = next((t.i for t in s.doc if t.lower_ == "now" and t.i > 2), None)
        same_turn = [x for x in said[i + 1 : i + 6] if x.turn is s.turn]
        # the now in the next sentence, or the one after when the start takes two ("When I came in, I was like a
        # pallet with too much stretch wrap. Everything tight, pulled in. Now is like somebody cut the wrap.")
        after = next((x for x in same_turn[:2] if _NOW.match(x.text)), same_turn[0] if same_turn else None)
        contrast = cut is not None or (after is not None and bool(_NOW.match(after.text)))
        rest = same_turn[same_turn.index(after) + 1 :][:2] if after is not None and cut is None else []
        if cut is not None:
            then_, now_ = _told(s, 0, cut), _told(s, cut)
        else:
            then_, now_ = (_told(s) if contrast else whole), (_told(after) if after is not None else None)
        if now_ is None and contrast and _LOOMS.search((s.text[s.doc[cut].idx:] if cut is not None else
                                                        after.text if after is not None else "").replace("\u2019", "'")):
            now_ = -0.5  # "I came in buzzing about the mock and now it feels bigger than I thought it was"
        # quoted where the now is told: "Now it's more like I've got one arm free.", not the start it is set against
        where = after if cut is None and contrast and after is not None else s
        told = (s.turn, s.span) if where is not s else None  # the start, told in the sentence before the now
        if then_ is not None and now_ is not None:
            if abs(now_ - then_) < 2 * THRESHOLD:
                continue
            return _Said(where.turn, where.span, then=told), 0.7 if now_ > then_ else -0.7
        now_told = " ".join([s.text[s.doc[cut].idx:] if cut is not None else after.text if after is not None else "",
                             *(x.text for x in rest)]).replace("\u2019", "'")
        if then_ is None and now_ is None and contrast and (_MINIMISED.search(now_told) or _released(now_told)):
            # "I walked in here with my shoulders up round my ears. Now it's just a form.", "Now is like somebody
            # cut the wrap. ... But it can breathe." (eased, not elated: "positive", not "optimistic")
            return _Said(where.turn, where.span, then=told), 0.45
        known = then_ if then_ is not None else now_
        if not contrast and then_ is not None and abs(then_) >= THRESHOLD and _ARRIVED.search(text) and not any(
                _STILL_ANYWHERE.search(x.text) for x in (s, *same_turn[:2])):
            # "I came in here with my shoulders up round my ears. I reckon I might actually sleep tonight.": said
            # unasked at the end, how they came in is set against how they are
            now_said = same_turn[0] if same_turn else s
            return _Said(now_said.turn, now_said.span, then=(s.turn, s.span) if now_said is not s else None), (
                -0.7 if then_ > 0 else 0.7)
        if not contrast or known is None or abs(known) < THRESHOLD / 2:  # "I felt alright ... coming in. Now ...": mild will do
            continue
        # one end told, the other not: the change is away from the start, or towards the now
        return _Said(where.turn, where.span, then=told), (-0.7 if known > 0 else 0.7) if then_ is not None else (0.7 if known > 0 else -0.7)
    return None, None


_NOW = re.compile(r"^\W*(?:and |but |so )?(?:right )?now\b", re.I)
_STILL_ANYWHERE = re.compile(r"\b(?:still|same|no different)\b", re.I)
# the thing itself grown: what the client now faces, not how they are
_LOOMS = re.compile(r"\b(?:it|this|that|everything|the whole thing)(?:'s| is| feels| seems| looks) (?:\w+ )?"
                    r"(?:bigger|heavier|worse|harder|scarier|more real|huge|massive)\b", re.I)
# the image let go: room, air, a weight set down
_RELEASED = re.compile(r"\b(?:(?:can|could) (?:breathe|move)|room to (?:breathe|move)|cut (?:the|it|me) (?:loose|free)|"
                       r"cut the \w+|let go|put (?:it|that) down|set (?:it|that) down|off my (?:chest|back|shoulders))\b", re.I)


def _released(text: str) -> bool:
    m = _RELEASED.search(text)
    return m is not None and not _NEGATED.search(text[: m.start()]) and not re.search(r"\b(?:can't|cannot|couldn't)\s*$",
                                                                                       text[: m.start() + 4])
# "Now it's just a form.", "now it's only a phone call": the thing that loomed, cut down to size
_MINIMISED = re.compile(r"\b(?:it's|it is|that's|that is|it's,? it's) (?:just|only) (?:a|an|one) \w+", re.I)


def _told(s: Sentence, start: int = 0, end: int | None = None) -> float | None:
    """The client's state in a stretch of `s`, or failing that its tone (VADER): "I came in feeling
    like I'd won something" names no feeling, but says how it was."""
    found = state(s, start, end)
    if found is not None:
        return found
    tone = compound(_FEEL_LIKE.sub(r"\1 as", s.doc[start:end].text))  # VADER reads "like" in "feels like" as liking
    return tone if abs(tone) >= THRESHOLD else None


_FEEL_LIKE = re.compile(r"\b(feel|feels|felt|feeling) like\b", re.I)


# "I came in on fumes. I'm leaving on a quarter of a tank.": the arrival set against the leaving.
_ARRIVED = re.compile(r"\bi (?:came|walked) in\b|\bwhen i (?:came in|arrived|walked in|logged on)\b", re.I)
_LEAVING = re.compile(r"\b(?:i'm|i am) (?:leaving|walking out|going out|going away|heading off)(?: (?:here|today|now))?"
                      r"(?: (?:with|on|as|like|feeling|thinking)\b|\W*$)", re.I)


def _arrived_and_leaving(session: Session) -> tuple[_Said | None, float | None]:
    """In the session's final third, a client turn that sets how they came in against how they
    leave: the contrast is said to mark a change, so it counts as one; it is a drop when the
    leaving is told in worse words ("I'm leaving more anxious"), a lift otherwise."""
    last = max(1, len(session.turns))
    for turn in reversed(session.client_turns):
        if turn.index < 2 * last / 3:
            break
        texts = [span.text.replace("\u2019", "'") for span in turn.spans]
        arrived = next((i for i, t in enumerate(texts) if _ARRIVED.search(t)), None)
        if arrived is None:
            continue
        leaving = next(((i, m) for i in range(arrived, len(texts)) if (m := _LEAVING.search(texts[i]))), None)
        if leaving is None:
            continue
        told = texts[leaving[0]][leaving[1].start():]
        came = " ".join(texts[arrived:leaving[0]]) or texts[arrived][:leaving[1].start()]
        # "I came in thinking I was broken. I'm going out as a paramedic who got hurt.": hurt, but less
        # than broken; a drop only where the leaving is worse than the arrival
        worse = _told_worse(told) and (not _told_worse(came) or _lowest(told) < _lowest(came) - 0.2)
        return _Said(turn, turn.spans[leaving[0]]), -0.7 if worse else 0.7
    return None, None


def _told_worse(text: str) -> bool:
    """"I'm leaving more anxious", "but now it's cracked, and I'm frightened of it": worse words."""
    return bool(_WORSE.search(text)) or compound(text) <= -0.25 or any(
        (v := valence(w)) is not None and v <= -0.7 for w in words(text))


def _lowest(text: str) -> float:
    """How bad the worst of `text` is: its tone or its worst feeling word, whichever is lower."""
    return min([compound(text), *(v for w in words(text) if (v := valence(w)) is not None)])


def _pivot(session: Session, curve: list[tuple[Sentence, float]], improved: bool) -> Sentence | None:
    """The first sentence of the client turn after which the running state moved most. The check-in and
    the question of what the client wants from the session only set it up: an answer to them is no pivot."""
    best, pivot = 0.0, None
    window = 2
    for i in range(window, len(curve) - 1):
        before = fmean(v for _, v in curve[max(0, i - window) : i])
        after = fmean(v for _, v in curve[i : i + window])
        jump = (after - before) if improved else (before - after)
        turned = curve[i][0].turn.index != curve[i - 1][0].turn.index
        if jump > best and turned and not _answers_set_up(session, curve[i][0]):
            best, pivot = jump, curve[i][0]
    return pivot


def _answers_set_up(session: Session, s: Sentence) -> bool:
    """In the session's opening ("How are you feeling about that?" later on may well move the client)."""
    asked = session.previous_of(s.turn, "coach")
    if asked is None or asked.index >= max(CHECK_IN_TURNS, len(session.turns) * 0.35):
        return False
    return bool(_HOW_ARE_YOU.search(asked.text.replace("\u2019", "'"))) or asks_for_agreement(asked.text)

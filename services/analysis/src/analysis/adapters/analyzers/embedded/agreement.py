"""The session agreement: what the client came for, from their answer to the coach's
contracting question ("What would make this hour worthwhile?") early in the session."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from . import syntax
from .language import Sentence
from .question_purpose import Purpose
from .questions import Question
from .session import Session, TurnView

EARLY = 0.35  # the agreement is made in the first third of a session
LATEST = 0.6  # or, when the client opens with news, once the news is told
_GOAL_VERBS = {"want", "need", "like", "hope", "focus", "work", "figure", "decide", "get", "talk", "come", "leave",
               "explore", "find", "understand", "sort", "have", "prepare"}


@dataclass(frozen=True, slots=True)
class Agreement:
    question: Question
    answer: TurnView
    sentence: Sentence | None  # the answer's sentence that names the goal
    goal: str  # a short phrase: "clarity about the restructure"
    stated: bool = True  # said as a wish ("I want to..."); False: the answer's first noun phrase, a guess


def find(session: Session, questions: list[Question], purposes: list[Purpose],
         sentences: list[Sentence]) -> Agreement | None:
    horizon = max(4, int(len(session.turns) * EARLY))
    guess = None
    for q, p in zip(questions, purposes, strict=True):
        if q.turn.index > horizon:
            break
        if not p.is_agreement:
            continue
        answer = session.next_turn(q.turn)
        if answer is None or not answer.is_client or answer.word_count < 4:
            continue
        own = [s for s in sentences if s.turn.index == answer.index and not s.is_question]
        if any(_opens(s) for s in own):
            # "I want to start with some good news": news first, the agreement comes after it
            horizon = max(horizon, int(len(session.turns) * LATEST))
            continue
        # "Where would you like to start?" / "Context, I guess.": a place to begin, named; only a goal
        # the client states in answer to it ("I want to work on delegation") is what the hour is for
        chosen = _chosen_option(q.turn.text, answer.text)
        if chosen is not None:
            # "Do you want to do a plan for the thesis, or talk about the procrastination, or both?" / "Um. Both?"
            return Agreement(q, answer, own[0] if own else None, chosen, True)
        sentence, goal, stated = _goal(own, names_goal=not _WHERE_TO_START.search(q.text))
        # "...and I have no idea what I'm walking in there with, so, um, that. That's what I want to use it for.":
        # the client pointed at a story, not at what the hour is for; a later contracting question may draw it out
        stated = stated and not any(_POINTED.match(s.text.replace("\u2019", "'")) for s in own)
        if goal and stated:
            return Agreement(q, answer, sentence, goal, stated)
        if goal and guess is None:
            guess = Agreement(q, answer, sentence, goal, stated)
    # "Where would you like to start?" / "Farrell, I suppose": a place to start, not what the hour is
    # for; the first answer is the goal only if no later contracting question draws one out
    return guess


# ("No, that is too big.", "No. That's not right."; not "No more wine at night.")
_RETRACTS = re.compile(r"^\W*(?:(?:or|actually|well|wait)\W+)*(?:no(?=\s*[,.;!?\u2014-]|\s*$)|that's not (?:right|it|true)\b|"
                       r"scratch that\b)", re.I)


def _taken_back(s: Sentence, sentences: list[Sentence]) -> bool:
    after = [x for x in sentences if x.turn is s.turn and x.span.start > s.span.start][:2]
    return any(_RETRACTS.match(x.text.replace("\u2019", "'")) for x in after)


# The coach offering the hour's options: "Do you want to do a plan for the thesis, or talk about the procrastination,
# or both?"
_OPTIONS = re.compile(r"\b(?:do you want to|would you like to|shall we|should we|do we) (?P<a>[^?]+?),? or (?P<b>[^?]+?)"
                      r"(?P<both>,? or both)?\?", re.I)
_OPTION_VERB = re.compile(r"^(?:(?:do|make|have|talk about|talk through|look at|work on|focus on|go through|explore|"
                          r"start with|get)\s+)", re.I)
_BOTH = re.compile(r"^\W*(?:um\W+|er\W+|well\W+)*(?:both|a bit of both|the two|all of it)\b", re.I)
_FIRST = re.compile(r"^\W*(?:um\W+|er\W+|well\W+)*(?:the )?first(?: one)?\b", re.I)
_SECOND = re.compile(r"^\W*(?:um\W+|er\W+|well\W+)*(?:the )?(?:second|last|other)(?: one)?\b", re.I)


def _chosen_option(question: str, answer: str) -> str | None:
    """The option the client picks from those the coach offered ("Both?", "The first one."), as a goal."""
    m = _OPTIONS.search(question.replace("\u2019", "'"))
    if m is None:
        return None
    a, b = (_OPTION_VERB.sub("", x.strip()).strip(" ,") for x in (m.group("a"), m.group("b")))
    said = answer.replace("\u2019", "'")
    if _BOTH.match(said):
        return f"{a} and {b}"
    if _FIRST.match(said):
        return a
    if _SECOND.match(said):
        return b
    return None


_POINTED = re.compile(r"^\W*(?:(?:so|and|yeah|um),? )*(?:that's|that is|this is|it's|that was) (?:what|why|how) i\b", re.I)
_POINTS_BACK = re.compile(r"\b(?:it|that|this|them|those|these)\W*$", re.I)


def _wished(sentences: list[Sentence]) -> list[tuple[Sentence, str]]:
    """The goals the client states as their own wish, the first of each sentence, in order."""
    found = []
    for n, s in enumerate(sentences):
        if _POINTED.match(s.text.replace("\u2019", "'")):
            continue  # "That's what I want to use it for.": the wish is what was said before
        for tok in s.doc:
            # never a wish the client reports: "my boss asked whether I want to be considered"
            if tok.lower_ in _GOAL_VERBS and tok.pos_ in ("VERB", "AUX") and not syntax.reported(tok) \
                    and syntax.condition(tok) not in ("whether", "if") and _clients_own(tok) and _wishes(tok):
                phrase = _object_phrase(tok)
                if phrase is not None and any(t.lower_ == phrase and t.pos_ == "VERB" for t in s.doc):
                    # "I'd like to know." names no goal yet; the fragment after it may ("Whether I'm selling.")
                    phrase = _said_after(phrase, sentences[n + 1:])
                if phrase and not _vague(phrase):
                    found.append((s, phrase))
                    break
    return found


def _wishes(verb: Token) -> bool:
    """The verb says what the client wants, not what they have, did or could not do: "I have a chapter
    due", "I couldn't get through the first slide", "I like my job", "I don't want to wreck it", "let me
    get my cans off" name no goal."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children) or verb.head.lower_ == "let":
        return False
    modals = {c.lower_ for c in children if c.tag_ == "MD"}
    if modals & {"could", "ca", "can", "couldn't"}:
        return False
    if verb.lower_ == "have":  # "I have to decide" is a need; "I have my one-to-one on Thursday" is not
        return any(c.dep_ == "xcomp" for c in children)
    if verb.lower_ in ("come", "came"):  # "I've come to talk about...", not "I've just come off the phone with..."
        return any(c.dep_ in ("xcomp", "advcl") or c.lower_ in ("for", "about") for c in children)
    return verb.lower_ != "like" or bool(modals) or verb.dep_ in ("xcomp", "ccomp")


_WHERE_TO_START = re.compile(
    r"\bwhere (?:would|do|shall|should|could) (?:you|we) (?:like to |want to )?(?:start|begin)\b", re.I)


def _goal(sentences: list[Sentence], names_goal: bool = True) -> tuple[Sentence | None, str | None, bool]:
    # "I need a story for the review. No, actually, no. That's not right. ... I need to understand what happened.":
    # a wish the client takes back gives way to the one after it
    every = _wished(sentences)
    wished = [w for w in every if not _taken_back(w[0], sentences)] or every
    if wished:
        # "I want some kind of handle on it. I want to know I'm not going to run out of money in January.": a
        # wish that ends pointing back ("it") says less than one that names what it is about
        s, phrase = next((w for w in wished if not _POINTS_BACK.search(w[1])), wished[0])
        return s, phrase, True
    for s in sentences[:3] if names_goal else ():
        named = _fragment(s)
        if named:
            return s, named, True
    for s in sentences[:3]:
        about = _concerned_with(s)
        if about:
            return s, about, names_goal
    for n, s in enumerate(sentences):
        chunk = next((c for c in s.doc.noun_chunks if c.root.pos_ == "NOUN" and not _vague(c.text.lower())), None)
        if chunk is not None:
            return s, _trim(list(chunk)), n == 0 and (_concern(chunk.root) or not syntax.verbs(s.doc))
    return None, None, False


# where the client wants to begin, not what the hour is for: "I want to start with some good news"
_OPENER = re.compile(r"^(?:start|begin|open|kick off)(?: off)? (?:with|by)\b|^(?:tell|update|fill) you\b|^catch up\b", re.I)
def _opens(s: Sentence) -> bool:
    """The client says where they want to begin, not what the hour is for."""
    return any(tok.lower_ in _GOAL_VERBS and (phrase := _object_phrase(tok)) is not None and _OPENER.match(phrase)
               for tok in s.doc if tok.pos_ in ("VERB", "AUX"))


_HEDGE_TAIL = re.compile(r"(?:,? (?:I (?:suppose|guess|think|reckon)|really|probably|maybe|basically|mainly|mostly|"
                         r"honestly|I'd say))+\W*$|\W+$", re.I)
# "Like, the number.", "Maybe just to close it off properly.": the words before the goal, not the goal
# ("So much stress." keeps its "so": a discourse "so", "well" or "like" is set off by a comma)
_HEDGE_LEAD = re.compile(r"^(?:(?:(?:like|so|well),|(?:um+|uh+|honestly|maybe|perhaps|probably|i (?:mean|guess|suppose|think|"
                         r"reckon)),?|just)\s+)+"
                         r"(?:to\s+)?", re.I)
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _fragment(s: Sentence) -> str | None:
    """An answer given as a name, not a sentence: "Going back to work.", "Days off, I suppose.",
    "The job thing." That is the goal as the client put it."""
    if any(t.tag_ in _FINITE and t.lower_ not in ("suppose", "guess", "think", "reckon") for t in s.doc):
        return None
    if s.turn.text[:s.span.start].rstrip().endswith(("-", "\u2013", "\u2014", ",", "(")):
        return None  # an aside inside a sentence ("my one-on-one with Karen -- my director -- on Tuesday")
    text = _HEDGE_LEAD.sub("", _HEDGE_TAIL.sub("", s.text.strip()).strip())
    if not 1 <= len(text.split()) <= 8 or _vague(text) or not any(t.pos_ in ("NOUN", "VERB") for t in s.doc):
        return None
    return third_person(text[0].lower() + text[1:])


_OPEN_QUESTION = re.compile(r"^(?:just )?(?:whether|if|what|how|which|who|where|when)\b", re.I)


def _said_after(verb: str, rest: list[Sentence]) -> str | None:
    """A goal verb whose object comes as the next fragment: "I'd like to know. Just know. Whether
    I'm selling or not." -> "know whether I'm selling or not"; None when none follows."""
    for s in rest[:2]:
        text = s.text.strip().rstrip(".!")
        if _OPEN_QUESTION.match(text) and len(text.split()) <= 12:
            return third_person(f"{verb} {text[0].lower()}{text[1:]}")
    return None


_CONCERN = {"stuck", "worried", "thinking", "struggling", "focused", "working", "unsure", "torn", "confused", "anxious",
            "nervous", "frustrated", "hung", "fixated", "obsessing", "deciding", "wrestling"}


def _clients_own(verb: Token) -> bool:
    """"I want...", "want to...": the client's wish; "they want their back garden redone" is not."""
    return all(c.lower_ in ("i", "we") for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


def _concerned_with(s: Sentence) -> str | None:
    """"the headline is I'm thinking about leaving teaching" -> "leaving teaching": what the client is
    caught on, said as a state ("stuck on", "worried about", "thinking about") rather than a wish."""
    for tok in s.doc:
        if tok.lower_ in _CONCERN and not syntax.reported(tok) and _clients_own(tok):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("about", "on", "with", "over", "between"):
                    phrase = _trim([t for t in _in_order(child) if t.i > child.i][:8])
                    if phrase and not _vague(phrase):
                        return phrase
    return None


def _concern(noun: Token) -> bool:
    """"I'm stuck on the promotion question", "worried about the move": what the client is caught on."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.lower_ in _CONCERN


_VAGUE = {"something", "anything", "everything", "stuff", "thing", "things", "it", "that", "this", "some", "a", "the",
          "bit", "lot", "one", "more", "actually", "can", "do", "i", "to", "of", "with", "about",
          # a pronoun points at a goal said before, it names none ("came to work on them")
          "them", "him", "her", "us", "you", "me", "they", "he", "she", "we",
          # how the client is, not what they came for ("Okay, I guess.", "Similar.")
          "okay", "ok", "fine", "good", "alright", "yeah", "yes", "no", "hi", "hello", "um", "uh", "well", "sure",
          "similar", "same",
          # a greeting back names nothing ("Aye, morning.", "Hiya.")
          "aye", "morning", "afternoon", "evening", "hiya", "hey", "howdy", "cheers", "thanks",
          # a hedge alone names nothing ("I guess...", "I don't know")
          "guess", "suppose", "think", "reckon", "know", "mean", "don't", "dunno"}


def _vague(phrase: str) -> bool:
    """"something I can actually do", "the next bit" name no goal; "a plan for the bid" does."""
    words = [w for w in (w.strip(",.;:!?\u2014-") for w in phrase.lower().split()) if w and w not in _SOFT]
    # a phrase led by a pronoun points back at what was said before ("it ever since", "them again")
    return not words or all(w in _VAGUE for w in words[:3]) or words[0] in _POINTERS


_POINTERS = {"it", "them", "him", "her", "us", "you", "me"}
_SOFT = {"the", "a", "an", "next", "good", "whole", "first", "last", "other", "real", "main", "big", "little"}


def _object_phrase(verb: Token) -> str | None:
    """The thing wanted: "some clarity about the restructure", "to decide whether to stay"."""
    for child in verb.children:
        took = next((g for g in child.children if g.dep_ in ("advcl", "xcomp") and g.tag_ == "VBG"), None)
        if child.dep_ == "xcomp" and child.lower_ in _LEAVING and took is not None and any(
                g.lower_ in ("out", "away") for g in child.children):
            # "walk out of here knowing what the first month looks like": the knowing ("walk into Tuesday's
            # briefing knowing..." keeps the occasion)
            return _trim(_in_order(took))
        if child.dep_ in ("xcomp", "ccomp") and child.lower_ in _GOAL_VERBS and not _phrasal(child):
            inner = _object_phrase(child)  # "want to work on delegation" -> "delegation"
            if inner:
                return inner
        if child.dep_ in ("dobj", "xcomp", "ccomp") and child.pos_ in ("NOUN", "VERB", "PROPN"):
            return _trim(_in_order(child))
        if child.dep_ == "prep" and child.lower_ in ("on", "about", "with", "through"):
            return _trim([t for t in _in_order(child) if t.i > child.i and t.dep_ != "appos"][:8])
    return None


_LEAVING = {"walk", "go", "come", "leave", "get"}


def _phrasal(verb: Token) -> bool:
    """"get a day back", "come round to it": the particle makes the verb part of what is wanted ("how to get a
    day back", not "day back"); "work out", "figure out", "sort out" still only lead to it."""
    return any(c.dep_ == "prt" and c.lower_ not in ("out", "through") or c.dep_ == "advmod" and c.lower_ == "back"
               for c in verb.children)


def _in_order(tok: Token) -> list[Token]:
    """The word's subtree in the order it was said. spaCy yields a subtree left children first, so where an
    arc crosses another ("know what I'm going to say": "what" hangs from "say") its order is not the text's
    ("I'm going what to say")."""
    return sorted(tok.subtree, key=lambda t: t.i)


def _trim(tokens: list[Token]) -> str | None:
    kept = [t for t in tokens if t.pos_ != "PUNCT" and (t.pos_ != "INTJ" or _said(t))
            and t.lower_ not in ("just", "really")]
    kept = [t for i, t in enumerate(kept) if i == 0 or t.lower_ != kept[i - 1].lower_]  # "the, the hiring thing"
    while kept and (kept[0].lower_ in ("any", "my", "our", "to", "maybe", "perhaps", "probably") or _aside(kept[0])
                    or kept[0].lower_ in ("a", "an") and len(kept) < 3):
        kept = kept[1:]  # "the team offsite" and "a plan to send it" read well in a sentence; "my", "a decision" do not
    if len(kept) > 1 and kept[0].lower_ == "me" and kept[1].tag_ == "VBG":
        kept = kept[1:]  # "talk about me going back to work": the goal is "going back to work"
    content = [t for t in kept if t.lower_ not in ("the", "this", "that", "some")]
    if len(content) == 1:
        kept = kept[: kept.index(content[0])] + _extend(content[0])  # "the team offsite": one noun alone says too little
    whole = kept
    kept = _words(kept, 12)  # "walk into the next conversation with him knowing what I actually think": whole, not cut
    while kept:
        if _dangles(kept[-1]):
            kept = kept[:-1]  # never end on "about" or "the" ("drop down" keeps its particle)
        elif (len(kept) < len(whole) and _unfinished(kept[-1], whole[len(kept):])
              and kept[0].i < kept[-1].left_edge.i):
            kept = [t for t in kept if t.i < kept[-1].left_edge.i]  # "... or whether they're going": its clause goes
        else:
            break
    phrase = third_person(_joined(kept, cased=False))
    return phrase if len(phrase) >= 4 else None


def _words(tokens: list[Token], most: int) -> list[Token]:
    """The tokens of the first `most` words: a clitic ("'s", "'m", "n't") is part of the word before it, so
    "Thursday's business meeting knowing what I'm going to say" is nine words, not eleven tokens."""
    out: list[Token] = []
    n = 0
    for t in tokens:
        n += not out or bool(out[-1].whitespace_) or t.i != out[-1].i + 1
        if n > most:
            break
        out.append(t)
    return out


def _unfinished(last: Token, dropped: list[Token]) -> bool:
    """A verb whose complement fell past the phrase's length ("whether they're going [to let it slide]")."""
    return last.pos_ in ("VERB", "AUX") and any(t.head == last for t in dropped)


def _aside(tok: Token) -> bool:
    """"like," in "like, the number": a filler set off by a comma, not the verb of "like my job again"."""
    return tok.lower_ in ("like", "well", "so") and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ","


def _said(tok: Token) -> bool:
    """"no" in "how to say no to Nigel" is what is said, not a "no" said in passing ("No, I want...")."""
    return tok.lower_ in ("no", "yes") and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("say", "saying", "said", "says")


def _dangles(tok: Token) -> bool:
    """A word a phrase cannot end on: a preposition, article or conjunction ("about", "the", "or",
    "whether"), or the start of a clause cut off at the phrase's length ("whether they're actually
    going for it or whether they're" -> "... going for it"): its subject, its auxiliary. An object
    pronoun ends a phrase well ("how to tell him"), a verb that is "be" too ("who they are"), and a
    particle ("drop down")."""
    if tok.tag_ == "RP":
        return False
    if tok.pos_ == "ADP" and all(c.i < tok.i for c in tok.children) and any(t.tag_ in ("WP", "WDT") for t in tok.doc[: tok.i]):
        return False  # stranded, its object the "what" before it: "what the decision is actually about"
    return (tok.pos_ in ("ADP", "DET", "CCONJ", "SCONJ") or tok.lower_ == "to" or tok.dep_ in ("mark", "aux", "auxpass")
            or tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass", "expl"))


# The goal is told of the client ("came to work on whether they're going to apply"): the client's
# "I" becomes "they", and the verb "I" took agrees with it.
_FIRST_PERSON = re.compile(r"\bi(?: am|(?=['\u2019]m)| was)|\b(?:i|me|my|mine|myself)\b", re.I)
_THIRD_PERSON = {"i am": "they are", "i was": "they were", "i": "they", "me": "them", "my": "their",
                 "mine": "theirs", "myself": "themselves"}


def third_person(phrase: str) -> str:
    return _FIRST_PERSON.sub(lambda m: _THIRD_PERSON[m[0].lower()], phrase).replace("they'm", "they're").replace(
        "they\u2019m", "they\u2019re")


def _joined(tokens: list[Token], cased: bool = True) -> str:
    """The tokens as written, with a space wherever the text had one between them, also where a
    dropped word stood ("without, like, working" -> "without working", never "withoutworking")."""
    out = []
    for t, nxt in zip(tokens, tokens[1:] + [None]):
        # uncased, names keep their capitals ("run out of money in January", "Karen's thing")
        out.append(t.text if cased or t.pos_ == "PROPN" or t.ent_type_ else t.text.lower())
        if nxt is not None and any(w.whitespace_ for w in t.doc[t.i : nxt.i]):
            out.append(" ")
        elif nxt is not None and any(w.text in ("-", "\u2010", "\u2011") for w in t.doc[t.i + 1 : nxt.i]):
            out.append("-")  # "full-time", whose hyphen the phrase's tokens leave out ("fulltime" otherwise)
    return "".join(out)


def _extend(tok: Token) -> list[Token]:
    """The word and what follows it up to the end of its phrase (punctuation or a new clause)."""
    out = [tok]
    for nxt in tok.doc[tok.i + 1 : tok.i + 5]:
        if nxt.pos_ in ("PUNCT", "CCONJ", "AUX", "PRON", "ADP", "DET") or nxt.dep_ in ("mark", "cc"):
            break
        out.append(nxt)
    return out

"""Whether a sentence says how things are in general, or what the client is, rather than what
happened: the shape beliefs and rules take whatever their words ("Porters push beds, we don't
write business cases.", "A spark who's been out six years is a liability.", "You take what
you're given for the first year.", "I'm a musician, not a salesperson.").

Read from the parse alone: the main clause in the present tense, with a subject that names a
kind of person (a bare plural, "people like me", "a proper dentist", "the good ones") or the
generic "you"; or the client as subject of "be" with a noun that names what they are. And the
client's own ways, the present simple of what they do ("I answer every call on the day it comes
in", "I don't run a jukebox"), and what they want: the shape values take.
"""

from __future__ import annotations

from .language import Sentence

_PRESENT = frozenset(("VBZ", "VBP"))
_BE = frozenset(("'m", "am", "are", "'re", "is", "'s"))
_KIND_WORDS = frozenset(("people", "everyone", "everybody", "nobody", "anyone", "anybody", "ones", "folk", "men", "women"))
_OWNED = frozenset(("these", "those", "my", "our", "his", "her", "their", "your"))


def _clauses(s: Sentence) -> list:
    """The main verb and the clauses set beside it ("Porters push beds, we don't write..."); found
    once per sentence (four of the shapes below read them, and walking a doc builds its tokens)."""
    cached = s.doc.user_data.get("clauses")
    if cached is None:
        root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
        cached = [] if root is None else [root, *(c for c in root.children if c.dep_ in ("ccomp", "conj", "parataxis"))]
        s.doc.user_data["clauses"] = cached
    return cached


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _present(verb) -> bool:
    """The verb, or its auxiliary or modal, in the present: "push", "is", "don't get", "can't"
    (a bare form with a subject and no auxiliary is the present the tagger mislabelled)."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in _PRESENT or (verb.tag_ == "VB" and not aux and _subject(verb) is not None):
        return True
    return any(a.tag_ in _PRESENT or (a.tag_ == "MD" and a.lower_ in ("ca", "can", "wo", "will", "'ll")) for a in aux)


def _kind(subj) -> bool:
    if subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN":
        return False
    dets = [c.lower_ for c in subj.children if c.dep_ in ("det", "poss")]
    if any(d in _OWNED for d in dets):
        return False
    if subj.lower_ in _KIND_WORDS:
        return not dets or any(c.dep_ == "amod" for c in subj.children)  # "the good ones"
    if subj.tag_ == "NNS":
        return not dets
    if subj.tag_ == "NN":
        # "a spark who's been out six years", "a proper dentist": an indefinite one standing for all
        return any(d in ("a", "an", "any", "every") for d in dets) and any(
            c.dep_ in ("relcl", "amod") for c in subj.children)
    return False


def kind_subject(s: Sentence) -> bool:
    """The present tense said of a kind of person: "Designers who get made redundant at forty are
    finished", "People like me don't get marked on talking", "Directors like me, we're there for
    the music", "A proper dentist is one who drills"."""
    if "like" in s.words and any(t.lower_ == "like" and t.head.pos_ == "NOUN" and any(
            c.lower_ in ("me", "us") for c in t.children) for t in s.doc):
        return True
    return any(_present(v) and (subj := _subject(v)) is not None and _kind(subj) for v in _clauses(s))


def generic_you(s: Sentence) -> bool:
    """"You take what you're given for the first year.": "you" in the present, said by the client
    of anyone in their place."""
    if "you" not in s.words:  # the subject is one of the sentence's words
        return False
    return any(_present(v) and (subj := _subject(v)) is not None and subj.lower_ == "you" for v in _clauses(s))


def identity(s: Sentence) -> bool:
    """The client as subject of "be" with a noun for what they are, or what they are good or bad
    at: "I'm a cost.", "I'm the one who copes.", "I'm not a numbers person.", "I'm not good at
    presenting", "I'm hopeless with money"."""
    if _BE.isdisjoint(s.words):
        return False
    for v in (s.doc[i] for i, w in enumerate(s.words) if w in _BE):  # a Token only for a form of "be"
        subj = _subject(v)
        if subj is None or subj.lower_ not in ("i", "we"):
            continue
        if any(c.dep_ == "attr" and c.pos_ in ("NOUN", "PRON", "NUM") for c in v.children):
            return True
        if any(c.dep_ == "acomp" and any(p.dep_ == "prep" and p.lower_ in ("at", "with") for p in c.children)
               for c in v.children):
            return True
    return False


_NOT_A_WAY = frozenset(("think", "know", "guess", "suppose", "mean", "want", "need", "hope", "feel", "wish", "reckon"))


def habit(s: Sentence) -> bool:
    """The client's own way of doing things, in the present simple: "I answer every call on the
    day it comes in", "I don't run a jukebox", "I won't sell a brewer something..." (not "I'm
    going to", not what happened)."""
    if "i" not in s.words:  # the subject must be "I"
        return False
    for v in _clauses(s):
        subj = _subject(v)
        if subj is None or subj.lower_ != "i" or v.lower_ in _BE or v.lower_ in _NOT_A_WAY:
            continue
        aux = [c for c in v.children if c.dep_ == "aux"]
        if v.tag_ == "VBP" and not aux:
            return True
        if v.tag_ == "VB" and any(a.lower_ in ("do", "wo", "will") for a in aux) and any(
                c.dep_ == "neg" for c in v.children):
            return True
    return False


def wants(s: Sentence) -> bool:
    """What the client wants, now, for someone or for how things are: "I want her to know my
    face", "I want to be home when I'm home"."""
    if "want" not in s.words or "i" not in s.words:
        return False
    return any(v.lower_ == "want" and v.tag_ == "VBP" and (subj := _subject(v)) is not None
               and subj.lower_ == "i" for v in _clauses(s))

"""The client's sentences, parsed once by spaCy and shared by every detector.

Each sentence keeps its exact character span in the turn (quotes stay verbatim) and its
spaCy parse (subject, verbs, negation, clauses, noun phrases, named entities).
Sentences are parsed one by one: conversational turns are long run-ons, and a parse per
sentence is both faster and more accurate than one over the whole turn.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import spacy.symbols
from spacy.attrs import IS_TITLE, LOWER, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from . import syntax
from .models import embed, spacy_pipeline
from .sentences import Span
from .session import Session, TurnView

MIN_WORDS = 2
_DASHES = ("--", "\u2014", "\u2013")
_CUT_OFF = re.compile(r"[ \t]*(?:--|\u2014|\u2013)")
# A question that states a view rather than asks for one: a tag question ("Coaches aren't business people, are
# they?", "I've always been more of a hedge than a rose, you know?") or one that answers itself ("who am I to
# charge agency rates?", "If I stop, who's holding them?"). On the tuning half 21 of the 36 client questions of
# these forms are a labelled discovery, value or belief, against 7 of the other 207.
_TAG = re.compile(r",\s*(?:(?:(?:is|are|was|were|do|does|did|will|would|can|could|should|have|has|had|am|ai)(?:n't)?|"
                  r"isnae|innit) (?:it|they|i|we|you|he|she|there|that)|innit|eh|right|yeah|"
                  r"(?:d'|do )?(?:you )?know what i mean|you know|(?:if|does) (?:that|it) makes? sense|am i right|"
                  r"(?:if|is) (?:that's|that is|that|it's|it is|it) (?:ok|okay|alright|all right|fine)(?: with you)?)\W*$", re.I)
_SELF_ANSWERING = re.compile(r"\b(?:who am i|what am i|who(?:'s| is) (?:going to|gonna|holding|keeping|minding|looking "
                             r"after)|who keeps|how am i (?:meant|supposed) to|what(?:'s| is) the point|who (?:wants|would "
                             r"want|cares))\b", re.I)


@dataclass(slots=True)
class Sentence:
    turn: TurnView
    span: Span
    doc: Doc
    vector: np.ndarray  # unit-length sentence embedding
    # the doc's tokens lower-cased, once: spaCy builds a new Token object at every pass over a doc
    words: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.words = syntax.lowered(self.doc)

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def is_question(self) -> bool:
        return self.span.text.rstrip("\"' )\u201d\u2019").endswith("?")

    @property
    def asks(self) -> bool:
        """A question that asks, not one that states the client's view (see _TAG, _SELF_ANSWERING)."""
        if not self.is_question:
            return False
        text = self.span.text.replace("\u2019", "'")
        return not (_TAG.search(text) or _SELF_ANSWERING.search(text))

    @property
    def cut_off(self) -> bool:
        """Broken off by a dash ("It's not really about the --"): a thought not said, so no statement."""
        return bool(_CUT_OFF.match(self.turn.text, self.span.end)) or self.span.text.rstrip().endswith(_DASHES)

    def offset(self, token) -> int:
        """Character offset of `token` in the turn's text."""
        return self.span.start + token.idx


def parse(session: Session, roles: tuple[str, ...] = ("client",)) -> list[Sentence]:
    """Every sentence of at least MIN_WORDS words spoken in `roles`, in order, parsed."""
    picked = [
        (turn, span)
        for turn in session.turns
        if turn.role in roles
        for span in turn.spans
        if len(span.text.split()) >= MIN_WORDS
    ]
    texts = [_normalise(span.text) for _, span in picked]
    docs = _parse(texts)
    vectors = embed(texts)
    return [Sentence(turn, span, doc, vectors[i]) for i, ((turn, span), doc) in enumerate(zip(picked, docs, strict=True))]


def parse_texts(texts: list[str]) -> list[Doc]:
    """Texts other than the session's sentences (a clause read as the client meant it), parsed the same way."""
    return _parse([_normalise(t) for t in texts]) if texts else []


def _parse(texts: list[str]) -> list[Doc]:
    """Tagger and parser on every sentence; named entities only where a word other than the
    first is capitalised (the only place a name can be), which saves a third of the time.
    The lemmatizer and the attribute ruler are left out (together over half the time): the
    coarse part of speech is set from the fine-grained tag below, and detectors match word forms."""
    nlp = spacy_pipeline()
    with nlp.select_pipes(disable=["parser", "ner", "lemmatizer", "attribute_ruler"]):
        docs = list(nlp.pipe(texts, batch_size=512))
    for doc in docs:
        _set_coarse_pos(doc)
    # The parser and NER read the shared tok2vec output the first pass left in doc.tensor.
    docs = list(nlp.get_pipe("parser").pipe(docs, batch_size=512))
    i_forms = {nlp.vocab.strings.add(w) for w in _I_FORMS}
    named = [d for d in docs if _may_name(d, i_forms)]
    list(nlp.get_pipe("ner").pipe(named, batch_size=512))
    return docs


_I_FORMS = {"i", "i'm", "i'll", "i've", "i'd"}


def _may_name(doc: Doc, i_forms: set[int]) -> bool:
    """A title-case word after the first that is not "I" (`i_forms`: their hashes), read from arrays:
    no Token objects made."""
    rows = doc.to_array([IS_TITLE, LOWER])[1:]
    if not rows.size:
        return False
    return any(title and lower not in i_forms for title, lower in rows.tolist())
# Penn Treebank tag -> Universal POS, as spaCy's attribute ruler maps them (auxiliaries by word).
_TAG_POS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON",
    "WP$": "PRON", "EX": "PRON", "DT": "DET", "PDT": "DET", "WDT": "DET", "CD": "NUM", "RB": "ADV", "RBR": "ADV",
    "RBS": "ADV", "WRB": "ADV", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "IN": "ADP", "RP": "ADP", "CC": "CCONJ",
    "UH": "INTJ", "TO": "PART", "POS": "PART", "MD": "AUX", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "HYPH": "PUNCT", ",": "PUNCT", ".": "PUNCT", ":": "PUNCT",
    "``": "PUNCT", "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "NFP": "PUNCT", "AFX": "ADJ", "FW": "X",
    "LS": "X", "SYM": "SYM", "XX": "X", "ADD": "X", "$": "SYM", "_SP": "SPACE",
}
_AUX_WORDS = {"be", "am", "'m", "is", "'s", "are", "'re", "was", "were", "been", "being", "have", "'ve", "has",
              "had", "'d", "do", "does", "did", "ca", "wo"}


_POS_ID = {name: spacy.symbols.IDS[name] for name in set(_TAG_POS.values()) | {"AUX", "X"}}


def _set_coarse_pos(doc: Doc) -> None:
    """POS from TAG (and the word, for auxiliaries), array to array: no Token objects made."""
    by_tag, aux_words, verb, aux, other = _hashed(doc.vocab.strings)
    tags_lowers = doc.to_array([TAG, LOWER]).tolist()
    present, vbd, past = _past_forms(doc.vocab.strings)
    if any(tag in present and lower in past for tag, lower in tags_lowers):
        tags_lowers = [[vbd if tag in present and lower in past else tag, lower] for tag, lower in tags_lowers]
        doc.from_array([TAG], np.asarray([tag for tag, _ in tags_lowers], dtype=np.uint64))
    pos = [by_tag.get(tag, other) for tag, _ in tags_lowers]
    for i, (_, lower) in enumerate(tags_lowers):
        if pos[i] == verb and lower in aux_words:
            pos[i] = aux
    doc.from_array([POS], np.asarray(pos, dtype=np.uint64))


_HASHED: tuple | None = None

# Simple pasts that are no present form, which the small model's tagger now and then reads as present ("I swam on
# Sunday." tagged like "I swim on Sundays", so a thing done read as a plan). spaCy's lemma tables are not installed
# (the lemmatizer is left out for speed), so the irregular verbs are listed here; a past the same as its present
# ("read", "put", "cut", "lay") is left to the tagger.
_IRREGULAR_PAST = frozenset("""
arose awoke became began bit bled blew broke bred brought built burnt bought caught chose clung came crept dealt dug
did drew dreamt drank drove ate fell fought fled flung flew forbade forgot forgave froze got gave went grew hung
heard hid held kept knelt knew leant leapt learnt lent lost made meant met paid rode rang ran said saw sought sold
sent shook shone shot shrank sang sank sat slept slid slung spoke sped spent spun spat sprang stood stole stuck stung
stank strode struck swore swept swam swung took taught tore told thought threw trod understood woke wore wove wept
won wrote""".split())
_PAST_HASHED: tuple | None = None


def _past_forms(strings) -> tuple:
    """(the present tag's hash, VBD's, the irregular pasts' hashes), built once. (The base form, VB, is left: "I
    will sent it Friday" is a plan said in a learner's English.)"""
    global _PAST_HASHED
    if _PAST_HASHED is None:
        _PAST_HASHED = ({strings.add("VBP")}, strings.add("VBD"),
                        {strings.add(w) for w in _IRREGULAR_PAST})
    return _PAST_HASHED


def _hashed(strings) -> tuple:
    """The tag -> POS table and auxiliary words as the vocabulary's hashes (built once)."""
    global _HASHED
    if _HASHED is None:
        _HASHED = ({strings.add(tag): _POS_ID[name] for tag, name in _TAG_POS.items()},
                   {strings.add(w) for w in _AUX_WORDS}, _POS_ID["VERB"], _POS_ID["AUX"], _POS_ID["X"])
    return _HASHED


def _normalise(text: str) -> str:
    # Curly apostrophes split "I’ll" differently from "I'll"; same length keeps offsets exact.
    return text.replace("\u2019", "'").replace("\u2018", "'")


def people(session: Session, sentences: list[Sentence], written_uncased: bool = False) -> set[str]:
    """Lower-cased names of people: the speakers and every PERSON entity mentioned. `written_uncased`: the
    session is a copy of one written without capitals, with "I" and sentence openings put back (casing.py)."""
    names = {part.lower() for t in session.turns for part in t.speaker.replace(".", " ").split()}
    for s in sentences:
        for ent in s.doc.ents:
            if ent.label_ == "PERSON":
                names.update(w.lower() for w in ent.text.split())
    # A word capitalised inside a sentence by anyone is a name the entity model may have missed
    # ("Cerys wants the barn" starts a sentence; "I told Cerys" shows it is a name).
    for t in session.turns:
        names.update(w.lower() for w in _MID_CAPITAL.findall(t.text) if w.lower() not in STOP_WORDS)
    if written_uncased or uncased(session):  # the coach speaks of the same people ("what would priya say?"): read them too
        coach = parse_texts([span.text for t in session.coach_turns for span in t.spans
                             if len(span.text.split()) >= MIN_WORDS])
        names |= _named_by_use([s.doc for s in sentences] + coach)
    return names - {"coach", "client", "speaker", "unknown", "interviewer", "therapist"}


_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,;:] )[A-Z][a-z]+\b")
_WORD_START = re.compile(r"\b[^\W\d_]")
_I = re.compile(r"\bI(?:'|\u2019|\b)")
UNCASED = 0.01  # words opening on a capital (but "I"), under which a transcript shows no names by its capitals


def uncased(session: Session) -> bool:
    """Written without capitals (some caption files; a transcript in capitals, read in lower case): written
    speech opens a word in ten on a capital, at every sentence and every name."""
    text = " ".join(t.text for t in session.turns)
    starts = _WORD_START.findall(text)
    capitals = sum(c.isupper() for c in starts) - len(_I.findall(text))
    return len(starts) >= 50 and capitals < UNCASED * len(starts)


# Without capitals, a name shows itself by its use: a person says, is told, is talked to ("told callum", "rajesh
# said", "talk to bartek", "morag and i"), or the parser knows the word for a name; a thing takes an article or a
# possessive ("the rota", "my budget").
_SAYS = {"said", "says", "told", "tells", "asked", "asks", "wants", "wanted", "thinks", "thought", "knows", "knew",
         "called", "rang", "texted", "emailed", "replied", "laughed", "cried", "agreed", "promised", "decided",
         "reckons", "reckoned", "messaged", "phoned", "smiled", "shouted", "apologised", "apologized"}
_TOLD = {"told", "tell", "tells", "asked", "ask", "asks", "called", "call", "rang", "ring", "texted", "text",
         "emailed", "email", "messaged", "phoned", "phone", "met", "meet", "thanked", "thank", "hugged", "hug",
         "invited", "invite", "hired", "hire", "promoted", "promote", "married", "marry", "visited", "visit"}
_TALK = {"talk", "talked", "talking", "speak", "spoke", "speaking", "spoken", "chat", "chatted", "said", "say",
         "explained", "explain", "apologised", "apologized", "listened", "listen", "lied"}
_DETERMINED = {"det", "poss", "nummod", "predet"}  # not "compound": the parser reads "morag stays" as one


def _named_by_use(docs: list[Doc]) -> set[str]:
    as_person: Counter[str] = Counter()
    determined: Counter[str] = Counter()
    for doc in docs:
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or not tok.is_alpha or tok.tag_ in ("NNS", "NNPS"):
                continue
            word, head = tok.lower_, tok.head
            if any(c.dep_ in _DETERMINED for c in tok.children):
                determined[word] += 1
            elif (tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME")
                  or tok.dep_ == "nsubj" and head.lower_ in _SAYS
                  or tok.dep_ in ("dobj", "dative") and head.lower_ in _TOLD
                  or tok.dep_ == "pobj" and head.lower_ in ("to", "with") and head.head.lower_ in _TALK
                  or any(c.dep_ == "conj" and c.lower_ in ("i", "me") for c in tok.children)):
                as_person[word] += 1
    # more often used as a person than with an article: a sentence run into the next ("in our family morag")
    # can lend a name an article once
    return {w for w, n in as_person.items() if n > determined[w]} - STOP_WORDS

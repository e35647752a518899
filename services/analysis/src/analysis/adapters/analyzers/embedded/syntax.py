"""Questions about a parsed sentence that several detectors ask: who is the subject, is the
verb negated, is it someone else's words, a hypothetical, a habit, in the past.

Rules over spaCy's dependency parse (ClearNLP labels), not over word order, so that
"And I'm going to ask Priya to lead the next meeting" and "Monday morning the email goes
out" are read for their structure whatever the wording.
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

FIRST_PERSON = {"i", "we"}
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
# Verbs that report someone's words or thoughts; a clause under them is not the client's own act.
SPEECH = {
    "said", "say", "says", "told", "tell", "tells", "asked", "ask", "asks", "suggested", "suggests",
    "wants", "wanted", "expects", "expected", "thinks", "thought", "claimed", "claims", "insisted",
    "insists", "promised", "reckons", "reckoned", "goes", "went", "was like", "is like", "keeps", "feels", "felt",
    "believes", "believed", "says", "wanted", "told", "saying", "telling", "promising",
    "announced", "announces", "mentioned", "explained", "wrote", "emailed", "texted", "messaged", "replied",
    "reminded", "warned", "assured", "swore", "offered", "offers",
}
SPEECH_WORDS = {w for w in SPEECH if " " not in w}
CONDITION_MARKS = {"if", "unless", "whether", "when", "whenever", "once"}
HABIT_WORDS = {"usually", "normally", "typically", "always", "sometimes", "often", "generally", "ever", "rarely",
               "seldom", "occasionally"}


def subject(verb: Token) -> Token | None:
    """The verb's subject; for an xcomp/conj verb without one, its head's subject."""
    seen = 0
    while verb is not None and seen < 6:
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                return child
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head is not verb:
            if verb.dep_ in ("advcl", "ccomp"):
                return None
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def is_first_person(token: Token | None) -> bool:
    return token is not None and token.lower_ in FIRST_PERSON


def negated(verb: Token) -> bool:
    """'not' / "n't" / 'never' on the verb or its auxiliaries, or a head it depends on."""
    for tok in (verb, verb.head if verb.dep_ in ("xcomp",) else verb):
        for child in tok.children:
            if child.dep_ == "neg" or child.lower_ in ("never", "not", "n't", "nobody", "nothing"):
                return True
    return False


def reported(verb: Token) -> bool:
    """The verb sits in a clause reporting someone else's words or thoughts: "he said I'll do
    it", "she wants me to present", "my boss thinks I should apply". A speech verb in the past set
    before the clause as an aside reports it too: "I said, I'll do protein for now"."""
    if any(c.dep_ in ("parataxis", "ccomp") and c.lower_ in SPEECH and c.tag_ in ("VBD", "VBN") and c.i < verb.i
           and not (c.lower_ in _MINDS and is_first_person(subject(c)))
           for c in verb.children):
        return True
    tok = verb
    for _ in range(8):
        if tok.dep_ == "ROOT" or tok.head is tok:
            return False
        head = tok.head
        if tok.dep_ in ("ccomp", "xcomp", "parataxis") and head.lower_ in SPEECH:
            subj = subject(head)
            if subj is None or not is_first_person(subj) or head.tag_ in ("VBD", "VBN") or _said_before(head):
                return True
        tok = head
    return False


# what the client thought or felt is their own view, not words reported: "I've never thought of a rule as being for
# me, I always think of them as for everyone else" (the parser hangs the first clause on the second)
_MINDS = {"thought", "felt", "believed"}


# Words of certainty that, negated, put the clause under them in doubt ("I'm not sure I'll go").
_CERTAINTY = {"sure", "certain", "convinced", "know", "think", "positive", "confident"}
_DOUBT = {"doubt", "unsure", "uncertain", "wonder", "wondering", "doubtful"}


def doubted(verb: Token) -> bool:
    """The clause is held in doubt by a frame above it: "I'm not even certain I'm going to take
    it", "I don't know if I'll manage", "I doubt I'll go", "I'm not sure I'll be able to"."""
    chain = [verb]
    while chain[-1].dep_ != "ROOT" and chain[-1].head is not chain[-1] and len(chain) < 8:
        chain.append(chain[-1].head)
    if any(_doubt_frame(t) for t in chain[1:]):
        return True
    # The parser sometimes hangs the frame under the clause it governs ("I'm not certain" as a
    # ccomp of "going"): a frame before the verb, among the chain's children, counts the same.
    return any(_doubt_frame(c) for t in chain for c in t.children if c.dep_ in ("ccomp", "parataxis") and c.i < verb.i)


def _doubt_frame(tok: Token) -> bool:
    if tok.lower_ in _DOUBT:
        return True
    certain = [tok] + [c for c in tok.children if c.dep_ in ("acomp", "attr")]
    if not any(t.lower_ in _CERTAINTY for t in certain):
        return False
    return negated(tok) or tok.pos_ == "ADJ" and negated(tok.head)


def _said_before(head: Token) -> bool:
    """"I've been saying I'll finish it for years", "I keep saying I'll": an old promise, not a new one."""
    if head.tag_ != "VBG":
        return False
    return any(a in ("been", "was", "were") for a in auxiliaries(head)) or head.head.lower_ in ("keep", "kept", "keeps")


def condition(verb: Token) -> str | None:
    """The if / unless / when word of a clause the verb is inside or governed by, if any
    ("if I got the job I would move", "when I go out I'll have a few")."""
    tok = verb
    for _ in range(8):
        for child in tok.children:
            if _marks(child):
                return child.lower_
            if child.dep_ == "advcl":
                for m in child.children:
                    if _marks(m):
                        return m.lower_
        if tok.dep_ == "ROOT" or tok.head is tok:
            return None
        tok = tok.head
    return None


def _marks(tok: Token) -> bool:
    # ("...no stopping even if it cracks": a concession, the plan holds whatever happens; "I'll text you on the 20th,
    # if that's okay?": a courtesy, the plan is made)
    return tok.dep_ in ("mark", "advmod") and tok.lower_ in CONDITION_MARKS and not (
        tok.lower_ == "if" and (any(c.lower_ == "even" for c in tok.head.children if c.i < tok.i) or _courtesy(tok)))


_COURTESY = re.compile(r"^if (?:that's|that is|that|it's|it is|it) (?:ok|okay|alright|all right|fine|works|suits)(?: with you)?\W*$|"
                       r"^if you (?:like|want|prefer|don't mind)\W*$|^if (?:that|it) makes sense\W*$", re.I)


def _courtesy(mark: Token) -> bool:
    """The if-clause asks leave ("if that's okay", "if you like") rather than setting a condition."""
    clause = list(mark.head.subtree)
    text = mark.doc[clause[0].i : clause[-1].i + 1].text.replace("\u2019", "'")
    return clause[0].i == mark.i and bool(_COURTESY.match(text))


def auxiliaries(verb: Token) -> list[str]:
    return [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]


def habitual(sentence: SpacySpan) -> bool:
    return any(t.lower_ in HABIT_WORDS for t in sentence)


def past(verb: Token) -> bool:
    """Past tense or present perfect: it has happened. A plain verb dated in the past counts too:
    "Last month I pass the course", "Yesterday I ring him" (English learned as a second language
    often leaves the tense to the time word)."""
    aux = auxiliaries(verb)
    if verb.tag_ == "VBD" and not aux:
        return True
    if verb.tag_ in ("VBP", "VB") and not aux:
        if any(_dated_past(child) for child in verb.children):
            return True
        # "last Thursday I was going to shout, and I walk out to the yard instead": the story's tense
        head = verb.head
        return verb.dep_ == "conj" and head.i != verb.i and (
            past(head) or any(a in ("was", "were", "did") for a in auxiliaries(head))
            or any(_dated_past(child) for child in head.children))
    return verb.tag_ == "VBN" and any(a in ("have", "'ve", "has", "had", "'d") for a in aux)


_PAST_UNITS = frozenset("week weekend month year night time term season summer winter spring autumn monday tuesday "
                        "wednesday thursday friday saturday sunday".split())


def _dated_past(tok: Token) -> bool:
    """'yesterday', 'last month', 'two weeks ago' as a modifier of the verb."""
    if tok.lower_ in ("yesterday", "ago"):
        return True
    if tok.dep_ in ("npadvmod", "advmod") and tok.lower_ in _PAST_UNITS:
        return any(c.lower_ == "last" or c.lower_ == "ago" for c in tok.children)
    return any(c.lower_ == "ago" for c in tok.children) if tok.dep_ in ("npadvmod", "advmod") else False


def lowered(doc) -> tuple[str, ...]:
    """The doc's tokens lower-cased, computed once per Doc (walking a doc builds a Token per word)."""
    cached = doc.user_data.get("lowered")
    if cached is None:
        strings = doc.vocab.strings
        cached = doc.user_data["lowered"] = tuple(strings[h] for h in doc.to_array(LOWER).tolist())
    return cached


def text(doc) -> str:
    """The doc's text, computed once per Doc (spaCy rebuilds it from every token at each `doc.text`)."""
    cached = doc.user_data.get("text")
    if cached is None:
        cached = doc.user_data["text"] = doc.text
    return cached


def verbs(sentence) -> list[Token]:
    """The sentence's verbs that head a clause (auxiliaries left out), computed once per Doc."""
    doc = sentence.doc if isinstance(sentence, SpacySpan) else sentence
    cached = doc.user_data.get("verbs")
    if cached is None:
        cached = doc.user_data["verbs"] = [t for t in doc if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    return cached

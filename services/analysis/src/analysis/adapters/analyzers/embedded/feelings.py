"""The client's own state in a sentence: feeling words, self-description, hedging and certainty.

Topic words carry no state ("the offsite was a disaster" says nothing of how the client
feels now), so a sentence counts only when it is about the client: a feeling word, or
first-person hedging/certainty. Negation flips a feeling ("I don't feel stuck anymore").
"""

from __future__ import annotations

import math
import re

from .caseless import caseless
from .language import Sentence

_LEXICON: dict[str, float] = {}
for _value, _words in {
    -1.0: "anxious scared afraid terrified panicked panicky overwhelmed hopeless desperate miserable devastated "
    "ashamed humiliated worthless trapped exhausted drained burnt burned depressed dread dreading awful terrible "
    "horrible sick gutted crushed broken panicking dreadful furious livid fuming seething",
    -0.7: "rough failing failure mess struggling struggle sinking worried stressed stuck lost confused frustrated angry annoyed upset sad lonely guilty nervous tense "
    "tired stretched pretending fraud impostor imposter scattered heavy sinking doubt doubting torn resentful "
    "irritated embarrassed defeated disappointed uneasy uncomfortable unsettled helpless powerless braced defensive "
    "raw shaky jittery edgy flustered rattled paralysed paralyzed numb small useless inadequate insecure hurt cross "
    "drowning swamped burnt-out knackered shattered fried frazzled deflated wrecked",
    -0.4: "unsure uncertain hesitant wobbly mixed messy foggy unclear restless bored flat meh hard difficult wrong",
    0.2: "fine alright",
    0.4: "okay better calmer settled curious interested open hopeful lighter possible manageable relaxed lifted "
    "reassured solid decent",
    0.7: "good happy glad relieved relief doable calm forward clear clearer confident proud grateful motivated ready energised "
    "energized focused free freer capable strong steady grounded encouraged optimistic pleased chuffed delighted "
    "inspired peaceful determined unstuck buzzing",
    1.0: "excited thrilled great amazing brilliant fantastic wonderful elated empowered unstoppable stoked",
}.items():
    for _w in _words.split():
        _LEXICON[_w] = _value
for _value, _words in {
    # English's wider feeling vocabulary (general word lists, not taken from any labelled session): a client who
    # says "mortified" or "heartened" tells their state as plainly as one who says "embarrassed" or "encouraged"
    -1.0: "heartbroken mortified petrified distraught horrified traumatised traumatized despairing despondent "
    "inconsolable bereft desolate tormented anguished enraged incensed outraged sickened disgusted frantic",
    -0.7: "frightened fearful apprehensive jumpy antsy fretful distressed troubled disheartened discouraged "
    "demoralised demoralized dejected downhearted unhappy bitter jealous envious betrayed abandoned rejected "
    "isolated unappreciated undervalued indignant exasperated grumpy irritable agitated overwrought weary "
    "depleted bewildered baffled adrift directionless demotivated unmotivated apathetic listless guilt-ridden "
    "remorseful regretful sheepish awkward self-conscious fragile brittle inferior incompetent pathetic "
    "overloaded overstretched overworked unsupported homesick queasy nauseous shaken spooked alarmed "
    "intimidated daunted suffocated smothered stifled touchy unsteady",
    -0.4: "ambivalent conflicted wary sceptical skeptical doubtful puzzled lukewarm underwhelmed jaded "
    "wistful melancholy subdued",
    0.4: "content contented eased soothed rested refreshed restored recharged comforted cheered heartened "
    "validated composed centred centered clear-headed unburdened unblocked liberated upbeat keen eager "
    "enthusiastic satisfied fulfilled flattered amused intrigued invigorated revitalised revitalized "
    "rejuvenated",
    0.7: "joyful blissful thankful triumphant vindicated brave courageous bold fearless cheerful",
    1.0: "overjoyed ecstatic euphoric jubilant exhilarated invincible",
}.items():
    for _w in _words.split():
        _LEXICON[_w] = _value
# the parser splits "burnt-out" and "cross-examined" in three ("burnt", "-", "out"): a feeling word joined
# to the next by a hyphen is read as the compound, which is a feeling only when the lexicon has it
_COMPOUND_HEADS = frozenset(w.split("-")[0] for w in _LEXICON if "-" in w)


def _word_value(words: list[str], i: int) -> float | None:
    """The lexicon's value of words[i], read as the compound it opens where a hyphen follows; None for the
    second half of a compound ("burnt-out"'s "out") and for a word that is no feeling."""
    if i + 2 < len(words) and words[i + 1] == "-":
        return _LEXICON.get(f"{words[i]}-{words[i + 2]}")
    if i >= 2 and words[i - 1] == "-" and f"{words[i - 2]}-{words[i]}" in _LEXICON:
        return None
    return _LEXICON.get(words[i])

# Words that are a feeling only when felt ("I feel behind"); otherwise a topic ("we're behind on Q3").
# How the client rates how it is, a feeling only as the whole of a verbless answer ("How does that feel?" /
# "Honestly, rubbish.") or after "feel" ("I feel rubbish"); a thing elsewhere ("the rubbish", "a grim report")
_RATED_ONLY = {"rubbish": -0.7, "crap": -0.7, "grim": -0.7, "rotten": -0.7, "lousy": -0.7, "pants": -0.5}
_FELT_ONLY = {"behind": -0.7, "small": -0.7, "seen": 0.7, "heard": 0.7, "useful": 0.4,
              # "I feel a bit stupid": said of oneself after "feel", how a realisation landed
              "stupid": -0.6, "silly": -0.4, "daft": -0.4, "foolish": -0.6, "naive": -0.4,
              # a feeling after "feel" ("I feel supported", "I feel low"), a fact or a topic elsewhere ("I supported
              # her", "stock is low", "we moved house")
              "supported": 0.4, "valued": 0.4, "appreciated": 0.4, "respected": 0.4, "understood": 0.4,
              "accepted": 0.4, "safe": 0.4, "secure": 0.4, "comfortable": 0.4, "welcome": 0.4, "moved": 0.4,
              "touched": 0.4, "alive": 0.7, "lucky": 0.4, "blessed": 0.7,
              "alone": -0.7, "exposed": -0.7, "ignored": -0.7, "invisible": -0.7, "sidelined": -0.7,
              "low": -0.7, "down": -0.7, "blue": -0.7, "guilt": -0.7, "ridiculous": -0.4}
_FEEL = {"feel", "feeling", "felt", "feels"}

# A state told in an idiom, no feeling word in it ("at the end of my tether", "over the moon"); general English
# idioms, none taken from a labelled session.
# ("run down", "on top of it", "back on track" are left out: "I'll run down the list", "get the project back on
# track" say nothing of the client)
_IDIOMS = {
    -0.7: r"(?:at )?the end of my (?:tether|rope)|losing my mind|ground down|(?:i )?could (?:cry|scream)|hit by a bus|"
          r"at my wits'? end|falling apart|in (?:bits|pieces)|a (?:nervous )?wreck|a bag of nerves|can't breathe|"
          r"rock bottom|beside myself|in a (?:dark|bad|horrible|awful) place|going under|scared stiff|bricking it|"
          r"(?:pissed|hacked|cheesed|brassed|ticked|peed) off|fed up|stressed out|freaked out|worn out|"
          r"sick (?:to death )?of|(?:i've|i have) had enough|can't cope|not coping|up to (?:here|my neck|my eyeballs)|"
          r"keeping my head above water|running on fumes",
    # tension more than distress: uneasy
    -0.4: r"shoulders (?:up )?(?:round|around|by|up to) my ears|on edge|all over the place|out of my depth|"
          r"treading water|knots? in my stomach|butterflies|on eggshells|weight on my shoulders",
    0.7: r"over the moon|on top of the world|in a (?:good|better|great|much better) place|on cloud nine|"
         r"(?:a|the) weight off|weight(?:'s| has) (?:been )?lifted|fired up|raring to go|on a roll|"
         r"(?:more )?like myself|more myself|can (?:actually |finally )?breathe|chuffed to bits",
}
_IDIOM = re.compile(r"\b(?:" + "|".join(f"(?P<v{i}>{w})" for i, w in enumerate(_IDIOMS.values())) + r")\b", re.I)
_IDIOM_VALUES = list(_IDIOMS)


def _idioms(text: str) -> list[tuple[float, bool]]:
    """Each idiom of state in `text`: (its value, whether a negation comes just before it)."""
    out = []
    for m in _IDIOM.finditer(text):
        value = _IDIOM_VALUES[int(m.lastgroup[1:])]
        before = text[max(0, m.start() - 20):m.start()].lower().split()[-3:]
        out.append((value, any(w in _NEGATORS or w.endswith("n't") for w in before)))
    return out

_HEDGE = caseless(r"\b(?:i don't know|i'm not sure|not sure|i guess|maybe|kind of|sort of|i suppose|no idea|"
                    r"i have no clue|whatever)\b", re.I)
_CERTAIN = caseless(r"\b(?:i will|i'll|i know|definitely|absolutely|for sure|i'm ready|i can do|"
                      r"i've decided|i'm going to|let's do it|makes sense)\b", re.I)
_NEGATORS = {"not", "n't", "never", "no", "nothing", "hardly", "less"}
_SELF = {"i", "i'm", "me", "my", "myself", "i've", "i'll", "i'd"}


def state(s: Sentence, start: int = 0, end: int | None = None) -> float | None:
    """The client's state in `s` (or in its tokens start..end) on -1..1, or None when it says
    nothing of it."""
    words = s.words
    if not _SELF.intersection(words) and _about_someone_else(s):
        return None
    fragment = _verbless(s)
    turn_ = _contrast_at(s)
    total, hits = 0.0, 0
    for i in range(*slice(start, end).indices(len(words))):
        value = _word_value(words, i)
        if value is None and words[i] in _FELT_ONLY and _FEEL.intersection(words[max(0, i - 3) : i]):
            value = _FELT_ONLY[words[i]]
        if value is None and _rated(words, i, fragment):
            value = _RATED_ONLY[words[i]]
        if value is None:
            continue
        t = s.doc[i]
        if _wondered(t) or _done_not_felt(t) or _how_another_looked(t) or _how_it_was_done(t):
            continue
        if _negated(words, s.doc, i) or _denied(t):
            value = -0.6 * value
        # "So much lighter" answering the coach is said of the client as surely as "I feel lighter".
        weight = 1.5 if fragment or _said_of_self(t) else 0.6
        if turn_ is not None:  # "nervous, but the good kind": what follows the "but" is where they land
            weight *= 1.5 if t.i > turn_ else 0.5
        total += value * weight
        hits += 1
    text = s.doc[start:end].text.replace("\u2019", "'")
    for value, negated in _idioms(text):
        weight = 1.5 if fragment or _SELF.intersection(words) else 0.6
        total += (-0.6 * value if negated else value) * weight
        hits += 1
    hedges, certain = len(_HEDGE.findall(text)), len(_CERTAIN.findall(text))
    if certain and _DENIAL.search(text):
        certain = 0  # "I don't think I'm ready": the certainty is what the client denies
    if not hits and not hedges and not certain:
        return None
    raw = total + 0.3 * certain - 0.2 * hedges
    return math.tanh(raw)


# where a negation's reach ends, going back from a feeling word ("I'm not sure, but I'm happy")
_CLAUSE_EDGE = {",", ";", ":", "but", "though", "-", "\u2014"}
# verbs whose negation denies what follows them: "I don't think I'm ready" says "I'm not ready"
_NEG_RAISERS = {"think", "believe", "feel", "reckon", "suppose", "expect", "imagine"}
_DENIAL = re.compile(r"\b(?:don't|do not|didn't|did not) (?:think|believe|reckon|feel)\b", re.I)


def _negated(words: tuple[str, ...] | list[str], doc, i: int) -> bool:
    """A negation in the four words before words[i], within its clause: "I'm not tired", "I feel a bit less
    like I'm drowning" (the contraction "I'm" is two words); a verb between them starts another clause ("I
    didn't know I was angry": angry)."""
    for j in range(i - 1, max(0, i - 4) - 1, -1):
        w = words[j]
        if w in _NEGATORS:
            return True
        if w in _CLAUSE_EDGE or j < i - 1 and doc[j].pos_ == "VERB":
            return False
    return False


def _denied(t) -> bool:
    """'I don't think I'm ready': the feeling word sits under a denied verb of thinking."""
    return any(a.lower_ in _NEG_RAISERS and any(c.dep_ == "neg" for c in a.children) for a in t.ancestors)


def _wondered(t) -> bool:
    """"Whether they think I'm good enough": a feeling word inside a worry's "whether"/"if"
    clause is what the client fears, not how they are."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for a in (t, *t.ancestors) for c in a.children)


# words that name a feeling as an adjective and an act as a verb: "I open the draft", "we cleared the desk",
# "she settled the bill", "I lost my keys" say nothing of how the client is
_ALSO_ACTS = frozenset("open clear free settled lifted lost drained burned burnt crushed".split())


def _done_not_felt(t) -> bool:
    return t.lower_ in _ALSO_ACTS and t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children)


# "I start strong and then it fizzles out", "I finished strong": how something is done, not how the client feels
# (the parse has no lemmas: each verb's forms)
_PERFORMED = frozenset(f"{verb}{ending}" for verb in ("start", "finish", "end", "play", "perform", "kick", "open")
                       for ending in ("", "s", "ed", "ing")) | {"begin", "begins", "began", "beginning", "finishes"}


def _how_it_was_done(t) -> bool:
    return t.dep_ in ("acomp", "oprd", "advmod") and t.head.lower_ in _PERFORMED


def felt(s: Sentence) -> bool:
    """Whether `s` names a feeling at all (not only hedging or certainty)."""
    words = s.words
    if any((_word_value(words, i) is not None and not (i < len(s.doc) and _how_it_was_done(s.doc[i])))
           or w in _FELT_ONLY and _FEEL.intersection(words[max(0, i - 3) : i])
           for i, w in enumerate(words)) or _IDIOM.search(s.text.replace("\u2019", "'")):
        return True
    return not _RATED_ONLY.keys().isdisjoint(words) and any(_rated(words, i, _verbless(s)) for i in range(len(words)))


def _verbless(s: Sentence) -> bool:
    return not any(t.pos_ in ("VERB", "AUX") for t in s.doc)


def _rated(words, i: int, verbless: bool) -> bool:
    """words[i] rates how the client is: in a verbless answer ("Honestly, rubbish.") or after "feel"."""
    return words[i] in _RATED_ONLY and (verbless or bool(_FEEL.intersection(words[max(0, i - 3) : i])))


_CONTRAST = {"but", "though", "although", "yet", "however"}


def _contrast_at(s: Sentence) -> int | None:
    """Index of a contrasting "but" after the sentence's first words, if any."""
    return next((i for i, w in enumerate(s.words) if w in _CONTRAST and i > 1), None)


_APPEARED = {f"{verb}{ending}" for verb in ("look", "seem", "sound", "appear") for ending in ("", "s", "ed", "ing")}


def _how_another_looked(t) -> bool:
    """"A man walking his dog looked horrified": how someone else looked, in a sentence that is about the
    client elsewhere ("I got out and did a little dance..."); "she looked at me like I was mad" still reaches
    the client."""
    if t.dep_ not in ("acomp", "oprd", "xcomp") or t.head.lower_ not in _APPEARED:
        return False
    subj = _subject_of(t)
    return (subj is not None and subj.lower_ not in ("i", "we", "it", "this", "that", "everything", "things")
            and not any(w.lower_ in _SELF or w.lower_ in ("us", "our") for w in t.head.subtree if w is not subj))


def _said_of_self(t) -> bool:
    """"I feel lighter", "I'm exhausted": the feeling word describes the client, directly."""
    head = t.head
    if t.dep_ in ("acomp", "attr", "oprd", "xcomp", "dobj", "ccomp") or t.dep_ == "ROOT":
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lower_ in ("i", "we")
    return False


def _about_someone_else(s: Sentence) -> bool:
    root = next((t for t in s.doc if t.dep_ == "ROOT"), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    return subj is not None and (subj.lower_ in ("he", "she", "they", "you") or subj.ent_type_ == "PERSON")


def label(score: float) -> str:
    if score <= -0.55:
        return "Distressed"
    if score <= -0.2:
        return "Uneasy"
    if score < 0.2:
        return "Neutral"
    if score < 0.55:
        return "Positive"
    return "Optimistic"


def valence(word: str) -> float | None:
    """A feeling word's value on -1..1 (lower-case word), None for a word that is no feeling."""
    return _LEXICON.get(word)


# A feeling word inside a set phrase that names no feeling: "ring in sick", "off sick", "sick pay".
_NOT_FELT_AFTER = {"sick": {"in", "off"}}
_NOT_FELT_BEFORE = {"sick": {"pay", "leave", "note", "notes", "day", "days", "bay", "line"}}


def _felt_at(words: list[str], i: int) -> bool:
    w = words[i]
    return _word_value(words, i) is not None and not (i and words[i - 1] in _NOT_FELT_AFTER.get(w, ())
                                  or i + 1 < len(words) and words[i + 1] in _NOT_FELT_BEFORE.get(w, ()))


def feeling_words(s: Sentence) -> list[str]:
    words = s.words
    return [s.doc[i].text for i in range(len(words)) if _felt_at(words, i)]  # a Token only for a hit


def has_feeling(s: Sentence) -> bool:
    words = s.words
    if _LEXICON.keys().isdisjoint(words) and _COMPOUND_HEADS.isdisjoint(words):
        return False
    return any(_felt_at(words, i) for i in range(len(words)))


def strong_feeling(s: Sentence) -> bool:
    """A negative feeling the client names about themselves, which a coach should acknowledge."""
    words = s.words
    return any((_word_value(words, i) or 0) <= -0.7 and _felt_at(words, i) and not _someone_elses(s.doc[i])
               and not _done_to_something(s.doc[i]) for i in range(len(words))) and bool(_SELF.intersection(words))


def _done_to_something(t) -> bool:
    """A feeling word that is an act done to someone or something ("If I lost him", "it hurt my back"), not a feeling
    the client names ("I feel lost"). (Verbs of feeling keep their object: "I'm dreading Mondays".)"""
    return t.lower_ in _ACTS_AS_WELL and t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children)


_ACTS_AS_WELL = frozenset("lost lose hurt hurts crushed broke broken".split())


def _someone_elses(t) -> bool:
    """"...what each side was actually scared of": the feeling of someone the client talks about."""
    subj = _subject_of(t)
    return subj is not None and (subj.pos_ in ("NOUN", "PROPN") or subj.lower_ in ("he", "she", "they", "you"))


def _subject_of(t):
    """Whom a feeling word describes: the subject of its verb ("a man ... looked horrified": man)."""
    head = t.head if t.dep_ in ("acomp", "attr", "oprd", "xcomp") else t
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)

"""A plan told as the state a thing will be in by a deadline: "By Friday the application's in.", "Public
liability's sorted by Friday.", "Before we next speak, that doc is in her inbox.", "Then by Sunday the sponsor
page is live.".

The parser reads these unevenly (the "'s" of "the application's in" comes out a possessive, "By" the sentence's
root), so they are told by their wording: a thing (not a person: "the kids are in bed by eight" is a routine),
in the present, in a finished state, and a deadline before or after it. On the 308 tuning sessions the 16
client sentences so worded are all labelled action items (4 of them the session's intention), and the analyzer
had found 4; the client sentences with "is in / off / out" and a time but no deadline ("The application's in
October.", "She's in Bradford all day Monday.") are none, and neither is a condition ("If the whole budget's
drafted by the 20th, ..."). Four tuning folds (176 sessions): action items F1 .757 -> .768, intention hits
63 -> 65 of 130.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .language import Sentence
from .themes import ROLES

# the state a deliverable is left in
_STATE = (r"(?:in|done|sorted|finished|sent|sent off|booked|submitted|signed|written|live|ready|paid|filed|posted|"
          r"printed|drafted|fixed|updated|uploaded|emailed|handed in|agreed)")
# the thing: one to four words, perhaps with a determiner or an owner ("last year's takings")
_THING = r"(?:(?:the|my|our|that|this|these|those|his|her|their|[\w-]+'s) )?(?:[\w-]+ ){0,3}[\w-]+"
_DEADLINE = r"(?:by|before) [^,.;]{2,40}?"
_LEAD = r"^(?:(?:and|then|so|right|okay|ok)[,.]? )?"
_DONE_BY = re.compile(
    _LEAD + rf"(?:{_DEADLINE},? (?P<a>{_THING})(?:'s| is| are|'re) (?:all )?(?P<sa>{_STATE})\b"
    rf"|(?P<b>{_THING})(?:'s| is| are|'re) (?:all )?(?P<sb>{_STATE}) (?:[^,.;]{{0,40}}? )?{_DEADLINE}(?:[,.;!]|$))",
    re.I)
_NOT_A_THING = frozenset(("i", "we", "you", "he", "she", "they", "someone", "somebody", "everyone", "everybody",
                          "nobody", "people", "kids"))
# a condition or a reason, not the plan: "If the whole budget's drafted by the 20th, I've got ten days."
_SUBORDINATE = frozenset(("if", "when", "once", "unless", "until", "because", "as", "whether", "where",
                          "while", "since", "though", "although"))


def done_by(s: Sentence) -> Token | None:
    """The token naming the state the thing will be in (the commitment's verb), or None. (Whether the sentence
    tells a habit instead, "the bins are out by seven every Monday", is the caller's call.)"""
    said = s.text.replace("\u2019", "'")
    m = _DONE_BY.search(said)
    if m is None:
        return None
    thing = (m.group("a") or m.group("b")).lower().split()
    if thing[-1] in _NOT_A_THING or thing[-1] in ROLES or thing[0] in _NOT_A_THING or thing[0] in _SUBORDINATE:
        return None
    start = m.start("sa") if m.group("sa") else m.start("sb")
    state = next((t for t in s.doc if t.idx >= start), None)
    # a person's name is no deliverable ("By Friday Kasia's in.")
    if state is None or any(t.ent_type_ == "PERSON" and t.idx < start for t in s.doc):
        return None
    return state

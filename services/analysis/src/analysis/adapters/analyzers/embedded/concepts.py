"""Coaching topics by the name a coach would give them, recognised from the words clients use.

A client rarely says "delegation"; they say "I handed the report over" or "I can't let go of
it". Each topic lists the everyday wordings that point to it. A topic becomes a theme only
when several of the client's sentences point to it (see themes.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOPICS: dict[str, str] = {
    "delegation": r"delegat\w*|hand(?:ed|ing|s)? (?:\w+ ){0,4}?(?:over|off)\b|handover|let(?:ting)? go of|give (?:it|them|that) to "
                  r"(?:her|him|them)|do (?:it|everything) myself|bottleneck|hand(?:ed|ing|s)? (?:him|her|them) (?:the|my|our)\b|"
                  r"(?:gave|give|giving|hand(?:ed|ing)?|pass(?:ed|ing)?) (?:the|my|our|this|that) (?:\w+ ){0,2}?(?:report|task|"
                  r"project|work|forecast|job|account|meeting|presentation|deck|analysis|budget|rota|file|case|client)s? to\b",
    "trust in the team": r"trust (?:my|the|her|him|them)|don't trust|underestimat\w* (?:my|the) team",
    "confidence": r"confiden\w*|self-doubt|doubt myself|believe in myself|not good enough",
    # ("fraud" alone is also a crime, "found out" also news: "the fraud squad", "I found out she'd left")
    "imposter feelings": r"impost[eo]r|(?:like|i'm|i am) (?:a |such a |a bit of a |an absolute )?fraud\b|"
                         r"pretending to be|(?:be|being|get|getting|been) found out|don't belong|out of my depth",
    # (not a judge, nor a judgement call)
    "fear of judgement": r"what (?:people|they|others|everyone) (?:think|will think|would think)|"
                         r"(?:be|being|feel|felt) judged|judg(?:e|es|ing) me\b|look stupid|look like an idiot|"
                         r"embarrass\w*",
    "boundaries": r"boundar\w*|say(?:ing)? no|said no|protect (?:my|the) time|people-pleas\w*",
    # (a weekend or an evening that dates a plan, "a call before the weekend", "this evening", is no balance)
    # ("on Wednesday evening", "Friday evenings" date a plan too)
    "work-life balance": r"work-life|balance|(?<!before the )(?<!by the )(?<!until the )(?<!after the )(?<!this )(?<!next )"
                         r"(?<!tomorrow )(?<!day )(?<!day's )(?:weekends?|evenings?)|home by|family time|working late|"
                         r"until (?:ten|nine|eight|midnight)",
    "burnout and energy": r"burn(?:ed|t)? ?out|exhaust\w*|drained|no energy|running on empty|tired all the time",
    # (not "my whole career", "career over", "career suicide", "a career break": a span, a fear, a gap)
    "career change": r"career (?:change|move|switch|shift|pivot|path)|chang\w* (?:my )?careers?|new career|second career|"
                     r"careers? (?:advice|adviser|advisor|service|coach\w*)|job offer|quit (?:my|the) job|change jobs?|"
                     r"retrain\w*",
    # (a step up where the client is: a promotion is no career change)
    "promotion": r"promotion|promoted|new role|next role|step up|apply for",
    "difficult conversations": r"difficult conversation|hard conversation|confront\w*|raise it with|bring it up with|"
                               r"feedback to (?:her|him|them)",
    # (every manager says "my team"; it names who, not this topic)
    "leadership": r"leader\w*|lead the team|managing (?:people|the team)|direct reports?",
    "procrastination": r"procrastinat\w*|put(?:ting)? (?:it )?off|keep pushing",
    # (steering round a person or a talk is no task put off)
    "avoidance": r"avoid(?:ing|ed)? (?:it|the|him|her|them|each other)\b",
    "perfectionism": r"perfect\w*|every mistake|get it right|not good enough yet|high standards",
    # (not "I'll put it in the diary": the calendar is where a plan goes)
    "time management": r"prioriti\w*|too many meetings|no time|time back|block(?:ing)? (?:out )?time",
    "health habits": r"exercis\w*|gym\b|sleep(?:ing)? (?:badly|better|well|more|less|through)|diet\b|smok(?:e|ing|er)\b|"
                     r"drink(?:ing)? (?:less|too much|alcohol|every)|go(?:ing)? for a (?:run|walk)|workouts?",
    "money": r"money|salary|debt|savings|financ\w*|afford|mortgage|budget",
    "pricing": r"pric(?:e|es|ing)\b|undercharg\w*|my rates?\b|(?:raise|raising|charge|charging) (?:my|more|them|for)|"
               r"day rate|hourly rate|what i charge|quote(?:d)? (?:them|her|him)",
    "fear of failure": r"fail(?:ed|ing|ure)?\b|flunk\w*|not good enough to pass|"
                       r"scared (?:i'll|i will|of) (?:fail|mess)",
    # the couple itself, not a business or practice partner named in passing ("the partner track", "my partner Gavin")
    "relationship": r"marriage|married|divorc\w*|split up|separat(?:ed|ing|ion)|boyfriend|girlfriend|"
                    r"relationship with (?:my|her|his) (?:partner|husband|wife)|(?:my|our) relationship\b",
    # (the parents on a touchline or at a school gate are not the client's parenting)
    "parenting": r"my (?:kids|children|son|daughter)|parenting|(?:as|being) a (?:mum|mom|dad|parent)|single parent|"
                 r"school run|bedtime",
    # (not "the argument for it", "fight for it")
    "conflict": r"conflict|argu(?:e|ed|ing|ment|ments) with|(?:a|the|big|huge) (?:row|fight|argument)\b|fell out|"
                r"falling out|at loggerheads|tension between",
    # a decision the client is stuck on, not every "I've decided" of the session
    "decision making": r"decision-making|(?:make|making|made) (?:a|the|this|that|my|our) decision|can't decide|(?:make|made) up my mind|"
                       r"choose between|torn between|which option|what to decide|undecided",
    "purpose and meaning": r"purpose|meaning\w*|what matters|fulfil\w*|why i do",
    # (not "the trade-offs visible", nor every "in meetings")
    "visibility": r"visibility|(?:be|being|more|less|feel|felt) (?:in)?visible|speak up|be seen|credit for",
    "presenting": r"presentation|presenting to|pitch(?:ing)? to|public speaking|on stage|speak(?:ing)? in front",
    # (not the idiom "late for my own funeral", nor "a loss of signal")
    "grief and loss": r"grief|griev\w*|passed away|(?<!own )funeral|loss of (?!signal|power|data|face)|died|"
                      r"since (?:he|she|mum|mom|dad) (?:went|passed|died)|"
                      r"miss(?:ing)? (?:him|her) |lost my (?:dad|mum|mom|father|mother|husband|wife|son|daughter)",
    "motivation": r"motivat\w*|can't get started|lost interest",
    "asking for help": r"ask(?:ing|ed)? (?:\w+ ){0,2}for help|asking for support|get(?:ting)? help|need(?:ing)? help|"
                       r"can't ask|ask (?:him|her|them|anyone) for",
    "identity": r"identity|who i am|the kind of (?:person|\w+) i am|who i want to be|sense of (?:self|who)",
    "fairness": r"\bfair\b|unfair|fairness|favourites?|favorites?|playing favou?rites",
    "returning to work": r"back to work|return(?:ing)? to work|career break|going back to (?:work|the office|the job)|"
                         r"phased return|time off (?:work|with)",
    "workload": r"workload|too much on|overloaded|swamped|capacity|too many (?:things|projects|plates)",
    # handing a business, a farm or a post on: "hand it to Emma", "take over the shop", "who comes after me"
    "succession": r"succession|successor|(?:hand|handing|pass|passing) (?:it|the \w+|the business|the shop|the farm) "
                  r"(?:on |over )?to (?:my|our|her|him|them|\w+)|take over (?:the|from me)|taking over (?:the|from me)|"
                  r"who (?:comes|takes over) after me",
    # carrying what is not only the client's: "the one who copes", "if I stop, it all stops"
    "over-responsibility": r"(?:i'm|i am) the one who (?:copes|fixes|holds|sorts|carries|keeps)|if i stop,? (?:it all|"
                           r"everything) (?:stops|falls apart)|(?:it|everything) (?:all )?(?:falls|lands) on me|"
                           r"nobody else will|carry(?:ing)? (?:it|everyone|everything) (?:on my own|myself)",
}
_NAMES = list(_TOPICS)
# One pass per sentence: every topic is a named group of a single alternation. Every wording
# starts a word with a letter: checking that once, before the engine tries the ~150 wordings,
# makes the search ~3x faster (same matches).
_ANY = re.compile(r"\b(?=[a-z])(?:" + "|".join(rf"(?P<t{i}>{words})" for i, words in enumerate(_TOPICS.values())) + ")",
                  re.I)


@lru_cache(maxsize=8192)
def topics(text: str) -> tuple[str, ...]:
    """The topics `text` points to."""
    t = text.replace("\u2019", "'")
    found = {m.lastgroup for m in _ANY.finditer(t)}
    return tuple(name for i, name in enumerate(_NAMES) if f"t{i}" in found)

"""Time expressions in a commitment ("by Friday", "tonight", "before our next session").

Regexes rather than a date parser: the phrase is reported as the client said it,
so the result does not depend on today's date (keeps the analyzer deterministic).
"""

from __future__ import annotations

import re
from functools import lru_cache

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_UNIT = r"(?:day|week|month|quarter|year|morning|afternoon|evening|night|weekend|fortnight)s?"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple(?: of)?|\d+)"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
# spelt out, a date only with its month ("on the first of March"; "the second attempt" is no date)
_WORD_ORDINAL = (r"(?:(?:twenty|thirty)-?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|"
                 r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth")
# "Monday the tenth", "Friday the 3rd", "Tuesday 14th": a weekday given its date
# (spelt out, only where the phrase ends: "Monday, the first thing I do" is no date)
_DAY_DATE = (rf"(?: the (?:{_WORD_ORDINAL})(?=\s*(?:[.,;:!?]|$|of\b))|,? the \d{{1,2}}(?:st|nd|rd|th)?\b|"
             rf"\s\d{{1,2}}(?:st|nd|rd|th)\b)?")
_CLOCK = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MEETING = r"(?:session|call|meeting|appointment|conversation|catch-up|check-in)"
# (?=\w): every wording starts on a word; checked once, it spares the engine trying them all at
# each word's end (same matches, the search ~1.4x faster).
_TIMELINE = re.compile(
    rf"\b(?=\w)(?:"
    rf"(?:before|by|until|ahead of) (?:our|the|my|your) next {_MEETING}|"
    rf"(?:before|by|until|at|in) (?:our|the|my) {_MEETING} (?:on|next) (?:the )?\w+|"
    rf"next time (?:we (?:meet|speak|talk)|i see you)|"
    rf"(?:before|by the time) (?:we|i) (?:next (?:talk|speak|meet|see you)|(?:talk|speak|meet|see you) (?:again|next))|"
    rf"(?:after|before) (?:this |next )?{_DAY}'s \w+|"  # "after Tuesday's rehearsal"
    # "before the Saturday matinee": an event named by its day
    rf"(?:after|before|by) the (?:next )?{_DAY} (?!morning|afternoon|evening|night)[a-z]{{3,}}|"
    rf"first thing (?:tomorrow|in the morning|on {_DAY}|{_DAY})(?: morning)?|"
    rf"(?:by|before|until|on|this|next|every|starting|from|over the) (?:this |next )?{_DAY}(?: (?:morning|afternoon|evening|night))?{_DAY_DATE}|"
    rf"(?:by|before|until|in|on) (?:the )?(?:end of )?(?:the |this |next )?{_MONTH}(?: {_ORDINAL})?|"
    rf"(?:by|before|on) the {_ORDINAL}(?: of {_MONTH})?|"
    rf"(?:by|before|on|until) the (?:{_WORD_ORDINAL}) of {_MONTH}|"
    # "before the meeting on the twelfth.": spelt out without its month, a date where nothing follows it
    rf"(?:by|before|on|until) the (?:{_WORD_ORDINAL})(?=\s*(?:[.,;:!?]|$)| (?:the|my|our|it|it's|everything)\b)|"
    rf"(?:at )?half (?:past )?{_CLOCK}(?! (?:{_UNIT}|hours?|minutes?|dozen|of)\b)|"
    # "I'm ringing her first thing", not "the first thing I do" nor "first thing that comes up"
    rf"(?<!the )first thing(?=\s*(?:[.,;:!?]|$|(?:and|then)\b))|"
    # "I'm telling Priya in the morning"; not "at one in the morning", "three in the morning" (an hour told)
    rf"(?<!\d )(?<!(?:one|two|six|ten) )(?<!(?:four|five|nine|half) )(?<!(?:three|seven|eight) )(?<!(?:eleven|twelve) )"
    rf"(?<!o'clock )(?<!\dam )(?<!\dpm )in the (?:morning|afternoon|evening)|"
    # "before dinner", "by lunchtime", "after work" would be how days go: only before or by a meal
    rf"(?:before|by) (?:dinner|tea|breakfast|lunch|lunchtime|bedtime)|"
    # "by nine o'clock", "before 6pm", "by 17:30": a deadline's hour ("by nine" alone is often a story's:
    # "it's getting dark by five")
    rf"(?:by|before) (?:(?:{_CLOCK}|\d{{1,2}}) ?o'clock|\d{{1,2}}(?::\d\d)? ?[ap]\.?m\b\.?|\d{{1,2}}:\d\d)|"
    rf"{_MONTH} {_ORDINAL}|"
    # office deadlines ("by close of play", "by EOD", "by the end of Q3") and the year's seasons and holidays
    rf"(?:by|before) (?:noon|midday|close of (?:play|business)|end of (?:play|business)|cob|eod|eow)|"
    rf"(?:by|before|in|during|until) (?:the )?(?:end of )?(?:q[1-4]|the (?:first|second|third|fourth|last) quarter)|"
    rf"(?:by|before|over|until|this side of) (?:the )?(?:(?:summer |christmas |easter )?holidays|summer|spring|autumn|"
    rf"winter|christmas|easter|new year|half[- ]term)|"
    rf"in (?:a|one|two|three|four|six|\d+) (?:week|month|year)s?'? time|"
    rf"(?:by |before )?(?:the )?end of (?:the |this |next )?{_UNIT}|"
    rf"(?:this|next|every|each) {_UNIT}|"
    rf"(?:once|twice|{_NUM} times) (?:a|per|each) {_UNIT}|"  # "three times a week": as "every" is
    rf"(?:in|within|for) (?:the next )?{_NUM} {_UNIT}|"
    rf"(?:by|before|until) (?:tomorrow|tonight|then|lunch|lunchtime)|"
    rf"tomorrow(?: (?:morning|afternoon|evening|night))?|tonight|today|this (?:afternoon|evening)|"
    rf"right away|straight away|as soon as possible|asap|from now on|starting (?:now|today|tomorrow)|"
    # "the Sunday runs", "the Friday drinks": a recurring event's name, not a date
    rf"(?!(?<=the ){_DAY} \w+s\b){_DAY}(?: (?:morning|afternoon|evening|night))?{_DAY_DATE}"
    rf")\b",
    re.I,
)


@lru_cache(maxsize=8192)
def find(text: str) -> str | None:
    """The first time expression in `text`, as written. Cached: the commitment and belief rules
    ask it of the same sentences."""
    m = _TIMELINE.search(text)
    return m.group(0) if m else None


def find_all(text: str) -> list[str]:
    """Every time expression in `text`, as written, in order."""
    return [m.group(0) for m in _TIMELINE.finditer(text)]

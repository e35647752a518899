"""Time expressions in a commitment ("by Friday", "next week", "in two weeks").

Regexes rather than a date parser: the phrase is reported as the client said it,
so the result does not depend on today's date (keeps the analyzer deterministic).
"""

from __future__ import annotations

import re

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_UNIT = r"(?:day|week|month|year|morning|afternoon|evening|night|weekend)s?"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple(?: of)?|\d+)"
_TIMELINE = re.compile(
    rf"\b(?:"
    rf"(?:by|before|until|on|this|next|every|starting|from) (?:this |next )?{_DAY}|"
    rf"(?:by|before|until|in|on) (?:the )?(?:end of )?(?:the |this |next )?{_MONTH}(?: \d{{1,2}}(?:st|nd|rd|th)?)?|"
    rf"(?:by|before) (?:the )?end of (?:the |this |next )?{_UNIT}|"
    rf"(?:this|next|every|each) {_UNIT}|"
    rf"(?:in|within|for) (?:the next )?{_NUM} {_UNIT}|"
    rf"(?:by|before|until) (?:tomorrow|tonight|then)|"
    rf"tomorrow|tonight|today|right away|straight away|from now on|starting (?:now|today|tomorrow)|"
    rf"{_DAY}"
    rf")\b",
    re.I,
)


def find(text: str) -> str | None:
    """The first time expression in `text`, as written."""
    m = _TIMELINE.search(text)
    return m.group(0) if m else None

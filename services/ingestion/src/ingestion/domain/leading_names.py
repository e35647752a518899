"""Speakers named at the start of their lines with nothing to mark the name off: a table's rows
as a PDF's text layer gives them ("00:03 Maya Chen What brings you here?"), the cells' borders
gone. Read only when no line has a label or a header, so a transcript the other layouts read is
never touched.

A name here is a run of one to three capitalised words that starts two lines or more, taken at
its longest where the longer run starts (nearly) as many lines as the shorter: "Maya Chen" from
"Maya Chen What..." and "Maya Chen How...", but "Maya" from "Maya What..." and "Maya How...".
It takes two such names starting at least half the lines to be a transcript; the closed-class
words sentences open with ("So", "What", "I'm") are never part of one."""

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from ingestion.domain.text_transcript import CLOCK

_LINE = re.compile(rf"^\s*+(?:[\[(]?(?P<ts>{CLOCK})[\])]?\s++)?(?P<rest>\S.*)$")
_WORD = re.compile(r"^[A-Z][\w.'\-]*$")
# what may stand between a name and the speech: a time ("Maya Chen [00:03]: ..."), a colon or a dash
_AFTER_NAME = re.compile(rf"^\s*+(?:[\[(]?(?P<ts>{CLOCK})[\])]?\s*+)?(?P<sep>[:\-\u2013|]\s++|:)?")
# the closed-class words a sentence opens with, never part of a name: "So", "What", "I'm"
_OPENERS = frozenset("""a an and are as at but can could did do does for from had has have he her here his how i i'd
i'll i'm i've if in is it it's just let's my no not now of oh ok okay on or our right she so sure thank thanks
that that's the their then there they this to um uh was we well were what when where which who why will with
would yeah yes you your""".split())
_MAX_WORDS = 3
_LONGER_KEEPS = 0.8  # a longer run is the name if it starts this share of the shorter one's lines


def _runs(rest: str) -> list[str]:
    words = rest.split()
    runs = []
    for n in range(1, min(_MAX_WORDS, len(words) - 1) + 1):  # a name is followed by speech
        if not _WORD.match(words[n - 1]) or words[n - 1].lower().rstrip(".,") in _OPENERS:
            break
        runs.append(" ".join(words[:n]))
    return runs


def named_lines(lines: Iterable[str]) -> list[str] | None:
    """The lines rewritten as `[time] Name: speech`, or None if they do not read as such a transcript."""
    parsed = [(m["ts"], m["rest"]) if (m := _LINE.match(line)) else (None, "") for line in lines]
    counts = Counter(run for _, rest in parsed for run in _runs(rest))
    names = []
    for _, rest in parsed:
        best = None
        for run in _runs(rest):
            if counts[run] >= 2 and (best is None or counts[run] >= _LONGER_KEEPS * counts[best]):
                best = run
        names.append(best)
    spoken = sum(bool(rest) for _, rest in parsed)
    if len({n for n in names if n}) < 2 or sum(bool(n) for n in names) * 2 < spoken:
        return None
    return list(_rewritten(parsed, names))


def _rewritten(parsed: list[tuple[str | None, str]], names: list[str | None]) -> Iterator[str]:
    after = [_AFTER_NAME.match(rest[len(name):]) if name else None for (_, rest), name in zip(parsed, names, strict=True)]
    # a time after the name is the layout's ("Maya Chen 00:03 What brings you here?") only where most named
    # lines have one: "Maya Chen 10:30 works for me" alone is speech
    timed = sum(bool(m and m["ts"]) for m in after) * 2 >= sum(bool(n) for n in names)
    for (ts, rest), name, m in zip(parsed, names, after, strict=True):
        if name is None or m is None:
            yield rest
            continue
        speech = rest[len(name):]
        if m["ts"] and timed:
            ts, speech = ts or m["ts"], speech[m.end():]
        else:
            speech = speech[m.end("sep") if m["sep"] and not m["ts"] else 0:]
        yield f"{f'[{ts}] ' if ts else ''}{name}: {speech.strip()}"

"""The cue patterns searched the fast way find exactly what a case-insensitive search finds:
the same matches at the same places, in the text's own case."""

import re

import pytest
from analysis.adapters.analyzers.embedded import beliefs, wins
from analysis.adapters.analyzers.embedded.caseless import caseless

TEXTS = [
    "Honesty is important to me.",
    "HONESTY IS IMPORTANT TO ME, more than money.",
    "Family Matters To Me more than the title does.",
    "People like me don't get promoted.",
    "I Managed to finally say no to Priya.",
    "It was a long week and nothing much happened.",
    "",
    # re.I folds these three to ASCII letters ("İ" to "i", "ı" to "i", "ſ" to "s"); lower() does not
    "What matters to me is my İndependence.",
    "I value my ındependence and my time.",
    "I value ſleep and my ſanity.",
    "ıt ıs ımportant to me.",
    "It’s important to me — really important.",
]


@pytest.mark.parametrize("fast", [beliefs.VALUE, beliefs.LIMITING, wins.WIN, wins.NOT_A_WIN])
def test_a_cue_pattern_finds_what_a_case_insensitive_search_finds(fast):
    exact = re.compile(fast.pattern, re.I)
    for text in TEXTS:
        got, want = fast.search(text), exact.search(text)
        assert (got and (got.span(), got.group())) == (want and (want.span(), want.group())), text
        assert fast.findall(text) == exact.findall(text), text
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in exact.finditer(text)], text
        assert fast.sub("_", text) == exact.sub("_", text), text


def test_the_letters_case_folding_brings_to_ascii_still_match():
    pattern = caseless(r"\bindependence\b|\bsleep\b|\bit is\b")
    assert pattern.search("my İndependence").group() == "İndependence"
    assert pattern.search("my ındependence").group() == "ındependence"
    assert pattern.search("more ſleep").group() == "ſleep"
    assert pattern.search("ıt ıs late").group() == "ıt ıs"


def test_a_pattern_with_capitals_is_refused_as_it_would_miss_every_lowered_text():
    with pytest.raises(ValueError, match="lower case"):
        caseless(r"\bI value\b")
    assert caseless(r"\bi value\S*\s(?P<what>\w+)").search("I VALUE my time")["what"] == "my"

"""The topics a coach would name, recognised from everyday wording (concepts.py): named for what the
client is in, not for a word that happens to be said."""

from __future__ import annotations

import pytest
from analysis.adapters.analyzers.embedded import concepts


@pytest.mark.parametrize(("said", "topic"), [
    ("I got promoted to head of product three weeks ago.", "promotion"),
    ("I'm thinking of retraining as a nurse.", "career change"),
    ("I want a career change before I'm fifty.", "career change"),
    ("We've been avoiding each other since the restructure.", "avoidance"),
    ("I keep putting it off.", "procrastination"),
    ("I work every evening and most weekends.", "work-life balance"),
    ("I feel invisible in that team.", "visibility"),
])
def test_a_topic_is_named_from_the_clients_words(said, topic):
    assert topic in concepts.topics(said)


@pytest.mark.parametrize(("said", "not_topic"), [
    ("I'll run it past my partner on Wednesday evening.", "work-life balance"),  # a plan's day
    ("I got promoted to head of product three weeks ago.", "career change"),  # a step up where the client is
    ("We're avoiding each other.", "procrastination"),  # a person steered round, no task put off
    ("I made the trade-offs visible to everyone.", "visibility"),
    ("In meetings he challenges everything I say.", "visibility"),
    ("It's the one thing, my whole career, people know if I say it, it's real.", "career change"),  # a span
    ("If I push back on him that's me done. Career over.", "career change"),  # a fear
])
def test_a_word_said_in_passing_names_no_topic(said, not_topic):
    assert not_topic not in concepts.topics(said)


def test_an_idiom_of_a_funeral_is_no_grief():
    assert "grief and loss" not in concepts.topics("My mum used to say I'd be late for my own funeral.")
    assert "grief and loss" in concepts.topics("The funeral was on Friday and I haven't stopped since.")

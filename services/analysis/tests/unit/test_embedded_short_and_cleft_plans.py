"""Plans a coach hears as plans though they are short, led by their day, or pinned to an event: "Tonight I'm
texting Shannon.", "Friday after the morning session is when I tell Dave.", "The props rota goes to Priya before
the Saturday matinee."; and the near misses that stay out (an act with no object, a habit, a club's name)."""

from __future__ import annotations

import pytest
from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def plans_after_asking(answer: str) -> dict[str, str | None]:
    """{action: timeline} of the client's answer to "what's the next step?"."""
    lines = [("Coach", "Okay. So what's the next step?"), ("Client", answer),
             ("Coach", "Great. And the rent?"), ("Client", "That's a whole other session.")]
    result = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))
    return {a.action: a.timeline for a in result.action_items}


@pytest.mark.parametrize(("answer", "when"), [
    ("Tonight I'm texting Shannon.", "Tonight"),
    ("Tomorrow I'm emailing Martin.", "Tomorrow"),
    ("Friday after the morning session is when I tell Dave.", "Friday"),
    ("Monday's stand-up is where I say it out loud.", "Monday"),
    ("I'll have the rota sorted by the end of Q3.", "by the end of Q3"),
    ("Before Friday I'll have a coffee with Nadia and ask her what she wants.", "Before Friday"),
    ("The props rota goes to Priya before the Saturday matinee.", "before the Saturday matinee"),
])
def test_a_short_a_cleft_or_an_event_dated_plan_is_an_action_item_with_its_when(answer, when):
    assert plans_after_asking(answer) == {answer: when}


@pytest.mark.parametrize("answer", [
    "I'll do that.",
    "I'll tell ye.",
    "Sunday is when I rest.",
    "Tuesday is when I usually ring my mum.",
    "Sunday's market is where I go.",
    "I'll have that tea now.",
    "Either way I'll look like I'm hiding something.",
    "I'll find the words.",
    "I'll give it a go.",
    "The kids are in bed by eight, so I'll have the evenings.",
    "I run the Tuesday lunch club.",
])
def test_an_act_without_an_object_a_habit_or_a_club_named_by_its_day_is_no_plan(answer):
    assert plans_after_asking(answer) == {}


def test_a_step_said_in_the_progressive_in_answer_to_the_next_step_is_an_action_item():
    assert plans_after_asking("I'm putting the full report in to the league.") == {
        "I'm putting the full report in to the league.": None}
    assert plans_after_asking("And I'm asking Amira to read it first.") == {"I'm asking Amira to read it first.": None}


@pytest.mark.parametrize("answer", [
    "I'm taking it.",  # a decision, not a step
    "I'm answering messages at midnight.",  # how things are
    "I'm not asking him again.",
])
def test_a_decision_a_state_or_a_refusal_in_the_progressive_is_no_step(answer):
    assert plans_after_asking(answer) == {}


def test_an_answer_to_when_that_opens_with_a_day_dates_the_plan_and_keeps_its_own_step():
    lines = [("Coach", "What would that look like for the team meetings?"),
             ("Client", "And I'll start the meeting by asking the quietest person first, not Owen."),
             ("Coach", "When will you start?"),
             ("Client", "This Thursday. I'll book the slot with Priya today."),
             ("Coach", "How are you feeling now?"), ("Client", "Better than when I came in.")]
    result = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))
    assert {a.action: a.timeline for a in result.action_items} == {
        "I'll start the meeting by asking the quietest person first, not Owen.": "This Thursday",
        "I'll book the slot with Priya today.": "today"}


def test_steps_in_a_row_after_the_plan_is_dated_are_action_items_not_how_the_client_is():
    lines = [("Coach", "So what will you do?"),
             ("Client", "I'm meeting Joe on Wednesday for his one-to-one. I'll ask him what he wants the next two "
                        "years to look like, and I'll tell him about the leadership programme, and I'll mean it."),
             ("Coach", "How will you know it went well?"), ("Client", "If he talks more than I do.")]
    result = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))
    assert [a.action for a in result.action_items] == [
        "I'm meeting Joe on Wednesday for his one-to-one.",
        "I'll ask him what he wants the next two years to look like, and I'll tell him about the leadership "
        "programme, and I'll mean it."]


def test_a_step_that_tells_what_happened_is_still_a_step_and_a_story_after_the_plan_is_not():
    plans = plans_after_asking("This Friday, in the staff training, I put the real rescue in the session. "
                               "I tell everybody what I felt. And I write to the area manager.")
    assert list(plans) == ["This Friday, in the staff training, I put the real rescue in the session.",
                           "I tell everybody what I felt.", "I write to the area manager."]
    for story in ("I tell him, and he laughed.", "I tell him and I showed her the plan."):
        assert plans_after_asking(f"This Friday I put the rescue in the training. {story}") == {
            "This Friday I put the rescue in the training.": "This Friday"}


def test_three_wills_with_no_plan_dated_before_them_are_how_the_client_is():
    lines = [("Coach", "What are you like when you're under pressure?"),
             ("Client", "In the kitchen I'll shout, I'll tell anyone, I'll tell a supplier his fish stinks."),
             ("Coach", "And then?"), ("Client", "Then it passes.")]
    result = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))
    assert result.action_items == []


def test_a_plan_to_do_that_is_quoted_with_what_that_is():
    assert plans_after_asking("The internal one closes Friday, so I'll do that tomorrow night.") == {
        "The internal one closes Friday, so I'll do that tomorrow night.": "tomorrow night"}

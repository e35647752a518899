"""A plan said in the present or as already done by its deadline ("Sunday I take Rebin to see the food hall",
"By the end of the month I've enrolled") is the client's commitment; a plan once thought of, someone else's
habit and a routine are not."""

from __future__ import annotations

import pytest
from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def actions(answer: str) -> list[str]:
    turns = [Turn(speaker="Coach", role="coach", text="So what will you do, and by when?"),
             Turn(speaker="Client", role="client", text=answer)]
    return [a.action for a in analyze_transcript(Transcript(turns=turns)).action_items]


@pytest.mark.parametrize("answer", [
    "Tonight I read Amara the dinosaur book, before the pinned issue.",  # "read" as the tagger reads a past
    "Tomorrow I put the notice up in the staff room.",
    "Sunday lunch, when Kirsty's round, I tell her Wednesdays are mine from the new year.",
    "And Sunday, after dinner, when Mum's put the kettle on, I show Dad the plan.",
    "Sunday I take Rebin to see the food hall, he can look at the numbers with his own eyes.",
    "And by the end of the month I've enrolled at the college, the beginners' Italian.",
    "And by Friday I've rung Mrs Ainsley's daughter myself.",
    "And by the 14th she has my answer, one way or the other.",
])
def test_a_plan_told_in_the_present_or_as_done_by_its_day_is_an_action(answer):
    assert actions(answer), answer


@pytest.mark.parametrize("answer", [
    "They offered early retirement and I took it. And I thought, right, I'll have some me-time.",
    "Mrs Okafor. Thursday's shop, then a cup of tea, and she tells me about Lagos in the sixties.",
    "Sunday I ring her, she said.",
    "By then I've lost interest anyway.",
    "I run our under-nines on Sunday mornings, and I'm stood there telling eight-year-olds \"be brave on the ball, "
    "mistakes are how you learn\", and I'm thinking, listen to you.",
    "Yesterday I put the notice up.",
])
def test_a_plan_once_thought_of_someone_elses_habit_and_a_routine_are_no_actions(answer):
    assert not actions(answer), answer


def test_the_steps_told_after_a_dated_plan_are_part_of_it():
    said = actions("Tonight I tell my wife. I tell her about the shaking. And I write to the area manager, Mr Doyle.")
    assert len(said) == 3
    assert actions("Sunday, after dinner, I show Dad the plan. And I tell him about the audit.")[1].startswith(
        "I tell him about the audit")


def test_what_happened_next_told_in_the_present_is_no_step():
    assert actions("Monday I go in. I tell him, and he just laughs.") == ["Monday I go in."]
    assert actions("Monday I ring her. I always tell her everything anyway.") == ["Monday I ring her."]


def test_what_is_set_to_happen_months_or_years_away_is_no_action():
    assert actions("In three years I go back to Nagoya.") == []
    assert actions("In two weeks I'll have asked her.")

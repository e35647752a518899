"""Who holds the client to the plan is the plan's accountability ("Kasia will ask me Thursday night, so I can't
dodge it."), as a promise to report back to the coach is; and it is no barrier to the goal."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def session(*client_last: str):
    lines = [("Coach", "What would you like to get out of today?"),
             ("Client", "I want to decide whether to take the night manager job."),
             ("Coach", "What will you do?"),
             ("Client", "I'm going to ask Gary on Thursday what it would take to get the day manager role."),
             ("Coach", "How confident are you, out of ten?"),
             *(("Client", line) for line in client_last)]
    return analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))


def test_someone_who_will_check_is_the_plans_accountability_and_no_barrier():
    result = session("Eight. Kasia will ask me Thursday night, so I can't dodge it.")
    held = "Kasia will ask me Thursday night, so I can't dodge it."
    assert [a.accountability_measure for a in result.action_items] == [held]
    assert all(held not in g.barriers_identified for g in result.goal_progress)


def test_someone_asking_why_holds_no_plan_to_account():
    result = session("Eight. My boss will ask me why I was late again, though.")
    assert [a.accountability_measure for a in result.action_items] == [None]

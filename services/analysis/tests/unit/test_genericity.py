"""What is said in general, or of what the client is, read from the parse alone."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript, genericity, language
from analysis.adapters.analyzers.embedded import session as session_mod
from contracts.transcript import Transcript, Turn


def shapes(*said: str) -> dict[str, tuple[bool, bool, bool]]:
    turns = []
    for text in said:
        turns += [Turn(speaker="Coach", role="coach", text="Go on."), Turn(speaker="Client", role="client", text=text)]
    sentences = language.parse(session_mod.build(Transcript(turns=turns, source_format="text")))
    return {s.text: (genericity.kind_subject(s), genericity.generic_you(s), genericity.identity(s)) for s in sentences}


def test_a_rule_about_a_kind_of_person_the_generic_you_and_what_the_client_is():
    found = shapes("Porters push beds, we don't write business cases.", "A spark who's been out six years is a liability.",
                   "People like me don't really get to pick the nice option.", "The good ones just absorb it.",
                   "You take what you're given for the first year.", "I'm not a numbers person.", "I'm the one who copes.")
    assert found["Porters push beds, we don't write business cases."] == (True, False, False)
    assert found["A spark who's been out six years is a liability."] == (True, False, False)
    assert found["People like me don't really get to pick the nice option."] == (True, False, False)
    assert found["The good ones just absorb it."] == (True, False, False)
    assert found["You take what you're given for the first year."] == (False, True, False)
    assert found["I'm not a numbers person."] == (False, False, True)
    assert found["I'm the one who copes."] == (False, False, True)


def test_what_happened_and_what_particular_people_do_are_not_general():
    found = shapes("The boiler went at six.", "Priya says the meetings never stop.", "My kids are fine.",
                   "Those people never listen.", "Nobody picked it up.", "You said that last time.", "I'm tired.")
    assert set(found.values()) == {(False, False, False)}


def test_a_rule_about_people_like_the_client_is_a_limiting_belief_in_any_wording():
    result = analyze_transcript(Transcript(turns=[
        Turn(speaker=speaker, role=speaker.lower(), text=text) for speaker, text in (
            ("Coach", "What would you like from today?"),
            ("Client", "To decide whether I go back on the tools in the spring."),
            ("Coach", "What's stopping you?"),
            ("Client", "Six years out. A spark who's been out six years is finished."),
            ("Coach", "Who told you that?"),
            ("Client", "Nobody had to. It's just how the trade is."),
            ("Coach", "What do you know you can still do?"),
            ("Client", "I rewired my mate's garage in October and he said it was a tidy job."),
            ("Coach", "What will you do?"),
            ("Client", "I'll book the refresher course tonight, after the boys are down."),
        )], source_format="text"))
    limiting = [v.description for v in result.values_beliefs if v.type == "Limiting Belief"]
    assert "A spark who's been out six years is finished." in limiting


def test_the_clients_own_ways_and_wants_are_read_and_plans_and_stories_are_not():
    turns = []
    for text in ("I answer every call on the day it comes in.", "I don't run a jukebox.",
                 "I want her to know my face.", "I'm going to ring him.", "I went home.", "I think it's fine.",
                 "I'll ring him tomorrow."):
        turns += [Turn(speaker="Coach", role="coach", text="Go on."), Turn(speaker="Client", role="client", text=text)]
    sentences = language.parse(session_mod.build(Transcript(turns=turns, source_format="text")))
    found = {s.text: (genericity.habit(s), genericity.wants(s)) for s in sentences}
    assert found["I answer every call on the day it comes in."] == (True, False)
    assert found["I don't run a jukebox."] == (True, False)
    assert found["I want her to know my face."] == (False, True)
    assert {found[t] for t in ("I'm going to ring him.", "I went home.", "I think it's fine.",
                               "I'll ring him tomorrow.")} == {(False, False)}

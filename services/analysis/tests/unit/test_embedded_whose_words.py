"""Whose words they are: saying the client's own words back ("It is fine, and a little bit lonely.") is a reflection,
not the coach waving a concern away; words the client quotes from someone else are no value of the client's."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def waved_away(coach_says: str) -> list[str]:
    lines = [("Coach", "And how are you, yourself?"),
             ("Client", "Tired. A little bit lonely, maybe. My family is in Nagoya. It is fine. Many managers live "
                        "like this."),
             ("Coach", coach_says), ("Client", "Yes. Both. Lonely is the right word."),
             ("Coach", "What would you like from today?"), ("Client", "I want my team to tell me the truth.")]
    turns = [Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]
    missed = analyze_transcript(Transcript(turns=turns)).coach_feedback.missed_opportunities
    return [q for m in missed if m.pcc_marker.startswith("4.3") for q in m.evidence]


def test_the_clients_words_said_back_are_no_reassurance():
    assert waved_away("It is fine, and a little bit lonely.") == []
    said = "That's normal, everyone feels that at first."
    assert waved_away(said) == [said]


def test_words_the_client_quotes_from_someone_else_are_no_value_of_theirs():
    lines = [("Coach", "What matters most to you in this?"),
             ("Client", 'Leanne was clear. Her exact words were, "I\'d rather have you at tea than have the money."'),
             ("Coach", "Say more."), ("Client", "Being home for tea matters more to me than any overtime.")]
    found = analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))
    quoted = [v.evidence[0] for v in found.values_beliefs]
    assert not any("exact words" in q for q in quoted)
    assert "Being home for tea matters more to me than any overtime." in quoted

"""Without capitals (caption files, speech-to-text, a transcript in capitals read in lower case) the people a
client talks about are still known by how they are spoken of, so none of them becomes a theme."""

from __future__ import annotations

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript, language, reading

from .test_embedded_meaning import talk

SESSION = talk(
    "Coach: What would you like to work on today?",
    "Client: The handover. I told Priya on Monday that the rota is hers now, and Priya said she wasn't ready. "
    "Then Tomasz rang me about the budget and I took the rota back. I always take the work back.",
    "Coach: What happens when you take it back?",
    "Client: Priya learns that I don't trust her. Tomasz and I keep having the same conversation about the budget. "
    "The work piles up on my desk and the delegation never happens.",
    "Coach: What do you want instead?",
    "Client: I want to hand the rota to Priya properly. I'll talk to Priya tomorrow and ask Tomasz to own the budget. "
    "Delegation is the whole point of my job now, and the rota and the budget are where it starts.",
    "Coach: What will you do first?",
    "Client: Tomorrow morning I'll sit down with Priya and go through the rota, then I'll email Tomasz.",
)


def _lower(transcript):
    return msgspec.structs.replace(transcript, turns=[msgspec.structs.replace(t, text=t.text.lower())
                                                      for t in transcript.turns])


def test_people_a_client_speaks_of_are_known_without_capitals():
    read = reading.read(_lower(SESSION))
    assert language.uncased(read.session)
    assert {"priya", "tomasz"} <= read.names
    assert not {"rota", "work", "budget", "delegation", "handover"} & read.names  # things, said with "the"


def test_no_theme_names_a_person_in_a_transcript_without_capitals():
    lowered = analyze_transcript(_lower(SESSION)).key_themes
    assert lowered and not any(name in theme for theme in lowered for name in ("priya", "tomasz"))


def test_a_transcript_with_capitals_finds_its_names_by_them():
    read = reading.read(SESSION)
    assert not language.uncased(read.session)
    assert {"priya", "tomasz"} <= read.names

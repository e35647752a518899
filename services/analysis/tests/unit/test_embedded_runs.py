"""One thought said over neighbouring sentences is one item (runs.py)."""

from __future__ import annotations

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript, runs
from analysis.adapters.analyzers.embedded.session import build
from contracts.insight import ClientDiscovery
from contracts.transcript import Transcript, Turn

SAID = ("I suppose the draft is trying to sound clever. That's why I hate it. Oh. "
        "That's why I can't edit it, it's written for the wrong reader. Anyway, Helen liked the data.")


def _found(*quotes: str) -> list[ClientDiscovery]:
    return [ClientDiscovery(insight=q, depth_level="Moderate", emotional_response="Thoughtful", evidence=[q])
            for q in quotes]


def _joined(d: ClientDiscovery, text: str, quotes: list[str]) -> ClientDiscovery:
    return msgspec.structs.replace(d, insight=text, evidence=quotes)


def _turns():
    return build(Transcript(turns=[Turn(speaker="Coach", role="coach", text="What do you notice?"),
                                   Turn(speaker="Client", role="client", text=SAID)])).turns


def test_neighbouring_sentences_of_one_turn_are_one_item_quoted_verbatim():
    # listed surest first, not in the order said; "Oh." between two of them does not break the thought
    found = _found("That's why I can't edit it, it's written for the wrong reader.",
                   "I suppose the draft is trying to sound clever.", "That's why I hate it.")
    [one] = runs.merged(found, _turns(), _joined)
    assert one.insight == SAID[: SAID.index(" Anyway")]
    assert one.insight in SAID
    assert one.evidence == ["I suppose the draft is trying to sound clever.", "That's why I hate it.",
                            "That's why I can't edit it, it's written for the wrong reader."]
    assert one.depth_level == "Moderate"


def test_sentences_apart_stay_apart_and_keep_their_order():
    # "That's why I hate it. Oh. That's why I can't edit it, ..." lies between the two: not neighbours
    found = _found("Helen liked the data.", "I suppose the draft is trying to sound clever.")
    assert [d.insight for d in runs.merged(found, _turns(), _joined)] == [
        "Helen liked the data.", "I suppose the draft is trying to sound clever."]


def test_a_value_said_in_two_sentences_is_one_value_with_both_quotes():
    result = analyze_transcript(Transcript(turns=[
        Turn(speaker="Coach", role="coach", text="What matters most to you in this?"),
        Turn(speaker="Client", role="client", text="I don't care about being clever. I care that somebody in a clinic "
             "does something differently because of what I found."),
        Turn(speaker="Coach", role="coach", text="That sounds important."),
    ]))
    values = [v for v in result.values_beliefs if v.type == "Core Value"]
    assert len(values) == 1, values
    assert values[0].evidence == ["I don't care about being clever.",
                                  "I care that somebody in a clinic does something differently because of what I found."]
    assert values[0].description == " ".join(values[0].evidence)

"""Pure parts of the LLM path: evidence spans, splitting by budget, merging parts."""

from analysis.adapters.analyzers.openai.chunking import render_lines, split
from analysis.adapters.analyzers.openai.merge import PartAnswer, merge
from analysis.adapters.analyzers.openai.schema import LlmInsight
from analysis.domain.evidence import TranscriptText
from contracts.insight import ActionItem, Celebration

from contracts import Transcript, Turn


def test_quotes_match_despite_curly_quotes_and_spacing_but_keep_the_turns_own_text():
    text = TranscriptText(["I said \"no\"  to the  extra project.", "Another turn."])
    assert text.verbatim("\u201cI said \u201cno\u201d to the extra project.\u201d") == \
        "I said \"no\"  to the  extra project."
    assert text.verbatim("...to the extra project") == "to the  extra project"
    assert text.verbatim("I said no to the extra project.") is None  # words changed
    assert text.verbatim("project. Another turn.") is None  # spans two turns


def test_split_keeps_turn_order_and_cuts_an_over_long_turn_into_pieces():
    turns = [Turn(speaker="A", role="client", text="word " * 30) for _ in range(5)]
    turns.append(Turn(speaker="B", role="coach", text="long " * 400))
    parts = split(render_lines(Transcript(turns=turns)), budget_tokens=100)
    numbers = [line.number for part in parts for line in part]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, 7))
    assert all(sum(len(line.text) // 4 + 1 for line in part) <= 100 for part in parts)
    assert "(part 1/" in next(line.text for part in parts for line in part if line.number == 6)


def _answer(summary: str, actions: list[str], celebration_quotes: list[str] | None, quality: str = "Good"):
    celebration = Celebration(description=summary, significance="s", evidence=celebration_quotes) \
        if celebration_quotes else None
    items = [ActionItem(action=a, client_commitment_level="High", evidence=[a]) for a in actions]
    return LlmInsight(celebration=celebration, intention=None, client_discoveries=[], goal_progress=[],
                      coaching_presence=None, powerful_questions=[], emotional_shifts=[], values_beliefs=[],
                      action_items=items,
                      communication_patterns=None, session_summary=summary, key_themes=["Focus", summary],
                      overall_session_quality=quality)


def test_merge_keeps_every_part_and_a_short_last_part_does_not_win_single_sections():
    merged = merge([PartAnswer(_answer("one", ["Call Sam", "Book gym"], ["q1", "q2"], "Excellent"), chars=5000),
                    PartAnswer(_answer("two", ["call sam!", "Write plan"], ["q3"]), chars=4000),
                    PartAnswer(_answer("three", ["Rest"], ["q4"], "Average"), chars=300)])
    assert [a.action for a in merged.action_items] == ["Call Sam", "Book gym", "Write plan", "Rest"]
    assert merged.action_items[0].evidence == ["Call Sam", "call sam!"]  # duplicate merged, evidence kept
    assert merged.celebration.description == "one" and merged.overall_session_quality == "Excellent"
    assert merged.session_summary == "one two three" and merged.key_themes == ["Focus", "one", "two", "three"]

"""Grounded mode's default candidate passages, and how parts overlap and halve."""

from analysis.adapters.analyzers.openai.chunking import halve, render_lines, split
from analysis.adapters.analyzers.openai.passages import SentenceCandidates

from contracts import Transcript, Turn

TRANSCRIPT = Transcript(turns=[
    Turn(speaker="Maya", role="coach", text="Good to see you. What would you like to focus on today?"),
    Turn(speaker="Alice", role="client", text="Work, mostly.  I feel  overwhelmed by the launch! It never ends."),
    Turn(speaker="Maya", role="coach", text="It sounds like a lot. What matters most to you here?"),
    Turn(speaker="Alice", role="client", text="I value my evenings. I will block Thursdays for deep work."),
    Turn(speaker="Bo", role="unknown", text="I think we lost the connection for a second.")])


def test_passages_are_verbatim_sentence_spans_of_their_turn_with_roles_and_hints():
    passages = SentenceCandidates().propose(TRANSCRIPT)
    assert [p.number for p in passages] == list(range(1, len(passages) + 1))
    for p in passages:
        turn = TRANSCRIPT.turns[p.turn_index]
        assert p.text in turn.text and (p.role, p.speaker) == (turn.role, turn.speaker)
    by_text = {p.text: p for p in passages}
    assert by_text["What would you like to focus on today?"].hint == "question"
    assert by_text["I feel  overwhelmed by the launch!"].hint == "feeling"  # the turn's own spacing kept
    assert by_text["I will block Thursdays for deep work."].hint == "commitment"
    assert "value" in by_text["I value my evenings."].hint
    assert by_text["It sounds like a lot."].hint == "reflection"
    assert "Work, mostly." not in by_text  # a client sentence without a cue
    assert by_text["Good to see you."].hint == ""  # every coach sentence: feedback is about the coach's words
    assert by_text["I think we lost the connection for a second."].role == "unknown"


def test_a_capped_list_keeps_the_most_telling_passages_in_transcript_order():
    passages = SentenceCandidates(limit=3).propose(TRANSCRIPT)
    assert [p.hint for p in passages] == ["question", "question", "commitment"]
    assert [p.turn_index for p in passages] == sorted(p.turn_index for p in passages)


def test_parts_overlap_so_every_question_meets_its_answer():
    turns = [Turn(speaker="C" if n % 2 else "A", role="coach" if n % 2 else "client", text=f"turn {n} " + "w " * 60)
             for n in range(1, 21)]
    lines = render_lines(Transcript(turns=turns))
    parts = split(lines, budget_tokens=200, overlap=2)
    numbers = [[line.number for line in part] for part in parts]
    assert all(sum(len(line.text) // 4 + 1 for line in part) <= 200 for part in parts)
    assert all(p[-2:] == q[:2] for p, q in zip(numbers, numbers[1:], strict=False))
    assert all(any(n in p and n + 1 in p for p in numbers) for n in range(1, 20))
    assert split(lines, 200, overlap=0) == split(lines, 200)  # no overlap: every turn once
    assert sum(len(p) for p in split(lines, 200)) == 20


def test_halves_are_strictly_smaller_and_share_a_line():
    lines = render_lines(TRANSCRIPT)
    for size in range(2, 6):
        first, second = halve(lines[:size], overlap=2)
        assert len(first) < size and len(second) < size
        assert first[0] == lines[0] and second[-1] == lines[size - 1]
        assert {line.number for line in first} | {line.number for line in second} == set(range(1, size + 1))
    [one], [two] = halve(lines[1:2], overlap=2)
    assert one.text.startswith("[2] Alice (client) (part 1/2): ")
    assert two.text.startswith("[2] Alice (client) (part 2/2): ")

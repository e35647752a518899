"""Losing someone is an act, not the feeling "lost" ("If I lost him I'd have to rethink the structure" leaves no
feeling for the coach to have ignored; "I feel lost" does), and a topic already inside a theme ("leadership" of
"leadership programme") is not listed again."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def analysed(*lines: tuple[str, str]):
    return analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines]))


def ignored_feelings(client_line: str) -> list[str]:
    result = analysed(("Coach", "What would you like for the team?"), ("Client", client_line),
                      ("Coach", "Could you offer him the quality lead role?"), ("Client", "Maybe. It goes to panel."))
    return [m.observation for m in result.coach_feedback.missed_opportunities if m.pcc_marker.startswith("6.3")]


def test_losing_someone_is_no_feeling_the_coach_ignored():
    assert ignored_feelings("Selfishly, for him to stay. If I lost him I'd probably have to rethink the whole "
                            "structure.") == []


def test_feeling_lost_is():
    assert ignored_feelings("Honestly, I feel lost. I don't know what I'm doing with this team any more.") != []


# a session written to read as a coach would: "leadership" came twice, on its own and inside "leadership programme"
SESSION = [
    ('Coach', 'Welcome back, Harriet. Where would you like to start today?'),
    ('Client', 'With the audit, I think. We passed. No major findings. '
     "I can't believe it, honestly, after the year we've had."),
    ('Coach', 'Congratulations. What made the difference?'),
    ('Client', 'The team, mostly. Joe rebuilt the whole filing system in March and nobody asked him to.'),
    ('Coach', 'And what did you do?'),
    ('Client', 'I kept everyone calm, I suppose. I stopped sending emails at midnight.'),
    ('Coach', "What do you want to take from today's session?"),
    ('Client', "I want to work out what to do about Joe. He's brilliant and he's bored, and I think he'll leave."),
    ('Coach', "What tells you he's bored?"),
    ('Client', 'He said last week, "I\'ll probably look around in the new '
     'year." He laughed when he said it, but he meant it.'),
    ('Coach', 'What would you like for Joe?'),
    ('Client', "For him to grow, even if it's not here. People shouldn't stay in "
     "a job just because leaving is awkward. That's how I've always run teams."),
    ('Coach', 'And what would you like for the team?'),
    ('Client', "Selfishly, for him to stay. If I lost him I'd probably have to rethink the whole structure."),
    ('Coach', 'Could you offer him the quality lead role?'),
    ('Client', "Maybe. But it's not mine to offer, it goes to panel."),
    ('Coach', 'What is yours to offer?'),
    ('Client', "Honestly, more than I've been admitting. I could give him the supplier reviews. I could put him "
     "forward for the leadership programme. I've been sitting on those because I was scared of losing him."),
    ('Coach', 'Scared of losing him.'),
    ('Client', 'Yes. Which is exactly how you lose people. Hold on too tight and they go.'),
    ('Coach', 'So what will you do?'),
    ('Client', "I'm meeting Joe on Wednesday for his one-to-one. I'll ask him what he wants the next "
     "two years to look like, and I'll tell him about the leadership programme, and I'll mean it."),
    ('Coach', 'How will you know it went well?'),
    ('Client', 'If he talks more than I do.'),
    ('Coach', 'How are you leaving today?'),
    ('Client', 'Clearer. Proud of the audit, finally. And a bit exposed, but in a good way.'),
]


def test_a_topic_inside_a_theme_is_not_listed_again():
    themes = analysed(*SESSION).key_themes
    assert "leadership programme" in themes and "leadership" not in themes

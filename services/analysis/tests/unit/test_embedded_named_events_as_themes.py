"""A meeting or a call named by what it is for is a topic ("team meetings", "the board meeting"); alone, or named
by its day, it is filler ("I had a call", "the Monday meeting")."""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn


def themes_of(*client: str) -> list[str]:
    lines = []
    for i, text in enumerate(client):
        lines += [("Coach", "What do you want to focus on today?" if i == 0 else "Say more about that."),
                  ("Client", text)]
    return analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in lines])).key_themes


def test_a_meeting_named_by_what_it_is_for_is_a_theme():
    themes = themes_of("My team meetings. They're a mess and nobody speaks.",
                       "In the team meetings Owen speaks for everyone and the quiet ones give up.",
                       "I dread the team meetings every week now.")
    assert "team meeting" in themes


def test_a_meeting_alone_or_named_by_its_day_is_no_theme():
    themes = themes_of("I had a call with my manager about the restructure.",
                       "Then the Monday meeting went on for two hours and the restructure came up again.",
                       "After the meeting I felt the restructure is happening to me, not with me.")
    assert not {"call", "meeting", "monday meeting"} & set(themes)


# a session written to read as a coach would: the promotion is named once, in the first answer
PROMOTION = [
    ('Coach', "Hi Marcus. What's on your mind today?"),
    ('Client', "The promotion. I didn't get it. They gave it to Sian."),
    ('Coach', 'How are you with that?'),
    ('Client', 'Angry. Embarrassed, mostly. I told my whole family I was getting it.'),
    ('Coach', 'Embarrassed.'),
    ('Client', 'Yeah. My dad kept asking when the new car was coming. '
     'I actually said "any day now". I feel like an idiot.'),
    ('Coach', 'What would be most useful to talk about today?'),
    ('Client', 'Whether I stay. Part of me wants to hand my notice in on Monday just to make a point.'),
    ('Coach', 'And the other part?'),
    ('Client', 'The other part knows I like the work. I like the clients. I '
     'just hate being overlooked. Recognition matters to me, probably more than it should.'),
    ('Coach', 'What did they say about why?'),
    ('Client', 'Paula said I need to show more strategic thinking. Whatever that means.'),
    ('Coach', 'What do you think it means?'),
    ('Client', "Honestly? Probably that I'm always in the weeds. I fix things "
     'myself instead of getting the team to do it. Sian delegates everything.'),
    ('Coach', 'How does that land, saying it out loud?'),
    ('Client', "It stings, but it's fair. I've always thought doing "
     "it myself was the responsible thing. Maybe it's just control."),
    ('Coach', 'What would you like to do with that?'),
    ('Client', "I'm not handing my notice in. Not yet anyway. I'm going to ask Paula for a proper feedback "
     "session next "
     "week, with examples, and I'll pick one project to hand over completely to Dami before the end of the month."),
    ('Coach', 'What will you tell your family?'),
    ('Client', "The truth. That I didn't get it this time."),
    ('Coach', 'How are you feeling now?'),
    ('Client', "Still a bit raw. But less like I've been robbed and more like I've been told something useful."),
]


def test_what_the_client_came_for_is_a_theme_said_once():
    turns = [Turn(speaker=w, role=w.lower(), text=t) for w, t in PROMOTION]
    assert "promotion" in analyze_transcript(Transcript(turns=turns)).key_themes

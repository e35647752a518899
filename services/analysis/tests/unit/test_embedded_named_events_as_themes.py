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


# a session written to read as a coach would: no phrase comes back, and "fairness" is named once
RESTRUCTURE = [
    ('Coach', 'Hello Priyanka. Where are we today?'),
    ('Client', "Honestly, a bit flat. The restructure was announced on Tuesday and my job's in the pool."),
    ('Coach', 'In the pool.'),
    ('Client', 'Eight of us for five roles. Interviews in three weeks.'),
    ('Coach', 'What would you like from this session?'),
    ('Client', "To decide whether I even apply. There's a job in Leeds I've "
     "been looking at. If I got that, I'd move up with the kids."),
    ('Coach', 'On a scale of one to ten, how much do you want the Leeds job?'),
    ('Client', 'Six. Maybe five.'),
    ('Coach', 'And your current job, if you keep it?'),
    ('Client', 'Seven. I like the team. My manager said "you\'ll be fine, you\'re the '
     'safest pair of hands we\'ve got", which was kind, but it doesn\'t help.'),
    ('Coach', 'What does help?'),
    ('Client', "Knowing what I want. I've spent fifteen years being the safe pair "
     "of hands. I'm not sure I want to be safe any more."),
    ('Coach', 'What would you want to be?'),
    ('Client', 'Trusted with something that matters. Not just the thing nobody else wants to do. Fairness is a '
     "big thing for me, and it doesn't feel fair that the quiet ones always get the rubbish projects."),
    ('Coach', 'So what matters in the next role, wherever it is?'),
    ('Client', "That I'm doing something I chose. Leeds or here."),
    ('Coach', "What's your next step?"),
    ('Client', "I'll apply for both. The internal one closes Friday, so I'll do that tomorrow night. "
     "And I'll ring the Leeds recruiter on Monday to ask what the role actually involves."),
    ('Coach', 'How are you feeling now?'),
    ('Client', "Less flat. Like I've got some say in it again."),
]


def test_short_of_two_themes_a_topic_said_once_comes_before_a_bare_noun():
    turns = [Turn(speaker=w, role=w.lower(), text=t) for w, t in RESTRUCTURE]
    themes = analyze_transcript(Transcript(turns=turns)).key_themes
    assert "fairness" in themes and not {"hand", "role"} & set(themes)


def test_what_the_client_is_likened_to_is_no_theme():
    themes = themes_of("The twins have gone to university and everyone tells me to get a hobby. "
                       "A hobby! Like I'm a retired colonel.",
                       "I've been running round like a headless chicken since they left, tidying their rooms.",
                       "It feels as if I'm walking into a lion's den when I go into their rooms.",
                       "Maybe a hobby isn't the worst idea. I used to sing, before the twins.")
    assert not {"retired colonel", "headless chicken", "lion's den", "den", "chicken", "colonel"} & set(themes)
    assert "hobby" in themes

"""An attempt that ended ("I went on the Tuesday and my knee did the thing again, so I stopped.") is a setback,
no win; and a condition said on its own ("If the kids' football doesn't run over.") is no belief. (A session
written for these, read as a coach would: the win and the belief were both reported.)"""

from __future__ import annotations

from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn

SESSION = [
    ('Coach', 'So, Dev, last time you said you wanted to get back into running. Did you go?'),
    ('Client', 'No. Well, once. I went on the Tuesday and my knee did the thing again, so I stopped.'),
    ('Coach', 'Did you see a physio? Have you tried stretching? Is it the same knee as before?'),
    ('Client', "Same knee. No physio. My GP says it's just wear "
     'and tear, which is a lovely thing to hear at forty-three.'),
    ('Coach', 'Do you want to keep going with the running goal?'),
    ('Client', "I don't know. Part of me thinks I'm just not built for it. My brother "
     'ran a marathon last year and everyone kept saying "you\'ll be next, Dev". I won\'t.'),
    ('Coach', 'How does that feel, hearing that?'),
    ('Client', "Honestly, rubbish. Like I'm the family's before photo."),
    ('Coach', 'That sounds painful.'),
    ('Client', "It is. It's not really about running, is it. It's about not being the one who "
     'gives up again. I gave up the guitar, I gave up Spanish, I gave up the allotment.'),
    ('Coach', 'What do those have in common?'),
    ('Client', "I start them for other people. Spanish was for Anya's family. The allotment was my dad's idea. "
     "Running was because of my brother. I don't think I've ever started something just because I wanted it."),
    ('Coach', 'What would you start, if it was just for you?'),
    ('Client', 'Swimming, maybe. I used to love swimming as a kid. Nobody watches you swim. Nobody claps.'),
    ('Coach', "What's stopping you?"),
    ('Client', 'Nothing, really. The leisure centre is ten minutes away. I '
     "just never think of it as exercise because it doesn't hurt."),
    ('Coach', 'So exercise has to hurt?'),
    ('Client', "Apparently that's what I believe. No pain, no gain, my PE teacher used to shout it at us."),
    ('Coach', 'Is that true for you?'),
    ('Client', "No. No, it isn't. I'm laughing because it's so obvious now."),
    ('Coach', 'What do you want to do with that?'),
    ('Client', "I might go swimming on Saturday. If the kids' football doesn't run over."),
    ('Coach', 'Okay. Anything else?'),
    ('Client', "No, I think that's enough. I feel a bit lighter, to be honest."),
]


def analysed():
    return analyze_transcript(Transcript(turns=[Turn(speaker=w, role=w.lower(), text=t) for w, t in SESSION]))


def test_an_attempt_that_ended_is_no_win():
    assert analysed().celebration is None


def test_a_condition_said_on_its_own_is_no_belief():
    assert all("If the kids' football doesn't run over." not in v.evidence for v in analysed().values_beliefs)

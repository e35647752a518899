"""The session's story in plain sentences: what the client came for, what shifted, what they
leave with. Built from the findings and quoting them, so each sentence can be checked."""

from __future__ import annotations

import re

from contracts.insight import Celebration, ClientDiscovery, EmotionalShift, Intention

from .agreement import Agreement
from .themes import ROLES
from .wording import quoted


def summarise(*, client: str, agreement: Agreement | None, themes: list[str], celebration: Celebration | None,
              discovery: ClientDiscovery | None, shifts: list[EmotionalShift], intention: Intention | None,
              other_steps: int, quality: str, coached: bool = True, win_told_early: bool = True,
              set_by_coach: str | None = None, own_step: str | None = None) -> str:
    """`other_steps`: the action items besides the intention (a decision, "I'm taking it.", is none of them).
    `win_told_early`: the client told the win in the session's first quarter (a check-in's news), not
    later on (found when the coach asked what evidence they have). `set_by_coach`: the coach's words that set
    an action for the client (coach feedback's 8.5), told where the session built towards no intention;
    `own_step`: the client's first action item, told beside it (a session the coach steered may still end on
    a step of the client's own: "I'm going to ring Mrs Patel myself though.")."""
    sentences = []
    if agreement is not None and agreement.stated:
        # "came to work on a plan" says nothing of what the plan is for: the session's themes say it
        about = f", about {_join(themes[:2])}" if _GENERIC.match(agreement.goal) and themes else ""
        sentences.append(f"{client} {_came_for(agreement)}{about}.")
    elif themes:
        sentences.append(f"{client} talked mainly about {_join(themes[:3])}.")
    else:
        sentences.append(f"A short exchange with {client.lower() if client.startswith('The ') else client}.")
    if celebration is not None:
        told = "They opened with a win" if win_told_early else "They recognised a win"
        sentences.append(f'{told}: {quoted(celebration.evidence[0])}')
    if discovery is not None:
        sentences.append(f'Along the way they saw something new: {quoted(discovery.insight)}')
    if shifts:
        s = shifts[0]
        sentences.append(f"Their state moved from {s.initial_state.lower()} to {s.final_state.lower()}.")
    if intention is not None:
        # "(Tomorrow)" after a quote that says "Tomorrow" tells nothing
        told = intention.timeline and intention.timeline.lower() not in intention.behavior_change.lower()
        when = f" ({intention.timeline})" if told else ""
        more = f", with {_count(other_steps)} more step{'s' if other_steps != 1 else ''}" if other_steps else ""
        # (a bare quote closes the sentence itself: never 'on Thursday.".')
        sentences.append(f'They leave intending to act: {quoted(intention.behavior_change)}{when}{more}')
    elif set_by_coach and own_step:
        sentences.append(f"They leave with a step the coach set, {quoted(set_by_coach)}, and one of their own: "
                         f"{quoted(own_step)}")
    elif set_by_coach:
        sentences.append(f"They leave with a step the coach set rather than one of their own: {quoted(set_by_coach)}")
    else:
        sentences.append("They leave without a concrete next step.")
    sentences.append(f"Coaching quality: {quality.lower()}." if coached
                     else "No coach spoke, so the coaching is not rated.")
    return " ".join(_close(s) for s in sentences)


_GENERIC = re.compile(r"^(?:a |an |the |some )?(?:plan|decision|choice|answer|clarity|idea|way forward|next steps?|"
                      r"yes or (?:a )?no|decision about what to do|plan of action|direction)$", re.I)


_KNOWING = {"knowing": "know", "having": "have", "feeling": "feel", "understanding": "understand"}


def _came_for(agreement: Agreement) -> str:
    """"came wanting to walk into the meeting clear" for a goal that is an act, "came to work on
    the restructure" for a thing."""
    first = agreement.goal.split()[0]
    doc = agreement.sentence.doc if agreement.sentence is not None else ()
    # (an adverb may come first: "came wanting to actually decide", never "came to work on actually decide")
    verb = agreement.goal.split()[1] if len(agreement.goal.split()) > 1 and any(
        t.lower_ == first and t.tag_ == "RB" for t in doc) else first
    if any(t.lower_ == verb and t.tag_ == "VB" for t in doc):
        return f"came wanting to {agreement.goal}"
    if len(agreement.goal.split()) <= 3 and agreement.goal.split()[-1].lower() in ROLES:  # "My son." names who, not what: "came to talk about their son"
        return f"came to talk about {agreement.goal}"
    if first in _KNOWING:  # "came wanting to know what the first month looks like", not "to work on knowing"
        return f"came wanting to {_KNOWING[first]} {agreement.goal.split(' ', 1)[1]}" if " " in agreement.goal \
            else f"came to work on {agreement.goal}"
    if first == "if":  # "came to work on whether they stay", never "on if they stay"
        return f"came to work on whether {agreement.goal[3:]}"
    if _GENERIC.match(agreement.goal) and first not in ("a", "an", "the", "some") and agreement.goal not in ("clarity", "next steps"):
        return f"came to work on a {agreement.goal}"  # "a plan", never "on plan"
    return f"came to work on {agreement.goal}"


def _count(n: int) -> str:
    """A count as a sentence says it: "two more steps", not "2 more steps"."""
    return ("one two three four five six seven eight nine ten".split()[n - 1]) if 1 <= n <= 10 else str(n)


def _close(s: str) -> str:
    return s if s.endswith((".", "!", "?", '"')) else s + "."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

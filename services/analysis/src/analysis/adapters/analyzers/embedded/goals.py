"""Goal progress: the goal of the session (its agreement) and the areas the client committed
to act on, each with progress consistent with what the session shows: a win on it is
Significant, a firm plan Moderate, talk alone Minimal, a setback a Setback."""

from __future__ import annotations

import re

import msgspec

from contracts.insight import Celebration, GoalProgress

from . import commitments, concepts, semantic, themes
from .agreement import Agreement
from .beliefs import OBSTACLE_QUESTION
from .commitments import Commitment
from .evidence import dedupe, quote
from .language import Sentence
from .wording import quoted

MAX_GOALS = 3
RELATED = 0.45
# A setback the client tells of their own doing or of how it went ("I slipped twice", "it went badly"); not
# someone else's ("she went back to her iPad") nor a hope or a maybe ("hoping the reorg means I couldn't...").
_SETBACK = re.compile(
    r"\b(?:i|we)(?:'ve| have)? (?:\w+ ){0,2}?(?:slipped|relapsed|went back to|gave up|fell off|didn't manage|couldn't|"
    r"messed (?:it )?up|screwed (?:it )?up|missed (?:it|the))\b|"
    r"\b(?:it|that|things|everything|the \w+) (?:\w+ )?(?:got worse|fell apart|went badly|didn't go well|backfired)\b",
    re.I,
)
_NOT_SO = re.compile(r"\b(?:hop(?:e|es|ed|ing)|if|would|'d|wish(?:ing)?|might|maybe|in case)\b", re.I)
_BARRIER = re.compile(
    r"\b(?:hard|difficult|struggle|struggling|can't|afraid|scared|no time|busy|tired|pressure|worried|stuck|"
    r"in the way|blocks?|blocking|resist\w*|avoid\w*)\b",
    re.I,
)


def goal_progress(agreement: Agreement | None, commitments: list[Commitment], celebration: Celebration | None,
                  sentences: list[Sentence], names: set[str], session=None) -> list[GoalProgress]:
    # each area with the commitments that are steps on it, the session's agreement first
    areas: list[tuple[str, list[Commitment], list[str], bool]] = []
    used: set[int] = set()
    related = [i for i, c in enumerate(commitments) if agreement is not None and _related(agreement.goal, c.text)]
    # a goal guessed from the answer's first noun ("car park" from "Lunchtimes, in the car park, ...") is a
    # goal area only where the client's plan is about it; alone it would pair a win or a plan with a thing
    agreed = agreement is not None and (agreement.stated or bool(related))
    if agreement is not None and agreed:
        used.update(related)
        # A win told while stating the goal, or just after, is progress on that goal.
        near = range(agreement.answer.index, agreement.answer.index + 4)
        won_here = celebration is not None and any(
            s.turn.index in near and quote(s.turn, s.span) in celebration.evidence for s in sentences)
        areas.append((agreement.goal, [commitments[i] for i in related],
                      [quote(agreement.answer, agreement.sentence.span)] if agreement.sentence else [], won_here))
    unplaced = []
    for i, c in enumerate(commitments):
        if i in used or c.level == "Low":
            continue
        area = _area(c, names) if len(areas) < MAX_GOALS else None
        known = next((a for a in areas if area and _related(area, a[0])), None)
        if known is not None:
            known[1].append(c)
            used.add(i)
        if not area or known is not None:
            unplaced.append(i)
            continue
        same = [j for j, d in enumerate(commitments) if j not in used and _related(area, d.text)] or [i]
        used.update(same)
        areas.append((area, [commitments[j] for j in same], [], False))
    if agreed:
        # A plan that names no area of its own ("keep email closed until eleven and write from nine") is the
        # client's step on what they came for: left out, the goal would read "no step reported" beside it.
        areas[0][1].extend(commitments[i] for i in unplaced if i not in used)
    goals = [_goal(area, steps, celebration, sentences, evidence, won=won) for area, steps, evidence, won in areas]
    return _with_obstacles(goals, [steps for _, steps, _, _ in areas], session) if session is not None else goals


def _with_obstacles(goals: list[GoalProgress], steps: list[list[Commitment]], session) -> list[GoalProgress]:
    """What the client answered "What might get in the way?" with ("The lads. And rain.") is a barrier, in
    whatever words: on the goal whose plan came last before the question (or the first goal)."""
    if not goals:
        return goals
    answered: dict[int, str] = {}
    for turn in session.client_turns:
        index, asked = turn.index, session.previous_turn(turn)
        if turn.spans and asked is not None and not asked.is_client \
                and OBSTACLE_QUESTION.search(asked.text.replace("\u2019", "'")):
            # "Me." says little alone: the answer up to its first dozen words ("Me. The first time a variance is
            # off, I'll want to grab it all back.")
            upto = next((i for i in range(len(turn.spans)) if len(turn.text[:turn.spans[i].end].split()) >= 8),
                        min(2, len(turn.spans) - 1))
            answered[index] = turn.text[turn.spans[0].start:turn.spans[min(upto, 2)].end]
    for at, said in answered.items():
        planned = [max((c.turn.index for c in plan if c.turn.index < at), default=-1) for plan in steps]
        which = max(range(len(goals)), key=lambda i: (planned[i], -i)) if max(planned) >= 0 else 0
        g = goals[which]
        goals[which] = msgspec.structs.replace(g, barriers_identified=dedupe([said, *g.barriers_identified], limit=3))
    return goals



def _goal(area: str, steps: list[Commitment], celebration: Celebration | None, sentences: list[Sentence],
          evidence: list[str], won: bool = False) -> GoalProgress:
    target = semantic.vector(area)
    mentions = [s for s in sentences if s.turn.is_client and not s.is_question
                and (float(s.vector @ target) >= RELATED or _shares(area, s.text)
                     or bool(set(concepts.topics(area)) & set(concepts.topics(s.text))))]
    win = celebration is not None and (won or any(_related(area, e) for e in celebration.evidence))
    setback = next((s for s in mentions if _SETBACK.search(t := s.text.replace("\u2019", "'")) and not _NOT_SO.search(t)),
                   None)
    firm = [c for c in steps if c.level == "High"]
    if win:
        level, how = "Significant", f'Progress already made: {quoted(celebration.evidence[0])}'
    elif setback is not None:
        level, how = "Setback", f'A setback: {quoted(quote(setback.turn, setback.span))}'
    elif firm:
        level, how = "Moderate", f'The client left with a plan: {quoted(firm[0].text)}'
    elif steps:
        level, how = "Minimal", f'The client is considering a step: {quoted(steps[0].text)}'
    else:
        level, how = "Minimal", "Explored in the session; no step or change reported yet."
    # (a line the client means to say, in quotation marks, is how they will meet it: "Karen, I can't give you that one")
    # (nor is the client's way of holding themselves to it: "Kasia will ask me Thursday night, so I can't dodge it.")
    barriers = [quote(s.turn, s.span) for s in mentions if _BARRIER.search(s.text)
                and s.text.lstrip()[:1] not in "\"\u201c"
                and not commitments.HELD_TO_IT.search(s.text.replace("\u2019", "'"))]
    quotes = evidence + [c.text for c in steps] + [quote(s.turn, s.span) for s in mentions]
    return GoalProgress(
        goal_area=area,
        progress_description=how,
        progress_level=level,
        barriers_identified=dedupe(barriers, limit=2),
        next_steps=dedupe([c.text for c in steps], limit=3),
        evidence=dedupe(quotes, limit=3),
    )


def _area(c: Commitment, names: set[str]) -> str | None:
    """What a commitment is about: the coaching topic it points to ("delegation"), else the
    noun phrase it acts on ("vendor contracts"), never a person, a date or a lone noun."""
    named = concepts.topics(c.sentence.text)
    if named:
        return named[0]
    chunks = [ch for ch in c.sentence.doc.noun_chunks
              if ch.root.i > c.verb.i and ch.root.pos_ == "NOUN" and _acted_on(ch.root, c.verb)]
    # one noun alone ("door", "date", "sentence") names a thing handled, not an area to progress in
    phrases = [p for p in (themes.clean(ch, names) for ch in chunks) if p and " " in p]
    # a person ("my current sister") or a thing handled on the way ("the kitchen table") is no area to progress in
    phrases = [p for p in phrases if p.split()[-1] not in themes.ROLES]
    things = set(themes.physical(phrases))  # one embedding pass, not one per phrase
    phrases = [p for p in phrases if p not in things]
    return max(phrases, key=lambda p: (len(p.split()), -len(p)), default=None) if phrases else None


_CLAUSES = {"advcl", "relcl", "acl", "ccomp", "csubj", "parataxis"}


def _acted_on(noun, verb) -> bool:
    """The noun is what the committed act is done to or with ("send the vendor contracts", "a book
    about the growers"), not part of a clause hung on it ("before I lose my nerve")."""
    tok = noun
    while tok.i != verb.i:
        if tok.dep_ in _CLAUSES or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _related(a: str, b: str) -> bool:
    return _shares(a, b) or bool(set(concepts.topics(a)) & set(concepts.topics(b))) or semantic.similarity(a, b) >= RELATED


def _shares(a: str, b: str) -> bool:
    return bool(set(re.findall(r"[a-z]{4,}", a.lower())) & set(re.findall(r"[a-z]{4,}", b.lower())))

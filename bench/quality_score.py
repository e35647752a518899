"""Score the embedded analyzer on one half of the labelled coaching set (bench/quality).

load_set() checks the set before anything runs (every gold string verbatim in one turn,
every session in exactly one half of split.json); score_half() runs the analyzer on the
given sessions and tallies every figure bench/analysis_quality.py prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections import Counter

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript, encoder, sentence_scorer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import annomi  # noqa: E402  (bench/ is not a package; reuse its transcript parser)
from quality_match import (  # noqa: E402
    evidence_quotes, feedback_items, intention_texts, matches, predicted, shift_direction,
    theme_flags, theme_matches,
)

try:  # role inference is checked while the analyzer has it; a rewrite may drop it
    from analysis.adapters.analyzers.embedded.session import resolve_roles
except ImportError:  # pragma: no cover
    resolve_roles = None

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quality")
SECTIONS = ("powerful_questions", "action_items", "celebration", "client_discoveries",
            "core_values", "limiting_beliefs", "empowering_beliefs")
QUALITY = ["Needs Improvement", "Average", "Good", "Excellent"]
FEEDBACK_MIN_CONTAIN = 2  # coach quotes are short ("Say more about that.")


def load_set() -> tuple[dict[str, list[str]], dict[str, tuple]]:
    """({"tune": stems, "report": stems}, {stem: (transcript, gold)}); exits on a broken set."""
    with open(os.path.join(HERE, "split.json"), encoding="utf-8") as f:
        split = json.load(f)
    halves = {"tune": split["tune"], "report": split["report"]}
    stems = sorted(n[:-4] for n in os.listdir(os.path.join(HERE, "transcripts")) if n.endswith(".txt"))
    placed = Counter(halves["tune"] + halves["report"])
    if sorted(placed) != stems or max(placed.values()) > 1:
        raise SystemExit("split.json must place every session in exactly one half")
    sessions = {}
    for stem in stems:
        transcript = annomi.parse(os.path.join(HERE, "transcripts", stem + ".txt"))
        with open(os.path.join(HERE, "gold", stem + ".json"), encoding="utf-8") as f:
            gold = json.load(f)
        turns = [t.text for t in transcript.turns]
        fb = gold.get("coach_feedback") or {}
        quoted = [(s, g) for s in SECTIONS for g in gold.get(s, [])]
        quoted += [("intention", gold["intention"])] if gold.get("intention") else []
        quoted += [(f"coach_feedback.{k}", g) for k in ("strengths", "missed") for g in fb.get(k, [])]
        for section, g in quoted:  # gold must quote the transcript, or the set is broken
            if not any(g in t for t in turns):
                raise SystemExit(f"{stem}: gold {section} not verbatim: {g!r}")
        sessions[stem] = (transcript, gold)
    return halves, sessions


def _new_tally() -> dict:
    t = {s: Counter() for s in SECTIONS}
    t["misc"] = Counter()
    return t


def _score_items(golds: list[str], items: list[list[str]], unit_all: bool) -> tuple[list[bool], list[tuple]]:
    """(hit per predicted item, (gold unit, hit) per gold unit); celebration's golds are one unit."""
    units = [golds] if unit_all and golds else [[g] for g in golds]
    hit_items = [any(matches(g, x) for g in golds for x in item) for item in items]
    hit_units = [(u, any(matches(g, x) for g in u for item in items for x in item)) for u in units]
    return hit_items, hit_units


def score_half(stems: list[str], sessions: dict, verbose: bool = False, scorers: dict | None = None,
               answers: dict[str, dict] | None = None, encoders: dict | None = None) -> dict:
    """`scorers`: {stem: sentence-scorer weights} to analyze a session with instead of the shipped ones;
    `encoders`: {stem: the held-out encoder probabilities to read it with (train_encoder.fold_encoders' tables), or
    the directory of another fine-tuned encoder} likewise (encoder.using);
    `answers`: {stem: content} to score instead of the analyzer's (a second labeller's, say)."""
    tally = _new_tally()
    m = tally["misc"]
    for stem in stems:
        transcript, gold = sessions[stem]
        turns = [t.text for t in transcript.turns]
        if gold.get("roles") and resolve_roles is not None:
            got = dict(zip((t.speaker for t in transcript.turns), resolve_roles(transcript)))
            m["roles_n"] += len(gold["roles"])
            m["roles_ok"] += sum(got.get(name) == role for name, role in gold["roles"].items())
        started = time.perf_counter()
        if answers is not None:
            content = answers[stem]
        else:
            with (sentence_scorer.using(scorers[stem]) if scorers else contextlib.nullcontext(),
                  encoder.using(encoders[stem]) if encoders else contextlib.nullcontext()):
                content = msgspec.to_builtins(analyze_transcript(transcript))
        m["ms"] += (time.perf_counter() - started) * 1000
        m["words"] += sum(len(t.split()) for t in turns)
        say = (lambda *a: print(f"  {stem}", *a)) if verbose else (lambda *a: None)

        pred = predicted(content)
        for section in SECTIONS:
            hit_items, hit_units = _score_items(gold.get(section, []), pred[section], section == "celebration")
            t = tally[section]
            t["gold"] += len(hit_units)
            t["pred"] += len(hit_items)
            t["tp_pred"] += sum(hit_items)
            t["tp_gold"] += sum(ok for _, ok in hit_units)
            for item, ok in zip(pred[section], hit_items):
                if not ok:
                    say(f"{section} extra: {item[0]!r}")
            for unit, ok in hit_units:
                if not ok:
                    say(f"{section} missed: {unit[0]!r}")

        if not gold.get("celebration"):
            m["no_win_n"] += 1
            m["no_win_false"] += bool(pred["celebration"])
        want, got = gold.get("intention"), intention_texts(content)
        if want:
            m["intent_n"] += 1
            hit = any(matches(want, x) for x in got)
            m["intent_ok"] += hit
            if not hit:
                say(f"intention missed: {want!r} (pred {got[0] if got else None!r})")
        elif got:
            m["intent_false"] += 1
            say(f"intention extra: {got[0]!r}")

        gold_themes, names = gold.get("themes", []), gold.get("names", [])
        themes = [t for t in content.get("key_themes") or [] if isinstance(t, str)]
        m["themes_pred"] += len(themes)
        m["themes_gold"] += len(gold_themes)
        for theme in themes:
            ok = any(theme_matches(theme, alt) for g in gold_themes for alt in g)
            named, filler = theme_flags(theme, names, gold_themes)
            m["themes_pred_ok"] += ok
            m["themes_named"] += named
            m["themes_filler"] += filler
            if not ok or named or filler:
                say(f"theme {'named ' if named else ''}{'filler ' if filler else ''}"
                    f"{'' if ok else 'extra '}: {theme!r}")
        for g in gold_themes:
            ok = any(theme_matches(theme, alt) for theme in themes for alt in g)
            m["themes_gold_ok"] += ok
            if not ok:
                say(f"theme missed: {g[0]!r}")

        shift_gold, shift_pred = gold["emotional_shift"], shift_direction(content)
        if shift_gold["present"]:
            m["shift_n"] += 1
            m["shift_ok"] += shift_pred == shift_gold["direction"]
            m["shift_unseen"] += shift_pred is None
        else:
            m["noshift_n"] += 1
            m["shift_false"] += shift_pred is not None

        fb = gold.get("coach_feedback") or {}
        for kind, other in (("strengths", "missed"), ("missed", "strengths")):
            items = feedback_items(content, kind)
            quotes = [q for item in items for q in item]
            for g in fb.get(kind, []):
                ok = any(matches(g, q, FEEDBACK_MIN_CONTAIN) for q in quotes)
                m[f"fb_{kind}_n"] += 1
                m[f"fb_{kind}_ok"] += ok
                if not ok:
                    say(f"coach_feedback {kind} missed: {g!r}")
            m["fb_pred"] += len(items)
            m["fb_crossed"] += sum(any(matches(g, q, FEEDBACK_MIN_CONTAIN) for g in fb.get(other, []) for q in item)
                                   for item in items)

        q_gold = QUALITY.index(gold["overall_session_quality"])
        label = content.get("overall_session_quality")
        q_pred = QUALITY.index(label) if label in QUALITY else None
        m["n"] += 1
        m["q_exact"] += q_gold == q_pred
        m["q_within"] += q_pred is not None and abs(q_gold - q_pred) <= 1
        say(f"quality gold={QUALITY[q_gold]} pred={label}; "
            f"shift gold={shift_gold['direction']} pred={shift_pred}")

        found = evidence_quotes(content)
        m["quotes"] += len(found)
        m["verbatim"] += sum(any(q in t for t in turns) for q in found)
        for q in found:
            if not any(q in t for t in turns):
                say(f"evidence not verbatim: {q!r}")
    return tally

"""How far two careful human labellers agree on the labelled coaching set: the ceiling the
analyzer's figures are read against.

    uv run --no-sync python bench/label_agreement.py [--analyzer]

bench/quality/second_labeller/ holds a second, independent labelling of 12 tuning-half
sessions, made by a labeller who never saw the gold, the analyzer or its output. Its labels
are scored against the gold exactly as the analyzer's output is (bench/quality_score.py), so
each row reads as "a second person, measured like the analyzer". `--analyzer` adds the
analyzer on the same 12 sessions, each scored with a sentence scorer trained without it.
"""

from __future__ import annotations

import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import analysis_quality  # noqa: E402
from quality_score import load_set, score_half  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quality", "second_labeller")
BELIEFS = (("core_values", "Core Value"), ("limiting_beliefs", "Limiting Belief"),
           ("empowering_beliefs", "Empowering Belief"))
DIRECTION = {"negative_to_positive": "improved", "positive_to_negative": "declined"}


def as_content(gold: dict) -> dict:
    """A labelling in the shape of the analyzer's output (the fields bench/quality_match.py reads)."""
    shift = gold.get("emotional_shift") or {}
    feedback = gold.get("coach_feedback") or {}
    wins = gold.get("celebration") or []
    return {
        "powerful_questions": [{"question": q} for q in gold.get("powerful_questions", [])],
        "action_items": [{"action": a} for a in gold.get("action_items", [])],
        "celebration": {"description": wins[0], "evidence": wins} if wins else None,
        "client_discoveries": [{"insight": d} for d in gold.get("client_discoveries", [])],
        "values_beliefs": [{"type": kind, "description": d} for key, kind in BELIEFS for d in gold.get(key, [])],
        "emotional_shifts": ([{"direction": DIRECTION[shift["direction"]]}]
                             if shift.get("present") and shift.get("direction") in DIRECTION else []),
        "overall_session_quality": gold.get("overall_session_quality"),
        "key_themes": [t[0] for t in gold.get("themes", []) if t],
        "intention": {"behavior_change": gold["intention"]} if gold.get("intention") else None,
        "coach_feedback": {"strengths": [{"evidence": [q]} for q in feedback.get("strengths", [])],
                           "missed_opportunities": [{"evidence": [q]} for q in feedback.get("missed", [])]},
    }


def main() -> None:
    halves, sessions = load_set()
    second = {os.path.basename(p)[:-5]: json.load(open(p, encoding="utf-8"))
              for p in sorted(glob.glob(os.path.join(HERE, "*.json")))}
    stems = sorted(second)
    if not set(stems) <= set(halves["tune"]):
        raise SystemExit("the second labelling covers tuning-half sessions only")
    tallies = {"second labeller": score_half(stems, sessions, answers={s: as_content(second[s]) for s in stems})}
    if "--analyzer" in sys.argv:
        from train_sentence_scorer import cross_fitted

        tallies["analyzer (cross-fitted)"] = score_half(stems, sessions, scorers=cross_fitted(halves["tune"], sessions))
    width = analysis_quality.W + 4
    print(f"{len(stems)} tuning-half sessions, scored against the gold")
    print(f"{'':<32}" + "".join(f"{name:<{width}}" for name in tallies))
    for label, cells in analysis_quality.rows(tallies, None):
        if not label.startswith(("ms per", "evidence verbatim", "named roles")):
            print(f"{label:<32}" + "".join(f"{c:<{width}}" for c in cells))


if __name__ == "__main__":
    main()

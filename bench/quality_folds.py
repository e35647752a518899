"""The quick tuning loop: four folds of the tuning half, scored with sentence-scorer weights trained without them.

    uv run --no-sync python bench/quality_folds.py [--train] [-v] [--folds N]

`just bench-quality` retrains the scorer on all seven folds of the tuning half and scores the report half and
AnnoMI too (close to three hours on two cores); a rule change is checked faster here: the weights for four of the
seven folds (train_sentence_scorer.cross_fitted's folds 0-3, 176 of the 308 tuning sessions) are trained once, with
`--train` (about 35 minutes on two cores) and kept in ~/.cache/session-insights/quality-folds, and scoring their
sessions takes about two minutes. Retrain after a change to what the scorer reads (the pool of statements, its features); a change the
scorer's inputs do not see needs none. `-v` lists the misses; `--folds N` scores the first N of the four only. Each
session is read by an encoder fitted without its fold too (bench/train_encoder.py's held-out probabilities). The
report half is never read here.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train_encoder  # noqa: E402
import train_sentence_scorer as trainer  # noqa: E402
from quality_score import SECTIONS, load_set, score_half  # noqa: E402

FOLDS_SCORED = 4
CACHE = Path(os.environ.get("QUALITY_FOLDS_CACHE", Path.home() / ".cache" / "session-insights" / "quality-folds"))


def folds(stems: list[str]) -> list[list[str]]:
    """The first FOLDS_SCORED of cross_fitted's folds (the same split bench-quality uses)."""
    return [stems[i::trainer.FOLDS] for i in range(FOLDS_SCORED)]


def train(stems: list[str], sessions: dict) -> None:
    rows, questions = trainer.rows_of(stems, sessions)
    CACHE.mkdir(parents=True, exist_ok=True)
    for i, fold in enumerate(folds(stems)):
        kept = set(fold)
        weights = trainer.train(rows.subset(np.array([k[0] not in kept for k in rows.keys])),
                                questions.subset(np.array([k[0] not in kept for k in questions.keys])), sessions)
        weights["held_out"] = sorted(fold)  # which sessions these weights never saw (checked when scoring)
        (CACHE / f"fold{i}.json").write_text(json.dumps(weights), encoding="utf-8")
        print(f"trained fold {i} ({len(fold)} sessions held out)", flush=True)


def main(argv: list[str]) -> int:
    halves, sessions = load_set()
    stems = halves["tune"]
    if "--train" in argv:
        train(stems, sessions)
    scored = int(argv[argv.index("--folds") + 1]) if "--folds" in argv else FOLDS_SCORED
    scorers = {}
    for i, fold in enumerate(folds(stems)[:scored]):
        path = CACHE / f"fold{i}.json"
        if not path.exists():
            print(f"no weights at {path}: run with --train first")
            return 2
        weights = json.loads(path.read_text(encoding="utf-8"))
        if weights.get("held_out") != sorted(fold):
            # sessions added to the tuning half move the folds: old weights would score sessions they learned from
            print(f"the weights at {path} were trained on another split of the tuning half: run with --train")
            return 2
        scorers |= {stem: weights for stem in fold}
    encoders = train_encoder.fold_encoders(folds(stems), range(scored))
    if encoders is None:
        return 2
    tally = score_half(list(scorers), sessions, verbose="-v" in argv, scorers=scorers, encoders=encoders)
    for section in SECTIONS:
        t = tally[section]
        p = t["tp_pred"] / t["pred"] if t["pred"] else 0.0
        r = t["tp_gold"] / t["gold"] if t["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{section.replace('_', ' '):<22} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({t['pred']} predicted, {t['gold']} gold)")
    m = tally["misc"]
    print(f"shift direction right {m['shift_ok']}/{m['shift_n']} (seen as none {m['shift_unseen']}), "
          f"false shifts {m['shift_false']}/{m['noshift_n']}")
    print(f"intention hit {m['intent_ok']}/{m['intent_n']} (named where the gold has none {m['intent_false']}/"
          f"{m['n'] - m['intent_n']}); a win where the gold has none {m['no_win_false']}/{m['no_win_n']}")
    print(f"quality exact {m['q_exact']}/{m['n']}; "
          f"themes matching gold {m['themes_pred_ok']}/{m['themes_pred']}, gold themes found {m['themes_gold_ok']}/"
          f"{m['themes_gold']}")
    print(f"feedback missed found {m['fb_missed_ok']}/{m['fb_missed_n']}, strengths {m['fb_strengths_ok']}/"
          f"{m['fb_strengths_n']}, wrong kind {m['fb_crossed']} of {m['fb_pred']}")
    print(f"evidence verbatim {m['verbatim']}/{m['quotes']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

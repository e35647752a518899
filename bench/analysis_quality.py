"""Quality harness for the embedded analyzer: labelled coaching set (tune | report) + AnnoMI dev.

    uv run --no-sync python bench/analysis_quality.py [-v] [--half tune|report]

(`just bench-quality [-v]`; `--half` scores that half alone, without AnnoMI.)

Prints three columns side by side:
- tune: the sessions of bench/quality/split.json's "tune" half (rules are tuned and the
  analyzer's sentence scorer is trained on it). Each tuning session is scored with a sentence
  scorer trained on the other folds of the half (train_sentence_scorer.cross_fitted), so the
  column measures sessions the scorer never saw, as the report column does. `-v` lists this
  half's misses, and only this half's.
- report: the other half, never tuned on. `--half report -v` refuses: nobody reads its misses.
- AnnoMI dev (../shared/eval/annomi-dev, scored by the set's own score.py): only where a
  figure compares (question precision / open-question recall, evidence grounding, speed),
  plus its own figures at the end. Skipped with one line when the data is absent (it is
  never copied into the repo).

Rows: per section precision / recall / F1 (powerful questions, action items, celebration,
discoveries, core values, limiting and empowering beliefs; micro-averaged, matching rule in
bench/quality_match.py); intention hit rate (sessions whose gold has one) and intentions
predicted where gold has none; themes (predicted themes matching a gold theme, gold themes
found, predicted themes naming a person / holding filler); emotional-shift direction
accuracy (gold shift present) and false shifts (gold: none); coach feedback (gold strengths
/ missed opportunities found in the evidence of predicted strengths / missed
opportunities, and predicted items quoting a line of the other kind); quality label exact
and within one level; evidence quotes verbatim in a turn (must be 1.000); named-speaker
roles inferred; analyzer ms per 1,000 words. Then the F1 gap tune - report per section,
flagged when > 0.1. Exit status 1 when an evidence quote is not verbatim.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript
from contracts.transcript import Transcript, Turn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import annomi  # noqa: E402
from quality_score import SECTIONS, load_set, score_half  # noqa: E402
from train_encoder import fold_encoders  # noqa: E402
from train_sentence_scorer import FOLDS, cross_fitted  # noqa: E402

GAP_FLAG = 0.1
W = 20  # column width
ANNOMI_EXTRA = {"(b) commitment grounding (client lines)": "annomi: commitments grounded",
                "commitments matching change talk": "annomi: change-talk commitments",
                "(c) quality AUC (high vs low MI)": "annomi: quality AUC high/low MI",
                "quality point-biserial r": "annomi: quality point-biserial r"}


def ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def f1(p: float | None, r: float | None) -> float | None:
    """Harmonic mean; an undefined side (nothing predicted, or no gold) counts as 0 unless both are."""
    if p is None and r is None:
        return None
    p, r = p or 0.0, r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def fmt(v: float | None, n: str = "") -> str:
    return ("n/a" if v is None else f"{v:.3f}") + (f" ({n})" if n else "")


def prf(t) -> tuple:
    p, r = ratio(t["tp_pred"], t["pred"]), ratio(t["tp_gold"], t["gold"])
    return p, r, f1(p, r)


def run_annomi() -> dict | None:
    """score.py's metrics on the analyzer's AnnoMI dev outputs, plus ms per 1,000 words."""
    gold_dir = os.path.abspath(annomi.DEFAULT_DIR)
    paths = sorted(glob.glob(os.path.join(gold_dir, "[0-9]*.txt")))
    scorer = os.path.join(os.path.dirname(gold_dir), "score.py")
    if not paths or not os.path.exists(scorer):
        print(f"annomi: skipped, no data at {gold_dir}")
        return None
    out_dir = tempfile.mkdtemp(prefix="annomi-quality-")
    ms = words = 0.0
    for path in paths:
        transcript = annomi.parse(path)
        started = time.perf_counter()
        content = msgspec.to_builtins(analyze_transcript(transcript))
        ms += (time.perf_counter() - started) * 1000
        words += sum(len(t.text.split()) for t in transcript.turns)
        stem = os.path.basename(path)[: -len(".txt")]
        with open(os.path.join(out_dir, stem + ".json"), "wb") as f:
            f.write(msgspec.json.encode({"id": stem, "status": "completed", **content}))
    report = os.path.join(out_dir, "report.json")
    subprocess.run([sys.executable, scorer, out_dir, "--gold", gold_dir, "--json", report],
                   capture_output=True, text=True, check=False)
    if not os.path.exists(report):
        print("annomi: score.py wrote no report; outputs in " + out_dir)
        return None
    with open(report, encoding="utf-8") as f:
        data = json.load(f)
    return dict(metrics=data["metrics"], summary=data["summary"], n=len(paths), ms_per_1k=ms / words * 1000)


def warm_up() -> None:
    """One small analysis first, so lazy model loading is not timed as the tune half's speed."""
    analyze_transcript(Transcript(turns=[Turn(speaker="Coach", role="coach", text="What would you like to focus on?"),
                                         Turn(speaker="Client", role="client", text="I'll call her tomorrow.")]))


def rows(tallies: dict, annomi_r: dict | None) -> list[tuple[str, list[str]]]:
    """(label, one cell per column) for every row of the table."""
    out = []
    cols = list(tallies.values())
    am = annomi_r["metrics"] if annomi_r else {}
    for s in SECTIONS:
        cells = []
        for t in cols:
            p, r, f = prf(t[s])
            cells.append(" ".join(f"{fmt(v):<5}" for v in (p, r, f)))
        if annomi_r and s == "powerful_questions":
            qp, qr = am.get("(a) question precision (vs gold questions)"), am.get("open-question recall")
            cells.append(" ".join(f"{fmt(v):<5}" for v in (qp, qr)) + " -")
        out.append((f"{s.replace('_', ' ')} P R F1", cells))

    def row(label: str, cell, annomi_cell: str = "") -> None:
        out.append((label, [cell(t["misc"]) for t in cols] + ([annomi_cell] if annomi_cell else [])))

    def share(ok: str, n: str):
        return lambda m: fmt(ratio(m[ok], m[n]), f"{m[ok]}/{m[n]}")

    row("celebration, gold none", lambda m: f"{m['no_win_false']} of {m['no_win_n']}")
    row("intention hit", share("intent_ok", "intent_n"))
    row("intention, gold none", lambda m: f"{m['intent_false']} of {m['n'] - m['intent_n']}")
    row("themes matching gold", share("themes_pred_ok", "themes_pred"))
    row("gold themes found", share("themes_gold_ok", "themes_gold"))
    row("themes named / filler", lambda m: f"{m['themes_named']} / {m['themes_filler']}")
    row("shift direction right", share("shift_ok", "shift_n"))
    row("shifts seen as none", lambda m: f"{m['shift_unseen']} of {m['shift_n']}")
    row("false shifts", lambda m: f"{m['shift_false']} of {m['noshift_n']}")
    row("feedback strengths found", share("fb_strengths_ok", "fb_strengths_n"))
    row("feedback missed found", share("fb_missed_ok", "fb_missed_n"))
    row("feedback wrong kind", lambda m: f"{m['fb_crossed']} of {m['fb_pred']}")
    row("quality label exact", share("q_exact", "n"))
    row("quality within one", share("q_within", "n"))
    row("evidence verbatim", share("verbatim", "quotes"), fmt(am.get("(d) evidence grounding")) if annomi_r else "")
    row("named roles inferred", share("roles_ok", "roles_n"))
    row("ms per 1,000 words", lambda m: f"{m['ms'] / m['words'] * 1000:.0f}" if m["words"] else "n/a",
        f"{annomi_r['ms_per_1k']:.0f}" if annomi_r else "")
    row("sessions / words", lambda m: f"{m['n']} / {m['words']:.0f}", str(annomi_r["n"]) if annomi_r else "")
    for name, label in ANNOMI_EXTRA.items() if annomi_r else ():
        out.append((label, [""] * len(cols) + [fmt(am.get(name))]))
    if annomi_r:
        out.append(("annomi: score.py score", [""] * len(cols) + [fmt(annomi_r["summary"])]))
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    half = argv[argv.index("--half") + 1] if "--half" in argv and argv.index("--half") + 1 < len(argv) else None
    if half not in (None, "tune", "report"):
        print("--half takes tune or report")
        return 2
    if half == "report" and verbose:
        print("refused: misses are listed for the tune half only (never tune on the report half)")
        return 2
    halves, sessions = load_set()
    warm_up()
    names = [h for h in ("tune", "report") if half in (None, h)]
    tallies = {}
    for h in names:
        if verbose and h == "tune":
            print(f"== tune half misses ({len(halves['tune'])} sessions) ==")
        # the shipped sentence scorer learned from the tuning half: each tuning session is scored
        # with weights trained without its fold, so the tune column is as unseen as the report's
        scorers = cross_fitted(halves[h], sessions) if h == "tune" else None
        # and so is the fine-tuned encoder (bench/train_encoder.py fits one without each fold)
        encoders = None
        if h == "tune":
            encoders = fold_encoders([halves[h][i::FOLDS] for i in range(FOLDS)], range(FOLDS))
            if encoders is None:
                return 2
        tallies[h] = score_half(halves[h], sessions, verbose=verbose and h == "tune", scorers=scorers,
                                encoders=encoders)
    annomi_r = run_annomi() if half is None else None

    heads = [f"{h} ({len(halves[h])})" for h in names] + ([f"AnnoMI dev ({annomi_r['n']})"] if annomi_r else [])
    print(f"\n{'':<32}" + "".join(f"{h:<{W}}" for h in heads))
    print(f"{'':<32}" + "".join(f"{'P     R     F1':<{W}}" for _ in heads))
    for label, cells in rows(tallies, annomi_r):
        print(f"{label:<32}" + "".join(f"{c:<{W}}" for c in cells))

    if len(tallies) == 2:
        print(f"\n{'F1 gap (tune - report)':<32}{'tune':>7}{'report':>8}{'gap':>8}")
        for s in SECTIONS:
            a, b = prf(tallies["tune"][s])[2], prf(tallies["report"][s])[2]
            gap = None if a is None or b is None else a - b
            flag = "  <-- gap > 0.1" if gap is not None and gap > GAP_FLAG else ""
            print(f"{s.replace('_', ' '):<32}{fmt(a):>7}{fmt(b):>8}{'n/a' if gap is None else f'{gap:+.3f}':>8}{flag}")
    bad = sum(t["misc"]["quotes"] - t["misc"]["verbatim"] for t in tallies.values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

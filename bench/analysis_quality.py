"""Quality harness for the embedded analyzer: AnnoMI dev figures + our labelled coaching set.

    uv run python bench/analysis_quality.py [-v]

1. AnnoMI dev (../shared/eval/annomi-dev, via bench/annomi.py): the set's scorer's
   figures. Skipped with one line when the data is absent (it is never in the repo).
2. bench/quality: hand-written coaching sessions (transcripts/NN-name.txt, `Name: text`
   a line) with gold labels (gold/NN-name.json) written by a coach before the analyzer
   was run on them. Per section: gold count, predicted count, precision, recall; the
   quality label's exact and within-one-level accuracy; the share of evidence quotes
   that are verbatim substrings of a turn (must be 1.000). `-v` lists misses.
   Named-speaker transcripts are parsed with role "unknown" (as an upload without labels
   would be); their gold `roles` checks the analyzer's role inference.

Matching rule (per section, micro-averaged over all transcripts): texts are normalised
(lower case, curly quotes unified, apostrophes dropped, other punctuation -> space,
whitespace collapsed). A gold sentence G matches a predicted item when G and any of the
item's texts (its main field -- question / action / insight / description -- or one of
its evidence quotes) are equal, or one contains the other at word boundaries (the
contained one has >= 3 words, so "I" or "yes" never match), or their token Jaccard is
>= 0.6. Precision = predicted items matching some gold sentence / predicted items;
recall = gold sentences matched by some item / gold sentences. `celebration` is one
unit per transcript: any of its gold sentences (alternative quotes of the same win)
counts. `emotional_shift` counts a predicted shift correct when gold has one in the
same direction (initial vs final state on the analyzer's Distressed..Optimistic scale).
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
import tempfile

import msgspec
from analysis.adapters.analyzers.embedded import analyze_transcript
from analysis.adapters.analyzers.embedded.session import resolve_roles

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import annomi  # noqa: E402  (bench/ is not a package; reuse its parse and scorer plumbing)

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "quality")
SECTIONS = ("powerful_questions", "action_items", "celebration", "client_discoveries",
            "limiting_beliefs", "core_values")
QUALITY = ["Needs Improvement", "Average", "Good", "Excellent"]
MOOD = ["Distressed", "Uneasy", "Neutral", "Positive", "Optimistic"]
ANNOMI_KEEP = ("question_precision_vs_gold_questions", "open_question_recall",
               "commitment_grounding_client_lines", "commitments_matching_change_talk",
               "quality_auc_high_vs_low_mi", "evidence_grounding")
JACCARD = 0.6
MIN_CONTAIN_WORDS = 3


def norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2014\u2013]|--", " ", text).replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def matches(gold: str, text: str) -> bool:
    g, t = norm(gold), norm(text)
    if not g or not t:
        return False
    if g == t:
        return True
    short, long_ = sorted((g, t), key=len)
    if len(short.split()) >= MIN_CONTAIN_WORDS and f" {short} " in f" {long_} ":
        return True
    a, b = set(g.split()), set(t.split())
    return len(a & b) / len(a | b) >= JACCARD


def predicted(content: dict) -> dict[str, list[list[str]]]:
    """Per section, each predicted item as the list of its texts (main field + evidence)."""
    def texts(item: dict, key: str) -> list[str]:
        return [item[key], *item.get("evidence", [])]

    vb = content["values_beliefs"]
    return {
        "powerful_questions": [texts(i, "question") for i in content["powerful_questions"]],
        "action_items": [texts(i, "action") for i in content["action_items"]],
        "celebration": [texts(content["celebration"], "description")] if content["celebration"] else [],
        "client_discoveries": [texts(i, "insight") for i in content["client_discoveries"]],
        "limiting_beliefs": [texts(i, "description") for i in vb if i["type"] == "Limiting Belief"],
        "core_values": [texts(i, "description") for i in vb if i["type"] == "Core Value"],
    }


def evidence_quotes(node, key: str = "") -> list[str]:
    """Every evidence quote (and trust indicator), as score.py collects them."""
    if isinstance(node, dict):
        return [q for k, v in node.items() for q in evidence_quotes(v, k)]
    if isinstance(node, list):
        if "evidence" in key or key == "trust_indicators":
            return [q for q in node if isinstance(q, str)]
        return [q for v in node for q in evidence_quotes(v, key)]
    return []


def shift_direction(content: dict) -> str | None:
    if not content["emotional_shifts"]:
        return None
    s = content["emotional_shifts"][0]
    up = MOOD.index(s["final_state"]) > MOOD.index(s["initial_state"])
    return "negative_to_positive" if up else "positive_to_negative"


def score_set(verbose: bool) -> dict:
    paths = sorted(glob.glob(os.path.join(HERE, "transcripts", "*.txt")))
    tally = {s: dict(gold=0, pred=0, tp_pred=0, tp_gold=0) for s in (*SECTIONS, "emotional_shift")}
    exact = within = quotes = verbatim = roles_ok = roles_n = 0
    for path in paths:
        stem = os.path.basename(path)[:-4]
        with open(os.path.join(HERE, "gold", stem + ".json"), encoding="utf-8") as f:
            gold = json.load(f)
        transcript = annomi.parse(path)
        turn_texts = [t.text for t in transcript.turns]
        for section in SECTIONS:  # gold must quote the transcript, or the set is broken
            for g in gold[section]:
                if not any(g in t for t in turn_texts):
                    raise SystemExit(f"{stem}: gold {section} not verbatim: {g!r}")
        if "roles" in gold:  # named speakers: were the roles inferred right?
            got = dict(zip((t.speaker for t in transcript.turns), resolve_roles(transcript)))
            roles_n += len(gold["roles"])
            roles_ok += sum(got.get(name) == role for name, role in gold["roles"].items())
        content = msgspec.to_builtins(analyze_transcript(transcript))
        pred = predicted(content)
        for section in SECTIONS:
            golds = gold[section]
            units = [golds] if section == "celebration" and golds else [[g] for g in golds]
            t = tally[section]
            t["gold"] += len(units)
            t["pred"] += len(pred[section])
            hit_items = [any(matches(g, x) for g in golds for x in item) for item in pred[section]]
            hit_units = [any(matches(g, x) for g in unit for item in pred[section] for x in item) for unit in units]
            t["tp_pred"] += sum(hit_items)
            t["tp_gold"] += sum(hit_units)
            if verbose:
                for item, ok in zip(pred[section], hit_items):
                    if not ok:
                        print(f"  {stem} {section} extra: {item[0]!r}")
                for unit, ok in zip(units, hit_units):
                    if not ok:
                        print(f"  {stem} {section} missed: {unit[0]!r}")
        want, got = gold["emotional_shift"], shift_direction(content)
        t = tally["emotional_shift"]
        t["gold"] += bool(want["present"])
        t["pred"] += got is not None
        ok = bool(want["present"]) and got == want["direction"]
        t["tp_pred"] += ok
        t["tp_gold"] += ok
        q_gold, q_pred = QUALITY.index(gold["overall_session_quality"]), QUALITY.index(content["overall_session_quality"])
        exact += q_gold == q_pred
        within += abs(q_gold - q_pred) <= 1
        if verbose:
            print(f"  {stem} quality gold={QUALITY[q_gold]} pred={QUALITY[q_pred]} shift gold={want['direction']} pred={got}")
        found = evidence_quotes(content)
        quotes += len(found)
        verbatim += sum(any(q in t for t in turn_texts) for q in found)
    return dict(tally=tally, n=len(paths), exact=exact, within=within, quotes=quotes, verbatim=verbatim,
                roles_ok=roles_ok, roles_n=roles_n)


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def run_annomi() -> None:
    gold_dir = os.path.abspath(annomi.DEFAULT_DIR)
    paths = sorted(glob.glob(os.path.join(gold_dir, "[0-9]*.txt")))
    if not paths:
        print(f"annomi: skipped, no data at {gold_dir}")
        return
    out_dir = tempfile.mkdtemp(prefix="annomi-quality-")
    annomi.write_outputs(paths, out_dir)
    report = annomi.score(gold_dir, out_dir)
    print(f"== AnnoMI dev ({len(paths)} sessions): score.py ==")
    print("\n".join(r for r in report.splitlines() if re.match(r"^\s*(\([a-d]\)|\s{2,}\S)", r)))
    for line in annomi._metric_lines(report):
        if line.split(":")[0] in ANNOMI_KEEP:
            print("annomi_" + line)


def main(argv: list[str]) -> int:
    run_annomi()
    r = score_set("-v" in argv)
    print(f"\n== Labelled coaching set ({r['n']} transcripts) ==")
    print(f"{'section':<20}{'gold':>6}{'pred':>6}{'precision':>11}{'recall':>8}")
    for section, t in r["tally"].items():
        print(f"{section:<20}{t['gold']:>6}{t['pred']:>6}{ratio(t['tp_pred'], t['pred']):>11}"
              f"{ratio(t['tp_gold'], t['gold']):>8}")
    print(f"{'quality label':<20} exact {ratio(r['exact'], r['n'])}  within one level {ratio(r['within'], r['n'])}")
    print()
    for section, t in r["tally"].items():
        print(f"quality_{section}_precision: {ratio(t['tp_pred'], t['pred'])} ratio ({t['tp_pred']}/{t['pred']})")
        print(f"quality_{section}_recall: {ratio(t['tp_gold'], t['gold'])} ratio ({t['tp_gold']}/{t['gold']})")
    print(f"quality_label_exact: {ratio(r['exact'], r['n'])} ratio ({r['exact']}/{r['n']})")
    print(f"quality_label_within_one: {ratio(r['within'], r['n'])} ratio ({r['within']}/{r['n']})")
    print(f"quality_evidence_verbatim: {ratio(r['verbatim'], r['quotes'])} ratio ({r['verbatim']}/{r['quotes']})")
    if r["roles_n"]:
        print(f"quality_named_roles_inferred: {ratio(r['roles_ok'], r['roles_n'])} ratio ({r['roles_ok']}/{r['roles_n']})")
    print(f"quality_transcripts: {r['n']} count")
    return 0 if r["verbatim"] == r["quotes"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

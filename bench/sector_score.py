#!/usr/bin/env python3
"""Sector of `qunsu extract` against gold, taken apart.

  sector_score.py GOLD.jsonl PRED.jsonl [ID_SUFFIX]

GOLD lines carry `gold` (corpora/README.md); PRED lines are the complaint
events in the same order. Only records with a gold merchant count (as in
score_extract.py); with ID_SUFFIX only records whose id ends with it (the
hand-written sets keep their "-t" records aside, so pass "-d").

Prints the sector accuracy, how many records lost their sector because no
merchant was found at all (a name-finding miss, not a sector error),
accuracy when a merchant was found, per-sector recall and precision, and the
confusions (gold -> predicted) with their counts. Never prints texts.
Standard library only."""
import json
import sys
from collections import Counter


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    suffix = sys.argv[3] if len(sys.argv) == 4 else ""
    with open(sys.argv[1], encoding="utf-8") as f:
        gold = [json.loads(l) for l in f if l.strip()]
    with open(sys.argv[2], encoding="utf-8") as f:
        pred = [json.loads(l) for l in f if l.strip()]
    if len(gold) != len(pred):
        sys.exit(f"sector_score: {len(gold)} gold records but {len(pred)} predictions")
    n = ok = missed = 0
    conf = Counter()
    g_n, p_n, hit = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if not g.get("id", "").endswith(suffix):
            continue
        gm = g["gold"].get("merchant")
        if not gm:
            continue
        n += 1
        pm = p.get("merchant")
        gs = gm["sector"]
        ps = pm["sector"] if pm else "(no merchant)"
        missed += not pm
        g_n[gs] += 1
        p_n[ps] += 1
        if ps == gs:
            ok += 1
            hit[gs] += 1
        else:
            conf[(gs, ps)] += 1
    if not n:
        print("  no records with a gold merchant")
        return
    found = n - missed
    print(f"  records with a gold merchant {n}: sector accuracy {ok / n:.3f}")
    print(f"  no merchant found {missed} ({missed / n:.1%}); accuracy when one was found "
          f"{ok / found if found else 0:.3f}")
    print("  sector        gold  recall  precision")
    for s in sorted(g_n, key=lambda s: -g_n[s]):
        prec = hit[s] / p_n[s] if p_n[s] else 0.0
        print(f"  {s:12s} {g_n[s]:5d}  {hit[s] / g_n[s]:6.3f}  {prec:9.3f}")
    if conf:
        print("  confusions (gold -> predicted: count)")
        print("   " + "; ".join(f"{a} -> {b}: {c}" for (a, b), c in conf.most_common()))


if __name__ == "__main__":
    main()

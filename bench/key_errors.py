#!/usr/bin/env python3
"""bench/key_errors.py GOLD.jsonl PRED.jsonl: where `qunsu extract` keys split
one business or merge two, for studying key errors.

For every gold business (gold merchant key) with records under more than one
predicted key, one block: the gold key, then per predicted key the count and
the gold and predicted names, each marked `name-ok` when the predicted name
equals the gold one (a key error) or `name-WRONG` (a name error, which the key
cannot fix). Then every predicted key shared by several gold businesses (a
merge). Records whose id ends in -t are held out and skipped, as is any file
under corpora/eval/ (measurement only).

  ./build/qunsu extract --in corpora/dev-heldout.jsonl --out /tmp/p.jsonl
  python3 bench/key_errors.py corpora/dev-heldout.jsonl /tmp/p.jsonl
"""
import json
import sys
from collections import defaultdict


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    if "corpora/eval/" in sys.argv[1]:
        sys.exit("key_errors: corpora/eval is held out; score it with bench/extract.sh")
    with open(sys.argv[1], encoding="utf-8") as f:
        gold = [json.loads(l) for l in f if l.strip()]
    with open(sys.argv[2], encoding="utf-8") as f:
        pred = [json.loads(l) for l in f if l.strip()]
    by_gold = defaultdict(lambda: defaultdict(list))
    by_pred = defaultdict(set)
    splits = merges = 0
    for g, p in zip(gold, pred):
        if g["id"].endswith("-t"):
            continue
        gm = g["gold"].get("merchant")
        if not gm:
            continue
        pm = p.get("merchant") or {}
        pk = pm.get("key", "<none>")
        ok = "name-ok" if pm.get("name") == gm["name"] else "name-WRONG"
        by_gold[gm["key"]][pk].append((g["id"], gm["name"], pm.get("name"), ok))
        by_pred[pk].add(gm["key"])
    for gk, pks in sorted(by_gold.items()):
        if len(pks) < 2:
            continue
        splits += 1
        print("SPLIT gold key %s" % gk)
        for pk, rs in sorted(pks.items(), key=lambda kv: -len(kv[1])):
            print("   %-24s %3d  %s" % (pk, len(rs), "; ".join(
                "%s %s->%s %s" % (i, gn, pn, ok) for i, gn, pn, ok in rs[:6])))
    for pk, gks in sorted(by_pred.items()):
        if len(gks) > 1 and pk != "<none>":
            merges += 1
            print("MERGE pred key %s <- %s" % (pk, ", ".join(sorted(gks))))
    print("%d gold businesses split, %d predicted keys merge several" % (splits, merges), file=sys.stderr)


if __name__ == "__main__":
    main()

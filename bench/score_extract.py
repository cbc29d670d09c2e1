#!/usr/bin/env python3
"""Score `qunsu extract` output against gold.

  score_extract.py gold GOLD.jsonl PRED.jsonl
      GOLD lines carry `gold` (corpora/README.md); PRED lines are complaint
      events in the same order. Prints mention P/R/F1 (exact spans), merchant
      name accuracy, key B-cubed P/R/F1, sector accuracy, issue accuracy and
      macro-F1, tag micro-F1.
  score_extract.py cluener TRAIN.jsonl PRED.jsonl
      CLUENER2020 lines (spans INCLUSIVE [start, end]); scores predicted
      mentions against the `company` spans, exact match.
Standard library only."""
import json
import sys
from collections import defaultdict


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def spans(ms):
    return {(m["start"], m["end"]) for m in ms}


def bcubed(gold_keys, pred_keys):
    """B-cubed over items: precision averages, per item, the share of its
    predicted cluster that shares its gold cluster; recall the reverse."""
    by_g, by_p = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold_keys, pred_keys)):
        by_g[g].add(i)
        by_p[p].add(i)
    n = len(gold_keys)
    if not n:
        return 0.0, 0.0, 0.0
    P = sum(len(by_p[p] & by_g[g]) / len(by_p[p]) for g, p in zip(gold_keys, pred_keys)) / n
    R = sum(len(by_p[p] & by_g[g]) / len(by_g[g]) for g, p in zip(gold_keys, pred_keys)) / n
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def score_gold(gold_path, pred_path):
    gold, pred = load(gold_path), load(pred_path)
    if len(gold) != len(pred):
        sys.exit(f"score_extract: {len(gold)} gold records but {len(pred)} predictions")
    tp = fp = fn = 0
    name_ok = sec_ok = n_merch = issue_ok = 0
    gk, pk = [], []
    ig, ip = [], []
    ttp = tfp = tfn = 0
    for i, (g, p) in enumerate(zip(gold, pred)):
        gd = g["gold"]
        gs, ps = spans(gd["mentions"]), spans(p.get("mentions") or [])
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
        gm, pm = gd.get("merchant"), p.get("merchant")
        name_ok += (gm and pm and gm["name"] == pm["name"]) or (not gm and not pm)
        if gm:
            n_merch += 1
            sec_ok += bool(pm) and pm["sector"] == gm["sector"]
            gk.append(gm["key"])
            pk.append(pm["key"] if pm else f"\0none{i}")
        ig.append(gd["issue"])
        ip.append(p["issue"]["code"])
        issue_ok += gd["issue"] == p["issue"]["code"]
        gt, pt = set(gd["tags"]), set(p["issue"]["tags"])
        ttp += len(gt & pt)
        tfp += len(pt - gt)
        tfn += len(gt - pt)
    n = len(gold)
    mp, mr, mf = prf(tp, fp, fn)
    bp, br, bf = bcubed(gk, pk)
    f1s = []
    for c in sorted(set(ig) | set(ip)):
        f1s.append(prf(sum(a == c and b == c for a, b in zip(ig, ip)),
                       sum(a != c and b == c for a, b in zip(ig, ip)),
                       sum(a == c and b != c for a, b in zip(ig, ip)))[2])
    tf = prf(ttp, tfp, tfn)[2]
    print(f"records {n}, with a gold merchant {n_merch}")
    print(f"  mentions          P {mp:.3f}  R {mr:.3f}  F1 {mf:.3f}   (exact spans; {tp} hit, {fp} extra, {fn} missed)")
    print(f"  merchant name     accuracy {name_ok / n:.3f}")
    print(f"  merchant key      B-cubed P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")
    print(f"  sector            accuracy {sec_ok / n_merch if n_merch else 0:.3f}")
    print(f"  issue             accuracy {issue_ok / n:.3f}  macro-F1 {sum(f1s) / len(f1s) if f1s else 0:.3f}")
    print(f"  tags              micro-F1 {tf:.3f}")


def score_cluener(gold_path, pred_path):
    gold, pred = load(gold_path), load(pred_path)
    if len(gold) != len(pred):
        sys.exit(f"score_extract: {len(gold)} texts but {len(pred)} predictions")
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        gs = set()
        for spans_ in (g.get("label", {}).get("company") or {}).values():
            for s, e in spans_:
                gs.add((s, e + 1))  # inclusive end -> exclusive
        ps = spans(p.get("mentions") or [])
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    P, R, F = prf(tp, fp, fn)
    print(f"CLUENER2020 company mentions ({len(gold)} texts): P {P:.3f}  R {R:.3f}  F1 {F:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("gold", "cluener"):
        sys.exit(__doc__)
    (score_gold if sys.argv[1] == "gold" else score_cluener)(sys.argv[2], sys.argv[3])

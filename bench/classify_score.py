#!/usr/bin/env python3
"""classify_score.py GOLD.jsonl PRED.jsonl: issue accuracy, macro-F1, per-class
F1, confusion, tag micro-F1 and per-tag F1, and a reliability table (mean
confidence vs accuracy per confidence bin). PRED lines are `qunsu classify`
output ({"id","issue","confidence","tags"}); reject events are skipped."""
import json
import sys

ISSUES = ["after_sales", "quality", "contract", "price", "metrology", "safety", "food_safety",
          "advertising", "counterfeit", "unfair_competition", "certification", "personal_rights",
          "privacy", "unlicensed", "other"]
TAGS = ["prepaid", "closure", "refund", "online", "livestream", "takeout", "elderly",
        "punitive_demand", "out_of_scope"]


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    gold = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            gold[r["id"]] = r["gold"]
    pred = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            if "issue" in r:
                pred[r["id"]] = r
    ids = [i for i in gold if i in pred]
    missing = len(gold) - len(ids)
    n = len(ids)
    correct = sum(gold[i]["issue"] == pred[i]["issue"] for i in ids)
    print(f"records {n} (missing predictions: {missing})")
    print(f"issue accuracy {correct / n:.3f}")
    f1s = []
    rows = []
    for c in ISSUES:
        tp = sum(gold[i]["issue"] == c and pred[i]["issue"] == c for i in ids)
        fp = sum(gold[i]["issue"] != c and pred[i]["issue"] == c for i in ids)
        fn = sum(gold[i]["issue"] == c and pred[i]["issue"] != c for i in ids)
        p, r, f = f1(tp, fp, fn)
        if tp + fn:
            f1s.append(f)
        rows.append((c, tp + fn, p, r, f))
    print(f"issue macro-F1 {sum(f1s) / len(f1s):.3f} (over {len(f1s)} classes present)")
    print(f"  {'issue':20s} {'n':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for c, sup, p, r, f in rows:
        print(f"  {c:20s} {sup:5d} {p:6.3f} {r:6.3f} {f:6.3f}")
    print("confusion (gold row -> predicted, non-zero off-diagonal cells)")
    conf = {}
    for i in ids:
        g, p = gold[i]["issue"], pred[i]["issue"]
        if g != p:
            conf[(g, p)] = conf.get((g, p), 0) + 1
    for (g, p), k in sorted(conf.items(), key=lambda x: -x[1])[:20]:
        print(f"  {g:20s} -> {p:20s} {k:4d}")
    TP = FP = FN = 0
    print(f"  {'tag':20s} {'n':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for t in TAGS:
        tp = sum(t in gold[i]["tags"] and t in pred[i]["tags"] for i in ids)
        fp = sum(t not in gold[i]["tags"] and t in pred[i]["tags"] for i in ids)
        fn = sum(t in gold[i]["tags"] and t not in pred[i]["tags"] for i in ids)
        TP, FP, FN = TP + tp, FP + fp, FN + fn
        p, r, f = f1(tp, fp, fn)
        print(f"  {t:20s} {tp + fn:5d} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = f1(TP, FP, FN)
    print(f"tag micro-F1 {f:.3f} (P {p:.3f} R {r:.3f})")
    print("reliability (confidence bin: records, mean confidence, accuracy)")
    bins = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99), (0.99, 1.01)]
    ece = 0.0
    for lo, hi in bins:
        sel = [i for i in ids if lo <= pred[i]["confidence"] < hi]
        if not sel:
            continue
        mc = sum(pred[i]["confidence"] for i in sel) / len(sel)
        acc = sum(gold[i]["issue"] == pred[i]["issue"] for i in sel) / len(sel)
        ece += len(sel) / n * abs(mc - acc)
        print(f"  [{lo:.2f},{min(hi, 1):.2f}) {len(sel):5d} {mc:6.3f} {acc:6.3f}")
    print(f"expected calibration error {ece:.3f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Score duplicate links and professional-claimant flags against a labelled
stream from corpora/gen/stream.py (or any stream with gold_duplicate_of and
gold_professional fields).

usage: score_stream.py GOLD.jsonl PRED.jsonl
PRED holds one object per record with id, duplicate_of and professional (the
complaint events of `qunsu run`, or bench/streamcore output); other events
are ignored.

Duplicate links: a predicted link is right when it points into the same
grievance as the gold link (the gold original or another refiling of it).
Professional: per complainant, predicted when any of their records is
flagged, gold when any record is labelled.
Prints one line: dup_p dup_r dup_links pro_p pro_r pro_people, plus details.
"""
import json
import sys


def main():
    gold, pred = sys.argv[1], sys.argv[2]
    root = {}
    who = {}
    gpro = {}
    for line in open(gold, encoding="utf-8"):
        r = json.loads(line)
        root[r["id"]] = r.get("gold_duplicate_of") or r["id"]
        who[r["id"]] = r.get("complainant")
        if r.get("complainant"):
            gpro[r["complainant"]] = gpro.get(r["complainant"], False) or bool(r.get("gold_professional"))
    tp = fp = 0
    ppro = {}
    wrong = []
    for line in open(pred, encoding="utf-8"):
        e = json.loads(line)
        if e.get("event", "complaint") != "complaint":
            continue
        d = e.get("duplicate_of")
        if d:
            if root.get(d, d) == root[e["id"]] and d != e["id"]:
                tp += 1
            else:
                fp += 1
                if len(wrong) < 5:
                    wrong.append((e["id"], d))
        c = who.get(e["id"])
        if c:
            ppro[c] = ppro.get(c, False) or bool(e.get("professional"))
    gold_links = sum(1 for i in root if root[i] != i)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / gold_links if gold_links else 1.0
    ptp = sum(1 for c in gpro if gpro[c] and ppro.get(c))
    pfp = sum(1 for c in gpro if not gpro[c] and ppro.get(c))
    pfn = sum(1 for c in gpro if gpro[c] and not ppro.get(c))
    pp = ptp / (ptp + pfp) if ptp + pfp else 1.0
    pr = ptp / (ptp + pfn) if ptp + pfn else 1.0
    print("dup_precision %.4f dup_recall %.4f gold_links %d predicted_links %d "
          "pro_precision %.4f pro_recall %.4f gold_pros %d predicted_pros %d"
          % (p, r, gold_links, tp + fp, pp, pr, ptp + pfn, ptp + pfp))
    for w in wrong:
        print("  wrong link %s -> %s" % w, file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Robustness of `qunsu extract` on real consumer complaints.

  reviews.py input CSV OUT.jsonl     negative reviews of a review CSV
                                     (label 0; the review is the last column)
                                     as input records
  reviews.py report IN.jsonl OUT.jsonl
                                     share of texts given a merchant, the
                                     most frequent merchant names, the issue
                                     distribution and the tags

The reviews name few businesses, and nobody labelled them, so the report is
for reading: a name in the top list that is not a business is a false
merchant on real language. Standard library only; the data stay outside the
project (../shared/data, measurement only)."""
import csv
import json
import sys
from collections import Counter


def to_input(csv_path, out_path):
    n = 0
    with open(csv_path, encoding="utf-8-sig", newline="") as f, open(out_path, "w", encoding="utf-8") as out:
        rows = csv.reader(f)
        head = next(rows)
        label = head.index("label")
        for row in rows:
            if len(row) <= label or row[label] != "0" or not row[-1].strip():
                continue
            out.write(json.dumps({"id": f"r{n}", "text": row[-1]}, ensure_ascii=False) + "\n")
            n += 1
    return n


def report(in_path, out_path, top=20):
    with open(in_path, encoding="utf-8") as f:
        texts = [json.loads(l) for l in f if l.strip()]
    with open(out_path, encoding="utf-8") as f:
        events = [json.loads(l) for l in f if l.strip()]
    if len(texts) != len(events):
        sys.exit(f"reviews.py: {len(texts)} texts but {len(events)} events")
    names, issues, tags = Counter(), Counter(), Counter()
    with_merchant = 0
    for e in events:
        m = e.get("merchant")
        if m:
            with_merchant += 1
            names[m["name"]] += 1
        issues[e["issue"]["code"]] += 1
        tags.update(e["issue"].get("tags") or [])
    n = len(events)
    print(f"  texts {n}, given a merchant {with_merchant} ({with_merchant / n:.1%}), "
          f"distinct names {len(names)}")
    print("  most frequent names: " + ", ".join(f"{k} {v}" for k, v in names.most_common(top)))
    print("  issues: " + ", ".join(f"{k} {v / n:.0%}" for k, v in issues.most_common()))
    print("  tags: " + ", ".join(f"{k} {v / n:.0%}" for k, v in tags.most_common()))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("input", "report"):
        sys.exit(__doc__)
    if sys.argv[1] == "input":
        print(to_input(sys.argv[2], sys.argv[3]))
    else:
        report(sys.argv[2], sys.argv[3])

#!/usr/bin/env python3
"""bench/merchant_errors.py GOLD.jsonl PRED.jsonl: the merchant-name errors of
`qunsu extract` on the tuned records (ids ending -d) of a hand-written set,
one line each, classified as
  none      the text names a merchant, none was found
  spurious  a merchant was found where the text names none
  choice    the gold name was found as a mention, another one was chosen
  boundary  the chosen mention overlaps the gold one with other bounds
  wrong     the chosen mention is elsewhere and the gold one was not found
and a count per class on stderr. Held-out records (-t) are skipped: they
are for measuring only.

  ./build/qunsu extract < corpora/hand/merchant-dev4.jsonl > /tmp/p.jsonl
  python3 bench/merchant_errors.py corpora/hand/merchant-dev4.jsonl /tmp/p.jsonl
"""
import json
import sys


def main():
    gold = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"].endswith("-d"):
                gold[r["id"]] = r
    counts = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            g = gold.get(p["id"])
            if not g:
                continue
            gm = (g["gold"].get("merchant") or {}).get("name")
            pm = (p.get("merchant") or {}).get("name")
            if gm == pm:
                continue
            spans = [(m["start"], m["end"]) for m in g["gold"].get("mentions", []) if m["name"] == gm]
            found = [(m["start"], m["end"], m["name"]) for m in p.get("mentions", [])]
            if gm and not pm:
                kind = "none"
            elif pm and not gm:
                kind = "spurious"
            elif any((s, e) in spans for s, e, _ in found):
                kind = "choice"
            elif any(n == pm and s < ge and gs < e for s, e, n in found for gs, ge in spans):
                kind = "boundary"
            else:
                kind = "wrong"
            counts[kind] = counts.get(kind, 0) + 1
            print("%-9s %-14s gold=%s pred=%s | %s | %s" % (kind, p["id"], gm, pm, [n for _, _, n in found],
                                                           g["text"][:60]))
    print(" ".join("%s %d" % kv for kv in sorted(counts.items())), file=sys.stderr)


if __name__ == "__main__":
    main()

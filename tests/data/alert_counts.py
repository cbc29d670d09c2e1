#!/usr/bin/env python3
"""Checks that every alert of a stream is explained by its own numbers:
`complaint_ids` (with `complaint_ids_omitted`) are exactly the complaints
counted, plus on interview and warning alerts the professional claimants'
complaints they list without counting (`professional_count`); no more
complainants than complaints; an emerging alert's `merchants` are its
`merchant_count` and its complaints naming no merchant are among those
counted. Reads alert events (other events are skipped) from each file,
prints each alert that fails and a last line "N alerts, N unexplained";
exits 1 when an alert fails or there is none.

    python3 tests/data/alert_counts.py ALERTS.jsonl...
"""
import json
import sys


def unexplained(a):
    listed = len(a["complaint_ids"]) + a.get("complaint_ids_omitted", 0)
    why = []
    if a["count"] + a.get("professional_count", 0) != listed:
        why.append("count %d + professional %d != %d ids" % (a["count"], a.get("professional_count", 0), listed))
    if not 0 < a["complainants"] <= a["count"]:
        why.append("complainants %d, count %d" % (a["complainants"], a["count"]))
    if a["type"] == "emerging":
        if a["merchant_count"] != len(a["merchants"]):
            why.append("merchant_count %d, %d merchants" % (a["merchant_count"], len(a["merchants"])))
        if a["no_merchant_count"] > a["count"]:
            why.append("no_merchant_count %d > count" % a["no_merchant_count"])
    return why


def main(paths):
    n = bad = 0
    for path in paths:
        for line in open(path, encoding="utf-8"):
            a = json.loads(line)
            if a.get("event") != "alert":
                continue
            n += 1
            why = unexplained(a)
            if why:
                bad += 1
                print(a["alert_id"], "update" if a["update"] else "new", "; ".join(why))
    print("%d alerts, %d unexplained" % (n, bad))
    return 1 if bad or not n else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

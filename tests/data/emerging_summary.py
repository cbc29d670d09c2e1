#!/usr/bin/env python3
"""One line per new emerging alert of an alert stream (what the emerging
chart tests compare): sector, region, issue, the method that raised it
(window, or the chart's method and its days), the hours tested, and whether
its numbers explain it: a chart's statistic at its threshold and the
p-value at its bound; for the count EWMA also the EWMA above its
expectation, the count above the expected count, one complaint id per
complaint counted and one merchant per merchant counted. "no emerging
alert" when there is none.

    python3 tests/data/emerging_summary.py ALERTS.jsonl
"""
import json
import sys


def explained(a):
    c = a["chart"]
    if c is None:
        return True
    ok = c["statistic"] >= c["threshold"] and a["p_value"] <= a["p_threshold"]
    if c["method"] == "ewma_count":
        ok = ok and c["ewma"] > c["ewma_expected"] and a["count"] > a["expected"]
        ok = ok and len(a["complaint_ids"]) == a["count"] and len(a["merchants"]) == a["merchant_count"]
    return ok


def main(path):
    n = 0
    for line in open(path, encoding="utf-8"):
        a = json.loads(line)
        if a["type"] != "emerging" or a["update"]:
            continue
        n += 1
        c = a["chart"]
        method = "%s %s" % (c["method"], c["days"]) if c else "window -"
        print(a["sector"], a["region"], a["issue"], method, a["window"]["tested_hours"],
              "explained" if explained(a) else "UNEXPLAINED")
    if not n:
        print("no emerging alert")


if __name__ == "__main__":
    main(sys.argv[1])

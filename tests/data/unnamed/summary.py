#!/usr/bin/env python3
"""Reads `qunsu run` events on stdin and prints what the tests/cases/detect/
unnamed_* cases check: the complaints that name no merchant, by text_sector,
then each new emerging alert (sector, region, issue, count, merchants,
complaints naming no merchant)."""
import collections
import json
import sys

ts = collections.Counter()
alerts = []
for line in sys.stdin:
    e = json.loads(line)
    if e["event"] == "complaint" and e["merchant"] is None:
        ts[e["text_sector"] or "null"] += 1
    elif e["event"] == "alert" and e["type"] == "emerging" and not e["update"]:
        alerts.append("emerging %s %s %s count %d merchants %d no_merchant %d" % (
            e["sector"], e["region"], e["issue"], e["count"], e["merchant_count"], e["no_merchant_count"]))
for s in sorted(ts):
    print("no merchant, text_sector %s: %d" % (s, ts[s]))
print("\n".join(alerts) if alerts else "no emerging alert")

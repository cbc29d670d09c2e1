#!/bin/sh
# The scenario generator never injects two rises of one issue whose scopes
# meet (one region across its trades, one of those trades city-wide or in
# that region) within two weeks of each other: the engine rightly reports
# them as one episode, and the scorer would count the second as missed.
# Seed 103 with three cross-trade rises drew two safety rises over 城关区
# four days apart before the generator moved the second.
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 corpora/gen/scenario.py --seed 103 --emerging-cross=3 --merchants 3000 --out "$tmp/s.jsonl" \
    --truth "$tmp/s.truth.json"
python3 - "$tmp/s.truth.json" <<'PY'
import datetime as dt, json, sys
rises = json.load(open(sys.argv[1]))["emerging"]
day = lambda s: dt.datetime.fromisoformat(s).timestamp() / 86400
def meet(a, b):
    if a["sector"] is None and b["sector"] is None:
        return a["region"] == b["region"]
    if a["sector"] is None:
        a, b = b, a
    if b["sector"] is None:
        return a["sector"] in b["sectors"] and a["region"] in (None, b["region"])
    return a["sector"] == b["sector"] and (a["region"] is None or b["region"] is None or a["region"] == b["region"])
cross = [r for r in rises if r["sector"] is None]
assert len(cross) >= 2, "expected cross-trade rises in the stream"
for i, a in enumerate(rises):
    for b in rises[i + 1:]:
        if a["issue"] == b["issue"] and meet(a, b) and day(a["start"]) < day(b["end"]) + 14 \
                and day(b["start"]) < day(a["end"]) + 14:
            sys.exit("rises %s and %s overlap: %s %s" % (a["id"], b["id"], a["issue"], a.get("region")))
print("%d rises, none overlapping" % len(rises))
PY

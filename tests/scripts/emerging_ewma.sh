#!/bin/sh
# The emerging count EWMA on two gold-field streams fed straight to the
# detector (tests/data/emerging_ewma/make_feed.py writes them): beauty
# salons' safety complaints rising over two weeks, a salon at a time, must
# raise exactly one emerging alert from the EWMA alone (turned on, the
# windows held off by a tiny emerging_p_max), which names the chart's statistic above
# its threshold, the EWMA above its expectation, its 14 days, and the
# count above the expected count; the same weeks without the rise must
# raise no emerging alert, with the defaults (EWMA off), with it on, or
# with it alone.
set -e
feed=$(dirname "$QUNSU")/bench/detect_feed
[ -x "$feed" ] || { echo "missing $feed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/data/emerging_ewma/make_feed.py "$tmp"
printf '{"detect": {"emerging_p_max": 1e-12, "emerging_ewma_days": 14}}\n' >"$tmp/alone.json"
printf '{"detect": {"emerging_ewma_days": 14}}\n' >"$tmp/on.json"
summary() {
    python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    if a["type"] != "emerging" or a["update"]:
        continue
    n += 1
    c = a["chart"]
    ok = c is None or (c["statistic"] >= c["threshold"] and a["p_value"] <= a["p_threshold"]
                       and c["ewma"] > c["ewma_expected"] and a["count"] > a["expected"])
    ok = ok and len(a["complaint_ids"]) == a["count"] and len(a["merchants"]) == a["merchant_count"]
    print(a["sector"], a["region"], a["issue"], c["method"] if c else "window", c["days"] if c else "-",
          a["window"]["tested_hours"], "explained" if ok else "UNEXPLAINED")
if not n:
    print("no emerging alert")
' "$1"
}
"$feed" --config "$tmp/alone.json" <"$tmp/slow.jsonl" >"$tmp/slow.alerts" 2>/dev/null
want="beauty None safety ewma_count 14 336 explained"
[ "$(summary "$tmp/slow.alerts")" = "$want" ] || { summary "$tmp/slow.alerts"; exit 1; }
for cfg in "" "--config $tmp/on.json" "--config $tmp/alone.json"; do
    "$feed" $cfg <"$tmp/flat.jsonl" >"$tmp/flat.alerts" 2>/dev/null
    [ "$(summary "$tmp/flat.alerts")" = "no emerging alert" ] || { summary "$tmp/flat.alerts"; exit 1; }
done

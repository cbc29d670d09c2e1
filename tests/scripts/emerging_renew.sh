#!/bin/sh
# New versus ongoing emerging episodes on a gold-field stream fed straight
# to the detector (tests/data/emerging_renew/make_feed.py writes it): beauty
# salons' safety complaints rise twice, two weeks apart. The first rise opens
# an episode and is updated once; the second, once none of the complaints
# the first reported are in its window, opens an episode of its own (its
# own id, "update": false), not an update of the first. Every emerging alert
# is compared whole: id, update, count, merchants, window, hours tested.
set -e
. tests/scripts/detect_feed.inc
python3 tests/data/emerging_renew/make_feed.py "$tmp"
"$feed" <"$tmp/twice.jsonl" >"$tmp/twice.alerts" 2>/dev/null
python3 - "$tmp/twice.alerts" >"$tmp/got" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    if a["type"] == "emerging":
        print(a["alert_id"], "update" if a["update"] else "new", a["count"], a["merchant_count"],
              a["window"]["start"], a["window"]["end"], a["window"]["tested_hours"])
PY
diff tests/data/emerging_renew/twice.expected "$tmp/got"

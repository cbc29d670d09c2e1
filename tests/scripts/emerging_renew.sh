#!/bin/sh
# New versus ongoing emerging episodes on gold-field streams fed straight
# to the detector (tests/data/emerging_renew/make_feed.py writes them):
# beauty salons' safety complaints rise twice, two weeks apart. The first
# rise opens an episode and is updated once; the second, once none of the
# complaints the first reported are in its window, opens an episode of its
# own (its own id, "update": false), not an update of the first. In
# slow.jsonl the second rise is thin (about a complaint a day): it is seen
# only because the days the first episode was alerted on are left out of
# the baseline it is judged against. Every emerging alert is compared
# whole: id, update, count, merchants, window, hours tested.
set -e
. tests/scripts/detect_feed.inc
python3 tests/data/emerging_renew/make_feed.py "$tmp"
for s in twice slow; do
    "$feed" <"$tmp/$s.jsonl" >"$tmp/$s.alerts" 2>/dev/null
    python3 - "$tmp/$s.alerts" >"$tmp/$s.got" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    if a["type"] == "emerging":
        print(a["alert_id"], "update" if a["update"] else "new", a["count"], a["merchant_count"],
              a["window"]["start"], a["window"]["end"], a["window"]["tested_hours"])
PY
    diff "tests/data/emerging_renew/$s.expected" "$tmp/$s.got"
done

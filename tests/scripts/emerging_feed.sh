#!/bin/sh
# Emerging alerts on two small streams fed straight to the detector (gold
# fields, tests/data/emerging, made by make_streams.py there): a safety issue
# spreading over eight beauty merchants of one region must raise exactly one
# emerging alert; a festival week tripling a whole sector's complaints, with
# a chain's price cluster inside it, must raise none (the chain gets its own
# interview and warning); a privacy issue over nine shops of one region in
# four trades, none with more than three, must raise one emerging alert
# with no sector (the region across its trades), and none with
# emerging_cross_sector off. Each stream's new alerts (type, sector,
# region, issue) must equal its .expected file.
set -e
. tests/scripts/detect_feed.inc
for s in rise surge cross; do
    "$feed" <tests/data/emerging/$s.jsonl >"$tmp/$s.alerts" 2>/dev/null
    python3 - "$tmp/$s.alerts" >"$tmp/$s.got" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    if not a["update"]:
        print(a["type"], a["sector"], a["region"], a["issue"])
PY
    diff -u tests/data/emerging/$s.expected "$tmp/$s.got"
done
printf '{"detect": {"emerging_cross_sector": 0}}\n' >"$tmp/nocross.json"
"$feed" --config "$tmp/nocross.json" <tests/data/emerging/cross.jsonl >"$tmp/nocross.alerts" 2>/dev/null
if grep -q '"emerging"' "$tmp/nocross.alerts"; then
    echo "emerging_feed: an emerging alert with emerging_cross_sector 0"
    exit 1
fi

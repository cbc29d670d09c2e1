#!/bin/sh
# Hand-written complaints (tests/data/classify/golden.tsv): every issue code
# and every tag must come out as a person would label it, with the shipped
# model. Prints each miss.
set -e
: "${QUNSU:?}"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 corpora/gen/hand2jsonl.py tests/data/classify/golden.tsv "$d/in.jsonl" g
"$QUNSU" classify --in "$d/in.jsonl" --out "$d/out.jsonl"
python3 - "$d/in.jsonl" "$d/out.jsonl" <<'PY'
import json, sys
want = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    want[r["id"]] = (r["gold"]["issue"], set(r["gold"]["tags"]), r["text"])
bad = 0
seen_issues, seen_tags = set(), set()
for line in open(sys.argv[2], encoding="utf-8"):
    p = json.loads(line)
    issue, tags, text = want[p["id"]]
    seen_issues.add(issue)
    seen_tags |= tags
    if p["issue"] != issue or set(p["tags"]) != tags:
        bad += 1
        print(f"MISS {p['id']}: want {issue} {sorted(tags)}, got {p['issue']} {p['tags']} ({p['confidence']}): {text}")
    if not 0 < p["confidence"] <= 1:
        bad += 1
        print(f"BAD confidence {p['confidence']} for {p['id']}")
print(f"{len(want) - bad}/{len(want)} golden texts right; {len(seen_issues)} issues, {len(seen_tags)} tags covered")
sys.exit(1 if bad or len(seen_issues) < 15 or len(seen_tags) < 9 else 0)
PY

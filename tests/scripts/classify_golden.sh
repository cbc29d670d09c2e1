#!/bin/sh
# Hand-written complaints (tests/data/classify/golden.tsv): every issue code
# and every tag must come out as a person would label it, with the shipped
# model. Prints each miss.
set -e
: "${QUNSU:?}"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 - tests/data/classify/golden.tsv "$d/in.jsonl" "$d/want.tsv" <<'PY'
import json, sys
src, out, want = sys.argv[1:4]
with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o, open(want, "w", encoding="utf-8") as w:
    n = 0
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        issue, tags, text = line.rstrip("\n").split("\t")
        n += 1
        o.write(json.dumps({"id": f"g{n}", "received_at": "2026-11-28T09:00:00+08:00", "text": text}, ensure_ascii=False) + "\n")
        w.write(f"g{n}\t{issue}\t{tags}\t{text}\n")
PY
"$QUNSU" classify --in "$d/in.jsonl" --out "$d/out.jsonl"
python3 - "$d/want.tsv" "$d/out.jsonl" <<'PY'
import json, sys
want = {}
for line in open(sys.argv[1], encoding="utf-8"):
    i, issue, tags, text = line.rstrip("\n").split("\t")
    want[i] = (issue, set() if tags == "-" else set(tags.split(",")), text)
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

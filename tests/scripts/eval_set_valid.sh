#!/bin/sh
# Validates the hand-written evaluation set corpora/eval/handwritten.jsonl:
# every line is a JSON record in the labelled format, every mention's offsets
# (Unicode code points, end exclusive) select exactly its name, every code is
# one of shared/spec/taxonomy.md, and every issue and tag is covered.
# Needs only python3 (standard library). Run from the repository root.
set -e
f=${1:-corpora/eval/handwritten.jsonl}
[ -f "$f" ] || f=corpora/eval/handwritten.jsonl
python3 - "$f" <<'PY'
import json, re, sys
from collections import Counter

ISSUES = ("after_sales quality contract price metrology safety food_safety "
          "advertising counterfeit unfair_competition certification "
          "personal_rights privacy unlicensed other").split()
TAGS = ("prepaid closure refund online livestream takeout elderly "
        "punitive_demand out_of_scope").split()
SECTORS = ("catering food_retail education fitness beauty auto electronics "
           "telecom ecommerce housing travel medical services other").split()
CHANNELS = {"12315", "12345", "odr", "letter", "web", "visit"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
MIN_ISSUE, MIN_TAG = 8, 10

path = sys.argv[1]
errors = []
ids = set()
issues, tags = Counter(), Counter()
keys = Counter()
n = 0

def err(ln, msg):
    errors.append("%s:%d: %s" % (path, ln, msg))

with open(path, encoding="utf-8") as fh:
    for ln, line in enumerate(fh, 1):
        if not line.endswith("\n"):
            err(ln, "line not newline-terminated")
        try:
            r = json.loads(line)
        except ValueError as e:
            err(ln, "not JSON: %s" % e)
            continue
        n += 1
        for k, t in (("id", str), ("received_at", str), ("channel", str), ("text", str), ("gold", dict)):
            if not isinstance(r.get(k), t):
                err(ln, "field %s missing or not %s" % (k, t.__name__))
        if errors and errors[-1].startswith("%s:%d: field" % (path, ln)):
            continue
        if r["id"] in ids:
            err(ln, "duplicate id %s" % r["id"])
        ids.add(r["id"])
        if not RFC3339.match(r["received_at"]):
            err(ln, "received_at not RFC 3339: %s" % r["received_at"])
        if r["channel"] not in CHANNELS:
            err(ln, "unknown channel %s" % r["channel"])
        text, g = r["text"], r["gold"]
        if g.get("issue") not in ISSUES:
            err(ln, "bad issue %r" % g.get("issue"))
        else:
            issues[g["issue"]] += 1
        tl = g.get("tags")
        if not isinstance(tl, list) or any(t not in TAGS for t in tl):
            err(ln, "bad tags %r" % tl)
        else:
            if len(set(tl)) != len(tl) or tl != sorted(tl, key=TAGS.index):
                err(ln, "tags repeated or not in taxonomy order: %r" % tl)
            tags.update(tl)
        ms = g.get("mentions")
        if not isinstance(ms, list):
            err(ln, "mentions not a list")
            ms = []
        prev_end = 0
        names = set()
        for m in ms:
            s, e, name = m.get("start"), m.get("end"), m.get("name")
            if not (isinstance(s, int) and isinstance(e, int) and isinstance(name, str)):
                err(ln, "bad mention %r" % m)
                continue
            if not (0 <= s < e <= len(text)) or text[s:e] != name:
                err(ln, "mention %r at %d:%d does not match text (%r)" % (name, s, e, text[s:e] if 0 <= s <= e else ""))
            if s < prev_end:
                err(ln, "mentions overlap or are out of order at %r" % name)
            prev_end = e
            names.add(name)
        mer = g.get("merchant", "missing")
        if mer == "missing":
            err(ln, "gold.merchant missing")
        elif mer is not None:
            if not isinstance(mer, dict) or not all(isinstance(mer.get(k), str) and mer.get(k) for k in ("name", "key", "sector")):
                err(ln, "bad merchant %r" % mer)
            else:
                if mer["sector"] not in SECTORS:
                    err(ln, "bad sector %r" % mer["sector"])
                if mer["name"] not in names:
                    err(ln, "merchant %r is not among the mentions" % mer["name"])
                keys[mer["key"]] += 1

for code in ISSUES:
    if issues[code] < MIN_ISSUE:
        errors.append("issue %s has %d records, want >= %d" % (code, issues[code], MIN_ISSUE))
for t in TAGS:
    if tags[t] < MIN_TAG:
        errors.append("tag %s has %d records, want >= %d" % (t, tags[t], MIN_TAG))
if n == 0:
    errors.append("%s: no records" % path)

for e in errors[:50]:
    print(e)
if errors:
    print("%d problem(s) in %s" % (len(errors), path))
    sys.exit(1)
print("%s: %d records, %d issues, %d tags, %d merchant keys (%d recurring) ok"
      % (path, n, len(issues), len(tags), len(keys), sum(1 for c in keys.values() if c > 1)))
PY

#!/bin/sh
# Merchant keys across a stream (`qunsu run`'s merchant table): each case in
# tests/data/run_keys/<case>/ is a few records laid over a common background
# of ordinary complaints (background.jsonl), run through `qunsu run` (with
# the case's config.json when present). Its `expect` file lists
#   alert TYPE KEY     the new alerts raised that hold a record of the case,
#                      all of them (none: no lines)
#   key ID KEY [SECTOR]  the complaint event's merchant key (and sector)
#   nokey ID             the complaint counts toward no merchant's cluster:
#                        its key's confidence was halved as ambiguous
#   stat NAME MIN      a counter on stderr is at least MIN
set -e
dir=tests/data/run_keys
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for c in "$dir"/*/; do
    c=${c%/}
    name=${c##*/}
    cat "$dir/background.jsonl" "$c/records.jsonl" | python3 -c '
import json, sys
rs = [json.loads(l) for l in sys.stdin if l.strip()]
rs.sort(key=lambda r: (r["received_at"], r["id"]))
for r in rs:
    print(json.dumps(r, ensure_ascii=False))' >"$tmp/in.jsonl"
    cfg=""
    [ -f "$c/config.json" ] && cfg="--config $c/config.json"
    "$QUNSU" run $cfg --in "$tmp/in.jsonl" --out "$tmp/out.jsonl" 2>"$tmp/err"
    if ! python3 - "$c/expect" "$tmp/out.jsonl" "$tmp/err" "$name" <<'PY'
import json, sys
expect, out, err, name = sys.argv[1:5]
ev = [json.loads(l) for l in open(out, encoding="utf-8")]
comp = {e["id"]: e for e in ev if e["event"] == "complaint"}
# alerts made of background records only are the background's, whatever
# the classifier makes of its plain texts, not the case's
got = sorted("alert %s %s" % (a["type"], a["merchant_key"]) for a in ev
             if a["event"] == "alert" and not a.get("update") and a["type"] != "emerging" and
             not (a.get("complaint_ids") and all(i.startswith("BG-") for i in a["complaint_ids"])))
stats = {}
for l in open(err, encoding="utf-8"):
    p = l.split()
    if len(p) == 2 and p[1].lstrip("-").isdigit():
        stats[p[0]] = int(p[1])
want, bad = [], []
for l in open(expect, encoding="utf-8"):
    p = l.split()
    if not p:
        continue
    if p[0] == "alert":
        want.append(" ".join(p))
    elif p[0] == "key":
        m = comp[p[1]]["merchant"]
        if not m or m["key"] != p[2] or (len(p) > 3 and m["sector"] != p[3]):
            bad.append("%s: merchant %s, want %s" % (p[1], m, " ".join(p[2:])))
    elif p[0] == "nokey":
        m = comp[p[1]]["merchant"]
        if not m or m["confidence"] >= 0.5:
            bad.append("%s: merchant %s, want an ambiguous name" % (p[1], m))
    elif p[0] == "stat":
        if stats.get(p[1], -1) < int(p[2]):
            bad.append("%s = %s, want >= %s" % (p[1], stats.get(p[1]), p[2]))
if sorted(want) != got:
    bad.append("alerts %s, want %s" % (got, sorted(want)))
for b in bad:
    print("%s: %s" % (name, b))
sys.exit(1 if bad else 0)
PY
    then
        fail=1
    fi
done
exit $fail

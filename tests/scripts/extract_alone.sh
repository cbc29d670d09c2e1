#!/bin/sh
# In `qunsu extract` every record stands alone: its complaint event must not
# depend on the records read before it. Each corpora/hand/merchant-dev*.jsonl
# file is extracted in file order, in reverse order and with a long record
# dense in names (twenty other texts joined) before every line, so that each
# record follows another one that filled the scratch buffers and memo tables
# at many positions; every event must equal the file-order one. A sample of
# lines (every hundredth, three a set) is also extracted alone, one process
# each: a process's start under the sanitizers costs as much as a whole set
# read in one, so the sample is most of this script's time (seven a set took
# two minutes across the 97 sets), and the orders above put every record
# after several different predecessors in one process.
set -e
B=${1:-build/san}
Q=${QUNSU:-$B/qunsu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for f in corpora/hand/merchant-dev*.jsonl; do
    "$Q" extract --in "$f" --out "$tmp/fwd.jsonl" 2>/dev/null
    python3 - "$f" "$tmp" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
lines = [l for l in open(src, encoding="utf-8") if l.strip()]
with open(tmp + "/rev.jsonl", "w", encoding="utf-8") as out:
    out.writelines(reversed(lines))
texts = [json.loads(l)["text"] for l in lines]
with open(tmp + "/dense.jsonl", "w", encoding="utf-8") as out:
    for i, l in enumerate(lines):
        joined = "".join(texts[(i + 1 + k * 7) % len(texts)] for k in range(20))
        out.write(json.dumps({"id": "dense-%d" % i, "text": joined}, ensure_ascii=False) + "\n")
        out.write(l)
with open(tmp + "/sample.txt", "w", encoding="utf-8") as out:
    out.writelines(lines[::100])
PY
    "$Q" extract --in "$tmp/rev.jsonl" --out "$tmp/rev.out" 2>/dev/null
    "$Q" extract --in "$tmp/dense.jsonl" --out "$tmp/dense.out" 2>/dev/null
    : >"$tmp/alone.out"
    while IFS= read -r line; do
        printf '%s\n' "$line" | "$Q" extract 2>/dev/null >>"$tmp/alone.out"
    done <"$tmp/sample.txt"
    python3 - "$f" "$tmp" <<'PY' || fail=1
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
def events(p):
    ev = {}
    for l in open(p, encoding="utf-8"):
        e = json.loads(l)
        if not e["id"].startswith("dense-"):
            ev[e["id"]] = e
    return ev
fwd = events(tmp + "/fwd.jsonl")
bad = 0
for what in ("rev", "dense", "alone"):
    for rid, e in events(tmp + "/" + what + ".out").items():
        if e != fwd.get(rid):
            bad += 1
            print("%s: %s differs %s:\n  %s\n  file order:\n  %s" % (src, rid, what, json.dumps(e, ensure_ascii=False),
                                                                 json.dumps(fwd.get(rid), ensure_ascii=False)))
sys.exit(1 if bad else 0)
PY
done
exit $fail

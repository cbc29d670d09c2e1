#!/bin/sh
# In `qunsu extract` every record stands alone: its complaint event must not
# depend on the records read before it. The corpora/hand/merchant-dev*.jsonl
# records, pooled, are extracted in file order, in a fixed shuffled order and
# with a long record dense in names (eight other texts joined) before every
# line, so that each record follows several different predecessors, one of
# them filling the scratch buffers and memo tables at many positions; every
# event must equal the file-order one. Sixty lines spread over the pool are
# also extracted alone, one process each. Each of these is one process over
# the whole pool: a process's start under the sanitizers costs as much as a
# few hundred records, so one run a set would be most of the test's time.
set -e
B=${1:-build/san}
Q=${QUNSU:-$B/qunsu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat corpora/hand/merchant-dev*.jsonl >"$tmp/pool.jsonl"
python3 - "$tmp" <<'PY'
import json, random, sys
tmp = sys.argv[1]
lines = [l for l in open(tmp + "/pool.jsonl", encoding="utf-8") if l.strip()]
shuffled = lines[:]
random.Random(7).shuffle(shuffled)
with open(tmp + "/shuf.jsonl", "w", encoding="utf-8") as out:
    out.writelines(shuffled)
texts = [json.loads(l)["text"] for l in lines]
with open(tmp + "/dense.jsonl", "w", encoding="utf-8") as out:
    for i, l in enumerate(lines):
        joined = "".join(texts[(i + 1 + k * 97) % len(texts)] for k in range(8))
        out.write(json.dumps({"id": "dense-%d" % i, "text": joined}, ensure_ascii=False) + "\n")
        out.write(l)
with open(tmp + "/sample.txt", "w", encoding="utf-8") as out:
    out.writelines(lines[:: max(1, len(lines) // 60)])
PY
for what in pool shuf dense; do
    "$Q" extract --in "$tmp/$what.jsonl" --out "$tmp/$what.out" 2>/dev/null
done
: >"$tmp/alone.out"
while IFS= read -r line; do
    printf '%s\n' "$line" | "$Q" extract 2>/dev/null >>"$tmp/alone.out"
done <"$tmp/sample.txt"
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
def events(p):
    ev = {}
    for l in open(p, encoding="utf-8"):
        e = json.loads(l)
        if not e["id"].startswith("dense-"):
            ev[e["id"]] = e
    return ev
fwd = events(tmp + "/pool.out")
bad = 0
for what in ("shuf", "dense", "alone"):
    got = events(tmp + "/" + what + ".out")
    if what != "alone" and len(got) != len(fwd):
        bad += 1
        print("%s: %d events, file order %d" % (what, len(got), len(fwd)))
    for rid, e in got.items():
        if e != fwd.get(rid):
            bad += 1
            print("%s differs %s:\n  %s\n  file order:\n  %s" % (rid, what, json.dumps(e, ensure_ascii=False),
                                                             json.dumps(fwd.get(rid), ensure_ascii=False)))
sys.exit(1 if bad else 0)
PY

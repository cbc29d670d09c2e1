#!/bin/sh
# `qunsu run` end to end: the hard-case streams give their expected
# duplicate links and professional flags; late and very late records are
# counted; the same input gives byte-identical output run after run; with
# stream.reorder on, any arrival order within the delay gives byte-identical
# output; --check-config prints every default and refuses a bad file.
B=${1:-build/san}
Q=${QUNSU:-$(pwd)/$B/qunsu}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
project() {
    python3 -c '
import sys, json
for l in sys.stdin:
    e = json.loads(l)
    if e["event"] == "complaint":
        print(json.dumps({"id": e["id"], "duplicate_of": e["duplicate_of"],
                          "professional": e["professional"]}, separators=(",", ":")))'
}
for c in yishi_duoren chase refile pro_genuine busy late; do
    f=tests/data/stream/$c.jsonl
    if ! "$Q" run --in "$f" >"$tmp/out" 2>"$tmp/err"; then
        echo "FAIL $c: exit status"; tail -5 "$tmp/err"; fail=1; continue
    fi
    project <"$tmp/out" >"$tmp/proj"
    if cmp -s "$tmp/proj" "tests/data/stream/$c.expected"; then echo "ok $c"
    else echo "FAIL $c:"; diff "tests/data/stream/$c.expected" "$tmp/proj"; fail=1; fi
done
# late.jsonl: L0 is 25 h behind (late), L4 five days behind (very late).
"$Q" run --in tests/data/stream/late.jsonl 2>"$tmp/err" >/dev/null
for want in "late 1" "very_late 1" "duplicates 1"; do
    grep -qx "$want" "$tmp/err" || { echo "FAIL late counters: want '$want'"; cat "$tmp/err"; fail=1; }
done

# Run-to-run identity in the default mode.
# 2,500 records over 25 days with closure clusters after the detector's
# warm-up, so alerts are part of what must repeat.
python3 corpora/gen/stream.py --records 2500 --merchants 300 --per-day 100 --seed 3 \
    --cluster-rate 0.01 --late-share 0 --very-late-share 0 --out "$tmp/s.jsonl"
"$Q" run --quiet --in "$tmp/s.jsonl" >"$tmp/a1" && "$Q" run --quiet --in "$tmp/s.jsonl" >"$tmp/a2" &&
    cmp -s "$tmp/a1" "$tmp/a2" && echo "ok repeatable" || { echo "FAIL: two runs differ"; fail=1; }
grep -q '"duplicate_of":"' "$tmp/a1" || { echo "FAIL: no duplicate links on the generated stream"; fail=1; }
grep -q '"event":"alert"' "$tmp/a1" || { echo "FAIL: no alerts on the generated stream"; fail=1; }

# Reorder mode: three arrival orders, each record delayed by up to 40 h
# (within the 48 h delay), give one output.
printf '{"stream":{"reorder":true}}' >"$tmp/r.json"
for seed in 1 2 3; do
    python3 -c '
import json, random, sys, datetime as dt
r = random.Random(int(sys.argv[1]))
recs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
def key(x):
    t = dt.datetime.fromisoformat(x["received_at"]) + dt.timedelta(hours=r.uniform(0, 40) if r.random() < 0.3 else 0)
    return t
recs.sort(key=key)
for x in recs:
    print(json.dumps(x, ensure_ascii=False))' $seed "$tmp/s.jsonl" >"$tmp/shuf$seed.jsonl"
    "$Q" run --quiet --config "$tmp/r.json" --in "$tmp/shuf$seed.jsonl" >"$tmp/o$seed" ||
        { echo "FAIL reorder run $seed"; fail=1; }
done
cmp -s "$tmp/shuf1.jsonl" "$tmp/shuf2.jsonl" && { echo "FAIL: shuffles are equal"; fail=1; }
grep -q '"event":"alert"' "$tmp/o1" || { echo "FAIL: no alerts in reorder mode"; fail=1; }
if cmp -s "$tmp/o1" "$tmp/o2" && cmp -s "$tmp/o1" "$tmp/o3"; then echo "ok reorder identical"
else echo "FAIL: reorder outputs differ"; diff "$tmp/o1" "$tmp/o2" | head -5; fail=1; fi
# ... and counts every record once.
[ "$(grep -c '"event":"complaint"' "$tmp/o1")" = "$(wc -l <"$tmp/s.jsonl" | tr -d ' ')" ] ||
    { echo "FAIL: reorder lost or repeated records"; fail=1; }

# --check-config: every key with its default; a bad file names the key.
"$Q" run --check-config >"$tmp/cc" || { echo "FAIL check-config status"; fail=1; }
for k in lateness_hours reorder_delay_hours horizon_days anon_threshold count_365d template_sim \
    windows_hours p_max emerging_p_max min_recurrence_days batch_records synchronous keep_days; do
    grep -q "\"$k\"" "$tmp/cc" || { echo "FAIL check-config lacks $k"; fail=1; }
done
"$Q" run --check-config --config etc/qunsu.conf.json >"$tmp/cc2" && cmp -s "$tmp/cc" "$tmp/cc2" ||
    { echo "FAIL: etc/qunsu.conf.json is not the defaults"; diff "$tmp/cc" "$tmp/cc2" | head; fail=1; }
printf '{"professional":{"share":"high"}}' >"$tmp/bad.json"
"$Q" run --check-config --config "$tmp/bad.json" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q 'professional.share' "$tmp/err" || { echo "FAIL bad config"; cat "$tmp/err"; fail=1; }
printf '{"detect":{"p_max":2}}' >"$tmp/bad.json"
"$Q" run --check-config --config "$tmp/bad.json" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q 'detect.p_max' "$tmp/err" || { echo "FAIL bad detect config"; cat "$tmp/err"; fail=1; }
"$Q" run --config /nonexistent.json </dev/null >/dev/null 2>&1
[ $? = 2 ] || { echo "FAIL missing config file should exit 2"; fail=1; }
exit $fail

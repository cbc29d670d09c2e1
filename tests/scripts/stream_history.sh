#!/bin/sh
# The history stage of `qunsu run` (duplicate links, professional claimants,
# late records, eviction) on small streams of the hard cases, each with its
# expected output beside it in tests/data/stream/:
#   yishi_duoren  many members of one closed gym: nobody is a duplicate
#   chase         chase calls worded differently, with and without the merchant
#   refile        12345 then 12315 paraphrase by one person (also under two
#                 forms of the merchant key); a second grievance
#                 at the same shop and another person's identical text are not
#   pro_genuine   template punitive claims over many shops plus one genuine one
#   busy          an ordinary consumer with three complaints a month
#   late          a late original, a very late chase call
#   evict         history older than the longest window is forgotten
B=${1:-build/san}
T=$B/bench/streamcore
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in tests/data/stream/*.jsonl; do
    b=${f%.jsonl}
    if ! "$T" --key-field merchant <"$f" >"$tmp/out" 2>"$tmp/err"; then
        echo "FAIL $f: exit status"; cat "$tmp/err"; fail=1; continue
    fi
    if ! cmp -s "$tmp/out" "$b.expected"; then
        echo "FAIL $f:"; diff "$b.expected" "$tmp/out"; fail=1
    else
        echo "ok $f"
    fi
    # Same input, same output: run twice.
    "$T" --key-field merchant <"$f" 2>/dev/null | cmp -s - "$tmp/out" || { echo "FAIL $f: not repeatable"; fail=1; }
done
# Eviction: after three years only the last window's entries remain.
"$T" --key-field merchant <tests/data/stream/evict.jsonl 2>"$tmp/err" >/dev/null
grep -q 'people_evicted 6 ' "$tmp/err" || { echo "FAIL evict counters:"; cat "$tmp/err"; fail=1; }
grep -q 'claimant_entries 1 ' "$tmp/err" || { echo "FAIL evict entries:"; cat "$tmp/err"; fail=1; }
# Memory caps: with 1 MB each, the oldest history goes early and the state
# stays near the caps while the links and flags still come out.
python3 corpora/gen/stream.py --records 8000 --merchants 2000 --per-day 400 --seed 4 --out "$tmp/g.jsonl"
printf '{"dedup":{"memory_cap_mb":1},"professional":{"memory_cap_mb":1}}' >"$tmp/cap.json"
"$T" --config "$tmp/cap.json" <"$tmp/g.jsonl" >"$tmp/cap.out" 2>"$tmp/err"
awk '{for (i = 1; i < NF; i++) v[$i] = $(i+1)}
     END {exit !(v["dedup_evicted_cap"] > 0 && v["claimant_evicted_cap"] > 0 &&
                 v["state_peak_bytes"] < 2.2 * 1048576)}' "$tmp/err" ||
    { echo "FAIL memory cap:"; cat "$tmp/err"; fail=1; }
grep -q '"duplicate_of":"' "$tmp/cap.out" || { echo "FAIL: no links under the cap"; fail=1; }
# A bad config is refused with the key named.
printf '{"dedup":{"threshold":2}}' >"$tmp/bad.json"
if "$T" --config "$tmp/bad.json" </dev/null 2>"$tmp/err"; then echo "FAIL bad config accepted"; fail=1; fi
grep -q 'dedup.threshold' "$tmp/err" || { echo "FAIL bad config message:"; cat "$tmp/err"; fail=1; }
exit $fail

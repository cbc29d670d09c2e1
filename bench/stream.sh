#!/bin/sh
# bench/stream.sh BUILD_DIR: `qunsu run` on labelled streams from
# corpora/gen/stream.py: duplicate-link precision/recall and professional-
# claimant precision/recall per complainant; the duplicate threshold sweep
# behind the default; flags raised on a stream written by another generator
# (corpora/dev.jsonl: nearly every complainant files once, so links and
# flags there are mostly false); run-to-run identity; throughput and peak
# memory on 100k, 300k and 1M records with 50,000 merchants at ~100k records
# a year of event time (so the 365-day windows are full from 100k on).
# Streams are generated under BUILD_DIR/bench. STREAM_BENCH_1M=0 skips 1M.
# "core" rows run the history stage alone (bench/streamcore: the merchant a
# perfect extractor finds), "run" rows the whole pipeline.
set -e
B=${1:-build}
D=$B/bench
Q=$B/qunsu
T=$D/streamcore
mkdir -p "$D"
GEN=corpora/gen/stream.py
score() { python3 bench/score_stream.py "$1" "$2" 2>/dev/null; }
row() { awk -v s="$1" '{printf "%-22s %8s %8s %8s %8s %7s %7s\n", s, $2, $4, $10, $12, $6, $8}'; }
# run_row FILE LABEL: `qunsu run` on FILE scored as a row, or why it failed
run_row() {
    if "$Q" run --quiet --in "$1" >"$1.run" 2>"$1.err"; then
        score "$1" "$1.run" | row "$2"
    else
        echo "$2: qunsu run failed: $(tail -1 "$1.err")"
    fi
}

echo "== quality: labelled streams (30k records, 8k merchants, 3 seeds)"
printf '%-22s %8s %8s %8s %8s %7s %7s\n' stream dup_P dup_R pro_P pro_R gold pred
for seed in 11 12 13; do
    f=$D/q$seed.jsonl
    [ -s "$f" ] || python3 $GEN --records 30000 --merchants 8000 --seed $seed \
        --refile-share 0.08 --chase-share 0.06 --out "$f"
    "$T" <"$f" >"$f.core" 2>/dev/null
    score "$f" "$f.core" | row "core seed $seed"
    run_row "$f" "run  seed $seed"
done

echo "== another generator's labelled stream (corpora/gen/scenario.py: 90 days, 3,000 merchants)"
printf '%-22s %8s %8s %8s %8s %7s %7s\n' stream dup_P dup_R pro_P pro_R gold pred
for seed in 7 8; do
    f=$D/sc$seed.jsonl
    [ -s "$f" ] || { python3 corpora/gen/scenario.py --seed $seed --days 90 --merchants 3000 \
        --out "$f.raw" --truth "$f.truth" && python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    g = r.get("gold", {})
    r["gold_duplicate_of"] = g.get("duplicate_of")
    r["gold_professional"] = bool(g.get("professional"))
    print(json.dumps(r, ensure_ascii=False))' "$f.raw" >"$f"; }
    run_row "$f" "run  scenario $seed"
done

echo "== duplicate threshold sweep (core, seed 11)"
printf '%-10s %8s %8s\n' threshold dup_P dup_R
for th in 0.05 0.10 0.15 0.20 0.25 0.30 0.40; do
    printf '{"dedup":{"threshold":%s}}' $th >"$D/th.json"
    "$T" --config "$D/th.json" <"$D/q11.jsonl" >"$D/th.out" 2>/dev/null
    score "$D/q11.jsonl" "$D/th.out" | awk -v t=$th '{printf "%-10s %8s %8s\n", t, $2, $4}'
done

echo "== another generator's stream (corpora/dev.jsonl, 3,000 records, event times over a year)"
python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
recs.sort(key=lambda r: (r["received_at"][:19], r["id"]))
for r in recs:
    print(json.dumps(r, ensure_ascii=False))' corpora/dev.jsonl >"$D/dev.sorted.jsonl"
for v in corpora/dev.jsonl "$D/dev.sorted.jsonl"; do
    printf '%-28s ' "$(basename "$v")"
    if "$Q" run --in "$v" >"$D/dev.out" 2>"$D/dev.err"; then
        grep -E '^(records|very_late|duplicates|professional_people) ' "$D/dev.err" | tr '\n' ' '
        echo
    else
        echo "qunsu run failed (status $?): $(tail -1 "$D/dev.err")"
    fi
done

echo "== throughput and memory (50,000 merchants)"
printf '%-8s %-9s %8s %10s %12s %14s %s\n' mode records user_s records/s peak_rss_kb peak_state_b identical
sizes="100000 300000"
[ "${STREAM_BENCH_1M:-1}" = 0 ] || sizes="$sizes 1000000"
for n in $sizes; do
    f=$D/t$n.jsonl
    [ -s "$f" ] || nice python3 $GEN --records $n --merchants 50000 --per-day 274 --seed 5 --out "$f"
    for mode in core run; do
        if [ $mode = core ]; then set -- "$T" --progress 100000; else set -- "$Q" run --progress 100000 --in "$f"; fi
        if ! /usr/bin/time -v "$@" <"$f" >"$D/out.$mode.$n" 2>"$D/time.$mode.$n"; then
            echo "$mode $n: failed: $(grep -v '^\s' "$D/time.$mode.$n" | tail -1)"; continue
        fi
        same=-
        if [ $mode = run ] && [ $n = 100000 ]; then
            "$@" <"$f" 2>/dev/null | cmp -s - "$D/out.$mode.$n" && same=yes || same=NO
        fi
        awk -F': ' -v m=$mode -v n=$n -v same=$same '
            /User time/ {u=$2} /Maximum resident/ {r=$2}
            /state_peak_bytes/ {split($0, a, "state_peak_bytes "); split(a[2], b, " "); st=b[1]}
            END {printf "%-8s %-9d %8.2f %10.0f %12d %14d %s\n", m, n, u, (u>0?n/u:0), r, st, same}' \
            "$D/time.$mode.$n"
    done
done

echo "== memory curve on the largest stream (every 100k records: resident KiB, state bytes)"
printf '%-9s %12s %14s %12s %14s\n' records core_rss_kb core_state_b run_rss_kb run_state_b
last=$(echo $sizes | awk '{print $NF}')
grep '^progress' "$D/time.core.$last" | awk '{print $3, $5, $7}' >"$D/curve.core"
grep '^progress' "$D/time.run.$last" 2>/dev/null | awk '{print $3, $7, $5}' >"$D/curve.run"
awk 'NR == FNR {r[$1] = $2; s[$1] = $3; next} {printf "%-9d %12d %14d %12s %14s\n", $1, $2, $3, ($1 in r ? r[$1] : "-"), ($1 in s ? s[$1] : "-")}' \
    "$D/curve.run" "$D/curve.core"

#!/bin/sh
# bench/stream.sh BUILD_DIR: duplicate links and professional claimants on
# labelled streams from corpora/gen/stream.py, the duplicate threshold sweep
# behind the default, and throughput / peak memory on 100k, 300k and 1M
# records with 50,000 merchants (streams generated under BUILD_DIR/bench).
# Runs `qunsu run` when the binary has the command; otherwise the history
# stage alone (bench/streamcore: event time, duplicates, professional
# claimants, with the merchant a perfect extractor would find).
# STREAM_BENCH_1M=0 skips the 1M-record run.
set -e
B=${1:-build}
D=$B/bench
T=$D/streamcore
mkdir -p "$D"
gen() { [ -s "$D/$1" ] || python3 corpora/gen/stream.py "$@" --out "$D/$1.tmp" && [ -s "$D/$1" ] || mv "$D/$1.tmp" "$D/$1"; }

echo "== quality (history stage; labelled streams, 3 seeds, default config)"
printf '%-28s %8s %8s %8s %8s %7s\n' stream dup_P dup_R pro_P pro_R links
for seed in 11 12 13; do
    f=q$seed.jsonl
    [ -s "$D/$f" ] || python3 corpora/gen/stream.py --records 30000 --merchants 8000 --seed $seed \
        --refile-share 0.08 --chase-share 0.06 --out "$D/$f"
    "$T" <"$D/$f" >"$D/$f.out" 2>/dev/null
    python3 bench/score_stream.py "$D/$f" "$D/$f.out" 2>/dev/null |
        awk -v s="$f" '{printf "%-28s %8s %8s %8s %8s %7s\n", s, $2, $4, $10, $12, $6}'
done

echo "== duplicate threshold sweep (seed 11; same person + same merchant)"
printf '%-10s %8s %8s\n' threshold dup_P dup_R
for th in 0.10 0.15 0.20 0.25 0.30 0.40 0.50; do
    printf '{"dedup":{"threshold":%s}}' $th >"$D/th.json"
    "$T" --config "$D/th.json" <"$D/q11.jsonl" >"$D/th.out" 2>/dev/null
    python3 bench/score_stream.py "$D/q11.jsonl" "$D/th.out" 2>/dev/null |
        awk -v t=$th '{printf "%-10s %8s %8s\n", t, $2, $4}'
done

echo "== throughput and memory (50,000 merchants, ~100k records a year of event time)"
printf '%-10s %10s %12s %12s %14s\n' records seconds records/s peak_rss_kb peak_state_b
sizes="100000 300000"
[ "${STREAM_BENCH_1M:-1}" = 0 ] || sizes="$sizes 1000000"
for n in $sizes; do
    f=t$n.jsonl
    [ -s "$D/$f" ] || nice python3 corpora/gen/stream.py --records $n --merchants 50000 --per-day 274 \
        --seed 5 --out "$D/$f"
    /usr/bin/time -v "$T" <"$D/$f" >/dev/null 2>"$D/time.$n"
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$D/time.$n")
    rss=$(awk -F': ' '/Maximum resident/{print $2}' "$D/time.$n")
    state=$(grep -o "state_peak_bytes [0-9]*" "$D/time.$n" | awk "{print \$2}")
    awk -v n=$n -v s="$secs" -v r="$rss" -v st="$state" 'BEGIN{printf "%-10d %10.2f %12.0f %12d %14d\n", n, s, (s>0?n/s:0), r, st}'
done

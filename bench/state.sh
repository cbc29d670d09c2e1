#!/bin/sh
# bench/state.sh BUILD_DIR: the cost of `qunsu run --state`: throughput on
# one core without state and with each durability setting, the state size
# per 100,000 complaints, that retention keeps it bounded, and the restart
# (replay) time. Streams come from tests/scripts/crash_gen.py (generated
# under BUILD_DIR/bench/state). STATE_BENCH_N sets the stream length.
set -e
B=${1:-build}
Q=$B/qunsu
if ! "$Q" --help | grep -q '^  run '; then
    echo "== state: skipped (this build has no run command)"
    exit 0
fi
D=$B/bench/state
mkdir -p "$D"
N=${STATE_BENCH_N:-20000}
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
[ -s "$D/s$N.jsonl" ] || python3 tests/scripts/crash_gen.py "$N" 5 60 >"$D/s$N.jsonl"
[ -s "$D/y$N.jsonl" ] || python3 tests/scripts/crash_gen.py "$N" 6 730 >"$D/y$N.jsonl"

# run_case LABEL CONFIG_JSON STATE(0/1) INPUT: prints one table row
run_case() {
    printf '%s\n' "$2" >"$D/conf.json"
    rm -rf "$D/st" "$D/out"
    st=""
    [ "$3" = 1 ] && st="--state $D/st"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %U %S' -o "$D/time" $pin "$Q" run --quiet --config "$D/conf.json" $st \
        --in "$4" --out "$D/out" 2>/dev/null
    size=0
    [ "$3" = 1 ] && size=$(du -b "$D/st" | cut -f1)
    read -r wall user sys <"$D/time"
    awk -v l="$1" -v n="$N" -v w="$wall" -v c="$user + $sys" -v u="$user" -v y="$sys" -v s="$size" 'BEGIN {
        cpu = u + y; if (w < 0.01) w = 0.01; if (cpu < 0.01) cpu = 0.01
        printf "%-34s %8d %8.2f %8.2f %10.0f %10.0f %12d %12.0f\n", l, n, w, cpu, n / w, n / cpu, s, s * 100000 / n }'
}

echo "== state: throughput on one core ($N records, 60 days of event time)"
printf '%-34s %8s %8s %8s %10s %10s %12s %12s\n' mode records wall_s cpu_s rec/s_wall rec/s_cpu state_bytes bytes/100k
run_case "no --state" '{}' 0 "$D/s$N.jsonl"
run_case "--state, synchronous=normal" '{"state":{"synchronous":"normal"}}' 1 "$D/s$N.jsonl"
run_case "--state, synchronous=full" '{"state":{"synchronous":"full"}}' 1 "$D/s$N.jsonl"
run_case "--state, normal, batch_records=1" '{"state":{"synchronous":"normal","batch_records":1}}' 1 "$D/s$N.jsonl"
run_case "--state, full, batch_records=1" '{"state":{"synchronous":"full","batch_records":1}}' 1 "$D/s$N.jsonl"

echo "== state: restart (replay of the stored records, nothing new to read)"
printf '{}\n' >"$D/conf.json"
rm -rf "$D/st"
"$Q" run --quiet --config "$D/conf.json" --state "$D/st" --in "$D/s$N.jsonl" --out "$D/out" 2>/dev/null
"$Q" run --config "$D/conf.json" --state "$D/st" --in "$D/s$N.jsonl" --out "$D/out" 2>&1 |
    grep -o 'replayed [0-9]* records in [0-9.]* s' | sed 's/^/  /'

echo "== state: retention ($N records over 730 days of event time)"
printf '%-34s %8s %8s %8s %10s %10s %12s %12s\n' keep_days records wall_s cpu_s rec/s_wall rec/s_cpu state_bytes bytes/100k
for k in 30 365 730; do
    run_case "keep_days=$k" "{\"state\":{\"keep_days\":$k}}" 1 "$D/y$N.jsonl"
done

#!/bin/sh
# crash_resume.sh: `qunsu run --state` killed with SIGKILL at 20+ points
# (between writing a batch and committing it, right after a commit, and at
# random times) and restarted each time must end with exactly the output of
# an uninterrupted run: --out byte for byte, stdout with every event present
# and none extra. A negative control shows the check catches a resume that
# does not truncate the uncommitted output tail.
set -u
. "$(dirname "$0")/lib/crash_common.sh"
crash_need_run

python3 "$here/crash_gen.py" 400 7 >"$tmp/in.jsonl" || fail "generator"
# small batches: many commits, so kills land inside and between them
printf '{"state": {"batch_records": 5}}\n' >"$tmp/conf.json"

"$QUNSU" run --config "$tmp/conf.json" --state "$tmp/ref" --in "$tmp/in.jsonl" \
    --out "$tmp/ref.out" 2>"$tmp/err" || { cat "$tmp/err"; fail "reference run"; }
[ "$(grep -c '"event":"alert"' "$tmp/ref.out")" -gt 0 ] || fail "the stream raised no alert"

# Random kill delays (ms) from a fixed seed, so every run checks the same.
delays=$(awk 'BEGIN { srand(20261128); for (i = 0; i < 10; i++) printf "%d ", 5 + int(rand() * 120) }')

# run_once STATE OUT FAULT [DELAY]: one run, killed by the fault switch or
# after DELAY ms; returns the exit status.
run_file() {
    if [ -n "${4:-}" ]; then
        QUNSU_STATE_FAULT=$3 "$QUNSU" run --config "$tmp/conf.json" --state "$1" \
            --in "$tmp/in.jsonl" --out "$2" 2>>"$tmp/runs.err" &
        pid=$!
        sleep "$(awk -v d="$4" 'BEGIN { printf "%.3f", d / 1000 }')"
        kill -9 "$pid" 2>/dev/null
        wait "$pid"
        return $?
    fi
    QUNSU_STATE_FAULT=$3 "$QUNSU" run --config "$tmp/conf.json" --state "$1" \
        --in "$tmp/in.jsonl" --out "$2" 2>>"$tmp/runs.err"
}

# ---- --out FILE: exactly once ----
kills=0
n=1
while [ $n -le 11 ]; do
    run_file "$tmp/s1" "$tmp/s1.out" "kill-before-commit:$((n % 3 + 1))"
    [ $? -eq 137 ] && kills=$((kills + 1))
    run_file "$tmp/s1" "$tmp/s1.out" "kill-after-commit:$((n % 2 + 1))"
    [ $? -eq 137 ] && kills=$((kills + 1))
    n=$((n + 1))
done
for d in $delays; do
    run_file "$tmp/s1" "$tmp/s1.out" "" "$d"
    [ $? -eq 137 ] && kills=$((kills + 1))
done
run_file "$tmp/s1" "$tmp/s1.out" "" || { tail "$tmp/runs.err"; fail "final run"; }
echo "file output: $kills runs killed"
[ $kills -ge 20 ] || fail "only $kills runs were killed (want 20+)"
cmp -s "$tmp/ref.out" "$tmp/s1.out" || {
    diff "$tmp/ref.out" "$tmp/s1.out" | head -10
    fail "output after kills differs from the uninterrupted run"
}
dups=$(grep '"event":"alert"' "$tmp/s1.out" | sort | uniq -d | wc -l)
[ "$dups" -eq 0 ] || fail "$dups alert lines written twice"

# ---- stdout, input replayed from the start: at least once, nothing missing ----
: >"$tmp/s2.all"
k2=0
for f in kill-before-commit:2 kill-after-commit:3 kill-before-commit:4 kill-before-commit:1; do
    QUNSU_STATE_FAULT=$f "$QUNSU" run --config "$tmp/conf.json" --state "$tmp/s2" \
        <"$tmp/in.jsonl" >>"$tmp/s2.all" 2>>"$tmp/runs.err"
    [ $? -eq 137 ] && k2=$((k2 + 1))
done
"$QUNSU" run --config "$tmp/conf.json" --state "$tmp/s2" <"$tmp/in.jsonl" >>"$tmp/s2.all" \
    2>>"$tmp/runs.err" || fail "final stdin run"
[ $k2 -eq 4 ] || fail "stdin runs killed: $k2 of 4"
sort -u "$tmp/s2.all" >"$tmp/s2.set"
sort -u "$tmp/ref.out" >"$tmp/ref.set"
cmp -s "$tmp/ref.set" "$tmp/s2.set" || {
    diff "$tmp/ref.set" "$tmp/s2.set" | head -10
    fail "stdout events after kills differ from the uninterrupted run"
}
echo "stdout: $k2 runs killed, $(wc -l <"$tmp/s2.all") lines for $(wc -l <"$tmp/ref.out") events"

# ---- the stream's reorder buffer holds records across commits ----
printf '{"stream": {"reorder": true}, "state": {"batch_records": 5}}\n' >"$tmp/reorder.json"
"$QUNSU" run --config "$tmp/reorder.json" --state "$tmp/r0" --in "$tmp/in.jsonl" --out "$tmp/r0.out" \
    2>>"$tmp/runs.err" || fail "reorder reference run"
for k in 2 5 3 4 2 6; do
    QUNSU_STATE_FAULT=kill-before-commit:$k "$QUNSU" run --config "$tmp/reorder.json" \
        --state "$tmp/r1" --in "$tmp/in.jsonl" --out "$tmp/r1.out" 2>>"$tmp/runs.err"
    [ $? -eq 137 ] || fail "reorder run not killed"
done
"$QUNSU" run --config "$tmp/reorder.json" --state "$tmp/r1" --in "$tmp/in.jsonl" --out "$tmp/r1.out" \
    2>>"$tmp/runs.err" || fail "reorder final run"
cmp -s "$tmp/r0.out" "$tmp/r1.out" || fail "with reordering, output after kills differs"
echo "reorder: 6 runs killed, output identical"

# ---- ids repeated after the reader's id horizon are new records ----
python3 "$here/crash_gen.py" 300 12 90 >"$tmp/long.jsonl" # 4 ids repeated after 4+ days
printf '{"stream": {"id_horizon_days": 3}, "state": {"batch_records": 5}}\n' >"$tmp/hz.json"
"$QUNSU" run --config "$tmp/hz.json" --in "$tmp/long.jsonl" --out "$tmp/h0.out" 2>>"$tmp/runs.err" ||
    fail "horizon run without state"
for k in 3 7 2 9; do
    QUNSU_STATE_FAULT=kill-before-commit:$k "$QUNSU" run --config "$tmp/hz.json" \
        --state "$tmp/h1" --in "$tmp/long.jsonl" --out "$tmp/h1.out" 2>>"$tmp/runs.err"
    [ $? -eq 137 ] || { tail -3 "$tmp/runs.err"; fail "horizon run not killed"; }
done
"$QUNSU" run --config "$tmp/hz.json" --state "$tmp/h1" --in "$tmp/long.jsonl" --out "$tmp/h1.out" \
    2>>"$tmp/runs.err" || { tail -3 "$tmp/runs.err"; fail "horizon final run"; }
cmp -s "$tmp/h0.out" "$tmp/h1.out" || fail "with an id horizon, output after kills differs from a run without state"
echo "id horizon: 4 runs killed, output identical to a run without state"

# ---- negative control: a resume that keeps the uncommitted tail ----
run_file "$tmp/s3" "$tmp/s3.out" "kill-before-commit:3"
[ $? -eq 137 ] || fail "control run was not killed"
run_file "$tmp/s3" "$tmp/s3.out" "no-truncate" || fail "control restart"
if cmp -s "$tmp/ref.out" "$tmp/s3.out"; then
    fail "negative control: the check did not catch a resume without truncation"
fi
echo "negative control: caught ($(($(wc -l <"$tmp/s3.out") - $(wc -l <"$tmp/ref.out"))) events repeated)"
echo "ok"

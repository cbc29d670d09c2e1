#!/bin/sh
# crash_latency.sh: with the default batch settings, a record read from a
# live input (a pipe that stays open) is committed and its events are out
# within a second, without waiting for more input or for a full batch.
set -u
. "$(dirname "$0")/lib/crash_common.sh"
crash_need_run
python3 "$here/crash_gen.py" 30 5 | grep '"received_at"' | head -3 >"$tmp/three.jsonl"
mkfifo "$tmp/fifo"
"$QUNSU" run --state "$tmp/s" <"$tmp/fifo" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/fifo"
sleep 1 # startup (sanitizer builds are slow to start)
n=1
while [ $n -le 3 ]; do
    sed -n "${n}p" "$tmp/three.jsonl" >&3
    id=$(sed -n "${n}p" "$tmp/three.jsonl" | sed 's/.*"id": "\([^"]*\)".*/\1/')
    # wait at most 1 s (10 x 0.1 s) for its complaint event
    t=0
    until grep -q "\"id\":\"$id\"" "$tmp/out"; do
        t=$((t + 1))
        [ $t -gt 10 ] && fail "record $n ($id) not out within 1 s"
        sleep 0.1
    done
    n=$((n + 1))
done
exec 3>&-
wait "$pid" || { cat "$tmp/err"; fail "run failed"; }
pid=""
# all three committed to the state
"$QUNSU" report --state "$tmp/s" --format json --from 2000-01-01 --to 2100-01-01 >"$tmp/rep.json" ||
    fail "report"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["totals"][0]; sys.exit(t["records"] != 3)' \
    "$tmp/rep.json" || fail "the state does not hold the three records"
echo ok

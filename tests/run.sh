#!/bin/sh
# tests/run.sh BUILD_DIR: runs every test of the project against the binary
# and unit-test programs in BUILD_DIR and ends with "N passed, N failed".
#   unit tests   BUILD_DIR/tests/test_*      (each "ok"/"not ok" line counts)
#   CLI cases    tests/cases/GROUP/NAME/     (args, stdin, expected stdout)
#   scripts      tests/scripts/*.sh          (exit status 0 passes)
B=${1:-build/san}
QUNSU=$(pwd)/$B/qunsu
export QUNSU
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    "$t" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    p=$(grep -c '^ok ' "$tmp/out")
    f=$(grep -c '^not ok ' "$tmp/out")
    pass=$((pass + p))
    fail=$((fail + f))
    if [ "$f" -gt 0 ]; then
        echo "FAIL $name:"; grep -A3 '^not ok ' "$tmp/out" | head -40
    fi
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
        fail=$((fail + 1)); echo "FAIL $name exited $rc"; tail -20 "$tmp/err"
    fi
    echo "unit $name: $p passed, $f failed"
done

# CLI cases: a directory with `args` (arguments after qunsu, one line),
# optional `stdin`, expected `stdout`, optional `status` (default 0) and
# optional `stderr` (lines that must each appear in stderr).
for d in tests/cases/*/*/; do
    [ -f "$d/args" ] || continue
    name=${d#tests/cases/}; name=${name%/}
    args=$(cat "$d/args")
    want_status=0; [ -f "$d/status" ] && want_status=$(cat "$d/status")
    in=/dev/null; [ -f "$d/stdin" ] && in="$d/stdin"
    (cd "$d" && eval "\"\$QUNSU\" $args") <"$in" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    ok=1
    if [ "$rc" != "$want_status" ]; then ok=0; echo "FAIL $name: status $rc, want $want_status"; fi
    if [ -f "$d/stdout" ] && ! cmp -s "$tmp/out" "$d/stdout"; then
        ok=0; echo "FAIL $name: stdout differs"; diff "$d/stdout" "$tmp/out" | head -20
    fi
    if [ -f "$d/stderr" ]; then
        while IFS= read -r line; do
            grep -qF -- "$line" "$tmp/err" || { ok=0; echo "FAIL $name: stderr lacks: $line"; }
        done <"$d/stderr"
    fi
    if grep -q 'Sanitizer' "$tmp/err"; then ok=0; echo "FAIL $name: sanitizer report"; head -30 "$tmp/err"; fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done

for s in tests/scripts/*.sh; do
    [ -f "$s" ] || continue
    if sh "$s" "$B" >"$tmp/out" 2>&1; then
        pass=$((pass + 1)); echo "script $(basename "$s"): ok"
    else
        fail=$((fail + 1)); echo "FAIL script $(basename "$s"):"; tail -30 "$tmp/out"
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

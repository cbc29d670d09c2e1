#!/bin/sh
# crash_diskfull.sh: `qunsu run --state` on a full disk (a small tmpfs) stops
# with a clear message and exit status 2; after space is freed a restart
# finishes, and the output equals that of an uninterrupted run. Skips with a
# message where mounting a tmpfs is not permitted.
set -u
. "$(dirname "$0")/lib/crash_common.sh"
crash_need_run
mkdir "$tmp/disk"
if ! mount -t tmpfs -o size=8m tmpfs "$tmp/disk" 2>/dev/null; then
    echo "skip: mounting a tmpfs is not permitted here"
    exit 0
fi
mnt="$tmp/disk" # unmounted on exit

python3 "$here/crash_gen.py" 1500 11 >"$tmp/in.jsonl"
printf '{"state": {"batch_records": 50}}\n' >"$tmp/conf.json"
"$QUNSU" run --config "$tmp/conf.json" --state "$tmp/ref" --in "$tmp/in.jsonl" --out "$tmp/ref.out" \
    2>/dev/null || fail "reference run"

# leave about 300 KB: less than the state and output of this stream need
avail=$(df -k "$mnt" | awk 'NR == 2 { print $4 }')
dd if=/dev/zero of="$mnt/ballast" bs=1k count=$((avail - 300)) 2>/dev/null
"$QUNSU" run --config "$tmp/conf.json" --state "$mnt/s" --in "$tmp/in.jsonl" --out "$mnt/s.out" \
    2>"$tmp/err"
st=$?
[ $st = 2 ] || { cat "$tmp/err"; fail "status $st on a full disk, want 2"; }
grep -q "disk full" "$tmp/err" || { cat "$tmp/err"; fail "no 'disk full' message"; }
echo "full disk: $(cat "$tmp/err")"
# a second attempt on the still-full disk fails the same way, losing nothing
"$QUNSU" run --config "$tmp/conf.json" --state "$mnt/s" --in "$tmp/in.jsonl" --out "$mnt/s.out" \
    2>"$tmp/err"
[ $? = 2 ] || { cat "$tmp/err"; fail "second attempt on a full disk"; }

rm "$mnt/ballast"
"$QUNSU" run --config "$tmp/conf.json" --state "$mnt/s" --in "$tmp/in.jsonl" --out "$mnt/s.out" \
    2>"$tmp/err" || { cat "$tmp/err"; fail "restart after freeing space"; }
cmp -s "$tmp/ref.out" "$mnt/s.out" || {
    diff "$tmp/ref.out" "$mnt/s.out" | head
    fail "output after the disk-full stop differs from the uninterrupted run"
}
echo ok

#!/bin/sh
# crash_faults.sh: a state folder that cannot be used gives a clear error and
# exit status 2, and is left exactly as it was: missing, foreign, corrupt or
# newer database (all commands), and for `run` a changed config, a shortened
# output file and a read-only folder (where mounting is permitted).
set -u
. "$(dirname "$0")/lib/crash_common.sh"

# expect STATUS TEXT CMD...: the command exits with STATUS and says TEXT
expect() {
    want=$1 text=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    [ "$got" = "$want" ] || { cat "$tmp/err"; fail "$*: status $got, want $want"; }
    grep -qF -- "$text" "$tmp/err" || { cat "$tmp/err"; fail "$*: no message '$text'"; }
}

sum() { cksum "$1" | cut -d' ' -f1,2; }

# a database made by another program
mkdir "$tmp/foreign"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()" \
    "$tmp/foreign/qunsu.db" || fail "python3 sqlite3"
before=$(sum "$tmp/foreign/qunsu.db")
for cmd in alerts report; do
    expect 2 "another application" "$QUNSU" $cmd --state "$tmp/foreign"
done
expect 2 "another application" "$QUNSU" merchant --state "$tmp/foreign" X
[ "$(sum "$tmp/foreign/qunsu.db")" = "$before" ] || fail "the foreign database was modified"

# a database of a newer qunsu
mkdir "$tmp/newer"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma application_id=1903521395'); c.execute('create table meta(k,v)'); c.execute('pragma user_version=7'); c.commit()" \
    "$tmp/newer/qunsu.db"
expect 2 "newer qunsu" "$QUNSU" alerts --state "$tmp/newer"

# not a database at all
mkdir "$tmp/junk"
head -c 20000 /dev/urandom >"$tmp/junk/qunsu.db"
expect 2 "not a qunsu state database" "$QUNSU" report --state "$tmp/junk"

# no state yet
expect 2 "no qunsu state" "$QUNSU" alerts --state "$tmp/none"
[ ! -e "$tmp/none" ] || fail "a reader created the state folder"

if ! "$QUNSU" --help | grep -q '^  run '; then
    echo "skip: this build has no run command (run checks skipped)"
    exit 0
fi
python3 "$here/crash_gen.py" 120 3 >"$tmp/in.jsonl"
for d in foreign newer junk; do
    b=$(sum "$tmp/$d/qunsu.db")
    expect 2 "" "$QUNSU" run --state "$tmp/$d" --in "$tmp/in.jsonl" --out "$tmp/o"
    [ "$(sum "$tmp/$d/qunsu.db")" = "$b" ] || fail "run modified the $d database"
done

# a good state, then the same config reordered and commented, then a changed one
printf '{"stream": {"lateness_hours": 24, "reorder": false}}\n' >"$tmp/a.json"
printf '{"_why": "same values", "stream": {"reorder": false, "lateness_hours": 24}}\n' >"$tmp/b.json"
"$QUNSU" run --config "$tmp/a.json" --state "$tmp/s" --in "$tmp/in.jsonl" --out "$tmp/s.out" 2>/dev/null ||
    fail "first run"
"$QUNSU" run --config "$tmp/b.json" --state "$tmp/s" --in "$tmp/in.jsonl" --out "$tmp/s.out" 2>"$tmp/err" ||
    { cat "$tmp/err"; fail "the same config, reordered, was refused"; }
printf '{"stream": {"lateness_hours": 12, "reorder": false}}\n' >"$tmp/c.json"
b=$(sum "$tmp/s/qunsu.db")
expect 2 "config changed" "$QUNSU" run --state "$tmp/s" --config "$tmp/c.json" --in "$tmp/in.jsonl" --out "$tmp/s.out"
[ "$(sum "$tmp/s/qunsu.db")" = "$b" ] || fail "a refused config changed the state"
# batching and durability are not part of the config check
printf '{"stream": {"lateness_hours": 24, "reorder": false}, "state": {"synchronous": "full", "batch_records": 10}}\n' >"$tmp/d.json"
"$QUNSU" run --state "$tmp/s" --config "$tmp/d.json" --in "$tmp/in.jsonl" --out "$tmp/s.out" 2>/dev/null ||
    fail "a state section change was refused"

# the output file was cut by someone else
head -c 100 "$tmp/s.out" >"$tmp/cut" && mv "$tmp/cut" "$tmp/s.out"
expect 2 "shorter" "$QUNSU" run --config "$tmp/a.json" --state "$tmp/s" --in "$tmp/in.jsonl" --out "$tmp/s.out"

# the state folder on a read-only filesystem
mnt="$tmp/ro"
mkdir "$mnt"
if mount -t tmpfs -o size=4m tmpfs "$mnt" 2>/dev/null; then
    cp -R "$tmp/s" "$mnt/s"
    mount -o remount,ro "$mnt" || fail "remount read-only"
    expect 2 "not writable" "$QUNSU" run --config "$tmp/a.json" --state "$mnt/s" --in "$tmp/in.jsonl" --out "$tmp/o2"
    # the query commands still read it
    "$QUNSU" alerts --state "$mnt/s" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; fail "alerts on a read-only state"; }
else
    echo "skip: mounting a tmpfs is not permitted here (read-only check skipped)"
    mnt=""
fi
echo ok

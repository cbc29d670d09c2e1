# crash_common.sh: the start every crash_*.sh test shares; sourced, not run
# (it sits below tests/scripts/ so tests/run.sh does not take it for a test).
# Sets `here` (the scripts folder, where crash_gen.py is) and `tmp` (a fresh
# folder), defines fail() and crash_need_run(), and on exit kills $pid and
# unmounts $mnt when a test set them, then removes $tmp.
: "${QUNSU:?QUNSU must point at the qunsu binary}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=""
mnt=""
crash_cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
    rm -rf "$tmp"
}
trap crash_cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Skip the test on a build without the run command.
crash_need_run() {
    if ! "$QUNSU" --help | grep -q '^  run '; then
        echo "skip: this build has no run command"
        exit 0
    fi
}

# fails.sh: `fails CMD...` asserts that CMD exits non-zero and ends the
# test script (status 1) when it does not; sourced, not run (it sits below
# tests/scripts/ so tests/run.sh does not take it for a test). A bare
# `! CMD` is exempt from `set -e`: it can never fail a test.
fails() {
    if "$@"; then
        echo "expected to fail: $*"
        exit 1
    fi
}

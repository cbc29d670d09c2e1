#!/bin/sh
# bench/tagger.sh BUILD_DIR: the character tagger of names (models/ctag.model)
# measured on hand-written sets it never saw. The merchant sets are split by
# the parity of their number; a tagger is trained on the -d records of one
# half (as models/ctag.sh does on all of them) and `qunsu extract` runs with
# it on every record of the other half, then the halves swap. The same
# records are extracted with --no-tagger beside it. Then the committed
# model on the -t records of sets 106-109, which its recipe leaves out, and
# on CLUENER2020 company mentions (../shared/data, measurement only; skipped
# when absent), where a tagger trained on complaints must not take people,
# places and titles for companies.
set -e
B=${1:-build}
Q=$B/qunsu
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in corpora/hand/merchant-dev*.jsonl; do
    n=$(basename "$f" .jsonl)
    n=${n#merchant-dev}
    [ -n "$n" ] || n=1
    half=$([ $((n % 2)) -eq 1 ] && echo odd || echo even)
    grep -- '-d", ' "$f" >>"$tmp/$half-d.jsonl" || true
    grep -- '-[dt]", ' "$f" >>"$tmp/$half-all.jsonl" || true
done
for half in odd even; do
    cat "$tmp/$half-d.jsonl" corpora/hand/bare-train.jsonl | grep -- '-d", ' >"$tmp/$half-train.jsonl"
    "$Q" train-tagger --in "$tmp/$half-train.jsonl" --out "$tmp/$half.model" 2>/dev/null
done
: >"$tmp/gold.jsonl"
: >"$tmp/with.out"
: >"$tmp/without.out"
for half in odd even; do
    other=$([ $half = odd ] && echo even || echo odd)
    cat "$tmp/$half-all.jsonl" >>"$tmp/gold.jsonl"
    "$Q" extract --tagger "$tmp/$other.model" --in "$tmp/$half-all.jsonl" 2>/dev/null >>"$tmp/with.out"
    "$Q" extract --no-tagger --in "$tmp/$half-all.jsonl" 2>/dev/null >>"$tmp/without.out"
done
echo "== tagger trained on the other half of the hand-written sets ($(wc -l <"$tmp/gold.jsonl") records, -d and -t)"
echo "-- without the tagger"
$PY bench/score_extract.py gold "$tmp/gold.jsonl" "$tmp/without.out" | sed -n '2,5p'
echo "-- with it"
$PY bench/score_extract.py gold "$tmp/gold.jsonl" "$tmp/with.out" | sed -n '2,5p'

for n in 106 107 108 109; do
    grep -- '-t", ' "corpora/hand/merchant-dev$n.jsonl" || true
done >"$tmp/late.jsonl"
if [ -s "$tmp/late.jsonl" ]; then
    echo "== the committed model on the -t records of sets 106-109 (left out of its recipe)"
    "$Q" extract --no-tagger --in "$tmp/late.jsonl" --out "$tmp/late-without.out" 2>/dev/null
    "$Q" extract --in "$tmp/late.jsonl" --out "$tmp/late-with.out" 2>/dev/null
    echo "-- without the tagger"
    $PY bench/score_extract.py gold "$tmp/late.jsonl" "$tmp/late-without.out" | sed -n '2,5p'
    echo "-- with it"
    $PY bench/score_extract.py gold "$tmp/late.jsonl" "$tmp/late-with.out" | sed -n '2,5p'
fi

CL=../shared/data/cluener2020/train.jsonl
if [ -f "$CL" ]; then
    echo "== CLUENER2020 company mentions (public data, measurement only)"
    "$Q" extract --no-tagger --in "$CL" --out "$tmp/cl-without.out" 2>/dev/null
    "$Q" extract --in "$CL" --out "$tmp/cl-with.out" 2>/dev/null
    printf -- '-- without the tagger: '
    $PY bench/score_extract.py cluener "$CL" "$tmp/cl-without.out"
    printf -- '-- with it:            '
    $PY bench/score_extract.py cluener "$CL" "$tmp/cl-with.out"
else
    echo "== CLUENER2020: ../shared/data absent, skipped"
fi

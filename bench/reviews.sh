#!/bin/sh
# bench/reviews.sh BUILD_DIR: `qunsu extract` on real negative consumer
# reviews (../shared/data/reviews: food delivery and online shopping;
# public, measurement only, skipped when absent). Nobody labelled them, so
# it prints what to read: the share of texts given a merchant, the most
# frequent merchant names (a name there that is no business is a false
# merchant on real language), issues and tags, and the speed on real text.
set -e
B=${1:-build}
Q=$B/qunsu
cd "$(dirname "$0")/.."
D=../shared/data/reviews
if [ ! -d "$D" ]; then
    echo "== reviews: $D absent, skipped"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in waimai_10k online_shopping_10_cats; do
    [ -f "$D/$f.csv" ] || continue
    echo "== qunsu extract on the negative reviews of $f.csv (real text, unlabelled)"
    python3 bench/reviews.py input "$D/$f.csv" "$tmp/$f.jsonl" >/dev/null
    t0=$(date +%s.%N)
    "$Q" extract --in "$tmp/$f.jsonl" --out "$tmp/$f.out" 2>/dev/null
    t1=$(date +%s.%N)
    python3 bench/reviews.py report "$tmp/$f.jsonl" "$tmp/$f.out"
    n=$(wc -l <"$tmp/$f.jsonl")
    echo "  $n texts in $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s wall clock"
done

#!/bin/sh
# models/ctag.sh [QUNSU]: retrain models/ctag.model, the character tagger of
# business names (engine/ctag.h), from the development records (ids ending
# -d) of the hand-written merchant sets 1-105 (corpora/hand/merchant-dev.jsonl,
# merchant-dev2.jsonl ... merchant-dev105.jsonl) and of
# corpora/hand/bare-train.jsonl; -t records are never trained on, nor sets
# 106-109 (written without looking at the engine, kept to measure on). The
# same inputs give a byte-identical file.
set -e
cd "$(dirname "$0")/.."
Q=${1:-build/qunsu}
EPOCHS=${EPOCHS:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sets="corpora/hand/merchant-dev.jsonl"
i=2
while [ $i -le 105 ]; do
    sets="$sets corpora/hand/merchant-dev$i.jsonl"
    i=$((i + 1))
done
for f in $sets corpora/hand/bare-train.jsonl; do
    grep -- '-d", ' "$f" >>"$tmp/mix.jsonl"
done
"$Q" train-tagger --in "$tmp/mix.jsonl" --out models/ctag.model --epochs "$EPOCHS" --seed 1 \
    --recipe "sh models/ctag.sh: -d records of hand-written sets 1-105 and hand/bare-train.jsonl, $EPOCHS passes, seed 1"

#!/bin/sh
# models/sector.sh [QUNSU]: retrain models/sector.model, the learned sector
# of a merchant whose name implies none (engine/secmodel.h), from
# corpora/dev-train.jsonl followed by the development records (ids ending
# -d) of the hand-written merchant sets repeated HAND_REPEAT times (as for
# the issue model, models/recipe.sh); -t records, corpora/eval and
# corpora/dev-heldout.jsonl are never trained on. Deterministic.
set -e
cd "$(dirname "$0")/.."
Q=${1:-build/qunsu}
. models/recipe.sh
LAMBDA=${LAMBDA:-1e-4}
REPEAT=${REPEAT:-$HAND_REPEAT}
OUT=${OUT:-models/sector.model}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
recipe_dev_records $SECTOR_DEV > "$tmp/hand.jsonl"
recipe_mix corpora/dev-train.jsonl "$tmp/hand.jsonl" "$REPEAT" "$tmp/mix.jsonl"
"$Q" train-sector --in "$tmp/mix.jsonl" --out "$OUT" --lambda "$LAMBDA" \
    --recipe "sh models/sector.sh: dev-train.jsonl + -d records of hand/merchant-dev*.jsonl x$REPEAT, lambda $LAMBDA"

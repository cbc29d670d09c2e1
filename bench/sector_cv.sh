#!/bin/sh
# bench/sector_cv.sh BUILD_DIR [LAMBDA]: the learned sector (models/sector.sh)
# measured on hand-written text it was not trained on: for each hand-written
# merchant set, a model trained on corpora/dev-train.jsonl and the -d records
# of the OTHER sets (x HAND_REPEAT, as the recipe) scores that set's -d
# records; beside it the same records with the shipped model (trained on
# them) and with cue words only (no model). Sector accuracy over the records
# with a gold merchant. -t records are never used.
set -e
B=${1:-build}
LAMBDA=${2:-1e-4}
Q=$B/qunsu
cd "$(dirname "$0")/.."
. models/recipe.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
acc() { python3 bench/sector_score.py "$1" "$2" | sed -n 's/.*sector accuracy //p'; }
printf '%-40s %8s %8s %8s\n' "set (-d records), lambda $LAMBDA" "cues" "held" "shipped"
for f in $MERCH_DEV; do
    grep -- '-d", ' "$f" >"$tmp/test.jsonl"
    : >"$tmp/hand.jsonl"
    for o in $MERCH_DEV; do
        [ "$o" = "$f" ] || grep -- '-d", ' "$o" >>"$tmp/hand.jsonl"
    done
    recipe_mix corpora/dev-train.jsonl "$tmp/hand.jsonl" "$HAND_REPEAT" "$tmp/mix.jsonl"
    "$Q" train-sector --in "$tmp/mix.jsonl" --out "$tmp/cv.model" --lambda "$LAMBDA" 2>/dev/null
    "$Q" extract --in "$tmp/test.jsonl" --out "$tmp/held.out" --sector-model "$tmp/cv.model" 2>/dev/null
    "$Q" extract --in "$tmp/test.jsonl" --out "$tmp/ship.out" 2>/dev/null
    "$Q" extract --in "$tmp/test.jsonl" --out "$tmp/cues.out" --no-sector-model 2>/dev/null
    printf '%-40s %8s %8s %8s\n' "$f" "$(acc "$tmp/test.jsonl" "$tmp/cues.out")" \
        "$(acc "$tmp/test.jsonl" "$tmp/held.out")" "$(acc "$tmp/test.jsonl" "$tmp/ship.out")"
done

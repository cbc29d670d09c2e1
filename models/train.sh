#!/bin/sh
# models/train.sh [BUILD_DIR]: retrain models/issue.model with the committed
# recipe (models/recipe.sh): the generated corpus (at most GEN_CAP records of
# each issue) followed by the hand-written training texts repeated HAND_REPEAT
# times, calibrated on corpora/calib.jsonl,
# seed 1. The same inputs give a byte-identical model.
set -e
B=${1:-build}
cd "$(dirname "$0")/.."
. models/recipe.sh
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
recipe_hand "$d/hand.jsonl"
recipe_gen "$GEN" "$d/gen.jsonl"
recipe_mix "$d/gen.jsonl" "$d/hand.jsonl" "$HAND_REPEAT" "$d/mix.jsonl"
"$B/qunsu" train --in "$d/mix.jsonl" --calib corpora/calib.jsonl --out models/issue.model --seed 1 --lambda "$ISSUE_LAMBDA" --nb "$ISSUE_NB"

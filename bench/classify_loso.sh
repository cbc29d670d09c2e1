#!/bin/sh
# bench/classify_loso.sh BUILD_DIR [REPEAT]: the development measure of the
# issue classifier on hand-written text that training did not see, without
# touching any held-out (-t) record.
#  1. leave one set out: for each hand-written merchant set k of
#     models/recipe.sh, a model is trained by the recipe (generated corpus
#     capped by recipe_gen,
#     then corpora/hand/train.jsonl, the near-miss pairs and the -d records of the other merchant
#     sets, repeated REPEAT times, default the recipe's; calibrated on
#     corpora/calib.jsonl) and scored on set k's -d records. Each set's
#     figures, then the pooled ones. Each set was written by other hands, so
#     this is the nearest thing to a stream nobody on the team wrote.
#  2. the 5-fold cross-validation of bench/classify_cv.sh on
#     corpora/hand/train.jsonl (pooled figures only).
# With CV=0 the second part is skipped; LOSO_GEN=FILE trains part 1 on another
# generated corpus (capped the same way; an empty file: none); LOSO_SETS
# names the sets left out in turn (default every set of the recipe, each
# model still trained on all the others). TRAIN_OPTS are passed to every `qunsu train`; with KEEP=DIR the pooled
# gold and predictions are left in DIR (loso.gold, loso.pred) for reading
# the errors. Nothing here reads a -t record.
. "$(dirname "$0")/classify_setup.inc"
recipe_gen "${LOSO_GEN:-$GEN}" "$d/gen.jsonl"

echo "== classify: leave one hand-written merchant set out (-d records, x$R)"
: > "$d/loso.gold"
: > "$d/loso.pred"
for s in ${LOSO_SETS:-$MERCH_DEV}; do
    recipe_hand_base "$d/hand.jsonl"
    for o in $MERCH_DEV; do
        [ "$o" = "$s" ] || recipe_dev_records "$o" >> "$d/hand.jsonl"
    done
    recipe_dev_records "$s" > "$d/test.jsonl"
    recipe_mix "$d/gen.jsonl" "$d/hand.jsonl" "$R" "$d/mix.jsonl"
    nice "$Q" train --in "$d/mix.jsonl" --calib corpora/calib.jsonl --out "$d/m.model" --seed 1 --lambda "$ISSUE_LAMBDA" --nb "$ISSUE_NB" $TRAIN_OPTS 2>/dev/null
    "$Q" classify --model "$d/m.model" --in "$d/test.jsonl" --out "$d/p.jsonl"
    printf '  %-36s' "$(basename "$s") ($(grep -c . "$d/test.jsonl"))"
    python3 bench/classify_score.py "$d/test.jsonl" "$d/p.jsonl" |
        awk '/^issue accuracy/ { a = $3 } /^issue macro-F1/ { m = $3 } /^tag micro-F1/ { t = $3 }
             END { printf "accuracy %s  macro-F1 %s  tag micro-F1 %s\n", a, m, t }'
    cat "$d/test.jsonl" >> "$d/loso.gold"
    cat "$d/p.jsonl" >> "$d/loso.pred"
done
echo "-- pooled"
python3 bench/classify_score.py "$d/loso.gold" "$d/loso.pred" | sed -n '/^records/,/^reliability/p' | grep -v '^reliability'
python3 bench/classify_score.py "$d/loso.gold" "$d/loso.pred" | grep 'calibration error'
if [ -n "$KEEP" ]; then
    mkdir -p "$KEEP"
    cp "$d/loso.gold" "$d/loso.pred" "$KEEP/"
fi

[ "${CV:-1}" = 0 ] && exit 0
echo
KEEP=${KEEP:+$KEEP/cv} sh bench/classify_cv.sh "$B" "$R" | sed -n '/^-- trained on .* 4\/5/,$p' | grep -E '^--|accuracy|macro-F1|micro-F1'

#!/bin/sh
# bench/classify_cv.sh BUILD_DIR [REPEAT]: 5-fold cross-validation of the
# classifier on the hand-written training set corpora/hand/train.jsonl.
# Fold k of a text is FNV-1a(id) % 5. For each fold the model is trained the
# way models/train.sh trains the shipped one (generated corpus plus the hand
# texts of the other four folds, the near-miss pairs and the merchant sets' -d
# records, each repeated REPEAT times, default the
# recipe's; the generated corpus capped by recipe_gen), calibrated on corpora/calib.jsonl, and scored on the held-out
# fold; the five folds' predictions are scored together. The first row is the
# model trained without any hand text (the generated corpus alone), scored on
# the whole hand set: the "before" figure. With KEEP=DIR the pooled gold and
# predictions are left in DIR (cv.gold, cv.pred) for reading the errors.
. "$(dirname "$0")/classify_setup.inc"
H=corpora/hand/train.jsonl
recipe_gen "$GEN" "$d/gen.jsonl"

score() {
    python3 bench/classify_score.py "$1" "$2" | grep -E 'accuracy|macro-F1|micro-F1'
}

echo "== classify cross-validation on $H ($(grep -c . $H) texts, 5 folds)"
nice "$Q" train --in "$d/gen.jsonl" --calib corpora/calib.jsonl --out "$d/gen.model" --seed 1 --lambda "$ISSUE_LAMBDA" --nb "$ISSUE_NB" 2>/dev/null
"$Q" classify --model "$d/gen.model" --in "$H" --out "$d/gen.pred"
echo "-- trained on $GEN (at most $GEN_CAP of each issue) alone, scored on all of the hand set"
score "$H" "$d/gen.pred"

python3 - "$H" "$d" <<'PY'
import json, sys
h, d = sys.argv[1:3]
outs = [(open(f"{d}/train{k}.jsonl", "w", encoding="utf-8"), open(f"{d}/test{k}.jsonl", "w", encoding="utf-8"))
        for k in range(5)]
for line in open(h, encoding="utf-8"):
    if not line.strip():
        continue
    hv = 0xcbf29ce484222325
    for b in json.loads(line)["id"].encode():
        hv = ((hv ^ b) * 0x100000001b3) & 0xffffffffffffffff
    for k in range(5):
        outs[k][1 if hv % 5 == k else 0].write(line)
PY
recipe_merch_dev "$d/merch-d.jsonl"
cat "$HAND_PAIRS" >> "$d/merch-d.jsonl"
: > "$d/cv.pred"
: > "$d/cv.gold"
for k in 0 1 2 3 4; do
    cat "$d/merch-d.jsonl" >> "$d/train$k.jsonl"
    recipe_mix "$d/gen.jsonl" "$d/train$k.jsonl" "$R" "$d/mix$k.jsonl"
    nice "$Q" train --in "$d/mix$k.jsonl" --calib corpora/calib.jsonl --out "$d/m$k.model" --seed 1 --lambda "$ISSUE_LAMBDA" --nb "$ISSUE_NB" $TRAIN_OPTS 2>/dev/null
    "$Q" classify --model "$d/m$k.model" --in "$d/test$k.jsonl" --out "$d/p$k.jsonl"
    cat "$d/p$k.jsonl" >> "$d/cv.pred"
    cat "$d/test$k.jsonl" >> "$d/cv.gold"
done
echo "-- trained on $GEN (capped) + 4/5 of the hand set (x$R), scored on the held-out fifth"
if [ -n "$KEEP" ]; then
    mkdir -p "$KEEP"
    cp "$d/cv.gold" "$d/cv.pred" "$KEEP/"
fi
python3 bench/classify_score.py "$d/cv.gold" "$d/cv.pred" | sed -n '/^records/,/^reliability/p' | grep -v '^reliability'

# models/recipe.sh: the training mix of models/issue.model, sourced by
# models/train.sh, bench/classify.sh and bench/classify_cv.sh. GEN is the
# generated corpus; the hand-written texts (corpora/hand/train.jsonl and the
# development part, ids ending -d, of the hand-written merchant sets
# MERCH_DEV) are repeated HAND_REPEAT times after it (chosen by
# cross-validation on the hand set, see models/README.md).
GEN=corpora/dev.jsonl
HAND=corpora/hand/train.jsonl
MERCH_DEV="corpora/hand/merchant-dev.jsonl corpora/hand/merchant-dev2.jsonl corpora/hand/merchant-dev3.jsonl corpora/hand/merchant-dev4.jsonl corpora/hand/merchant-dev5.jsonl"
HAND_REPEAT=4

# recipe_merch_dev OUT: the -d records of the merchant development sets (the
# -t records are kept aside for measuring and never trained on).
recipe_merch_dev() {
    cat $MERCH_DEV | grep -E '"id": "[a-z0-9]+-[0-9]+-d"' > "$1"
}

# recipe_hand OUT: every hand-written training text.
recipe_hand() {
    recipe_merch_dev "$1.md"
    cat "$HAND" "$1.md" > "$1"
    rm -f "$1.md"
}

# recipe_mix BASE EXTRA N OUT: write the training mix OUT, the file BASE
# followed by N copies of the file EXTRA.
recipe_mix() {
    cp "$1" "$4"
    recipe_i=0
    while [ $recipe_i -lt "$3" ]; do
        cat "$2" >> "$4"
        recipe_i=$((recipe_i + 1))
    done
}

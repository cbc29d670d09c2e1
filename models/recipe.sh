# models/recipe.sh: the training mix of models/issue.model, sourced by
# models/train.sh and bench/classify_cv.sh. GEN is the generated corpus;
# the hand-written texts of corpora/hand/train.jsonl are repeated HAND_REPEAT
# times after it (chosen by cross-validation on the hand set, see
# models/README.md).
GEN=corpora/dev.jsonl
HAND=corpora/hand/train.jsonl
HAND_REPEAT=4

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

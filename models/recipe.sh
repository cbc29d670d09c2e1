# models/recipe.sh: the training mix of models/issue.model, sourced by
# models/train.sh and bench/classify_cv.sh. GEN is the generated corpus;
# the hand-written texts of corpora/hand/train.jsonl are repeated HAND_REPEAT
# times after it (chosen by cross-validation on the hand set, see
# models/README.md).
GEN=corpora/dev.jsonl
HAND=corpora/hand/train.jsonl
HAND_REPEAT=4

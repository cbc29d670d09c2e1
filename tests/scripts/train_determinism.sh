#!/bin/sh
# `qunsu train` is deterministic: the same labelled data and seed give a
# byte-identical model file; the model it writes loads and classifies.
set -e
. tests/scripts/lib/fails.sh
: "${QUNSU:?}"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 corpora/gen/complaints.py gold --seed 11 --n 300 > "$d/train.jsonl"
"$QUNSU" train --in "$d/train.jsonl" --out "$d/a.model" --seed 3 --iter 60 2>"$d/log"
"$QUNSU" train --in "$d/train.jsonl" --out "$d/b.model" --seed 3 --iter 60 2>>"$d/log"
cmp "$d/a.model" "$d/b.model"
grep -q '^seed 3$' "$d/a.model"
grep -q '^train_records 300$' "$d/a.model"
# the header names the training data: another input, another hash
head -n 100 "$d/train.jsonl" > "$d/small.jsonl"
"$QUNSU" train --in "$d/small.jsonl" --out "$d/c.model" --seed 3 --iter 20 2>>"$d/log"
a=$(grep '^train_data ' "$d/a.model")
c=$(grep '^train_data ' "$d/c.model")
[ "$a" != "$c" ]
"$QUNSU" classify --model "$d/a.model" --in corpora/sample.jsonl > "$d/out.jsonl"
[ "$(wc -l < "$d/out.jsonl")" -eq "$(grep -c . corpora/sample.jsonl)" ]
fails grep -q '"event":"reject"' "$d/out.jsonl"
echo "train determinism: ok"

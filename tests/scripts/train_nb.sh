#!/bin/sh
# `qunsu train --nb`: naive-Bayes scaled priors of the issue weights. The
# same data, seed and --nb give a byte-identical model; --nb changes the
# issue weights (not the tag weights), the model loads and classifies, and
# a value outside 0..1 is refused.
set -e
. tests/scripts/lib/fails.sh
: "${QUNSU:?}"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 corpora/gen/complaints.py gold --seed 12 --n 300 > "$d/train.jsonl"
"$QUNSU" train --in "$d/train.jsonl" --out "$d/a.model" --seed 3 --iter 40 --nb 1 2>"$d/log"
"$QUNSU" train --in "$d/train.jsonl" --out "$d/b.model" --seed 3 --iter 40 --nb 1 2>>"$d/log"
cmp "$d/a.model" "$d/b.model"
"$QUNSU" train --in "$d/train.jsonl" --out "$d/c.model" --seed 3 --iter 40 --nb 0 2>>"$d/log"
fails cmp -s "$d/a.model" "$d/c.model"
# the tag weights (after the tab that follows the issue weights) do not move
cut -f1,2,4 "$d/a.model" | grep '^f' > "$d/a.tags"
cut -f1,2,4 "$d/c.model" | grep '^f' > "$d/c.tags"
cmp "$d/a.tags" "$d/c.tags"
"$QUNSU" classify --model "$d/a.model" --in corpora/sample.jsonl > "$d/out.jsonl"
[ "$(wc -l < "$d/out.jsonl")" -eq "$(grep -c . corpora/sample.jsonl)" ]
fails grep -q '"event":"reject"' "$d/out.jsonl"
st=0
"$QUNSU" train --in "$d/train.jsonl" --out "$d/e.model" --nb 2 2>"$d/err" || st=$?
[ "$st" -eq 1 ]
grep -q 'nb' "$d/err"
[ ! -e "$d/e.model" ]
echo "train --nb: ok"

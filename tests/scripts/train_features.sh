#!/bin/sh
# `qunsu train --features`: the optional feature kinds. The same data, seed
# and kinds give a byte-identical model that names its kinds in the header
# and holds features of each (trigrams, p: word pairs, d: demand units, k:
# keyword features); the model classifies its own training texts as
# training saw them (the prediction path computes the same features); an
# unknown kind is refused.
set -e
: "${QUNSU:?}"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
python3 corpora/gen/complaints.py gold --seed 12 --n 300 > "$d/train.jsonl"
K=char3,wpair,demand,lexfeat
"$QUNSU" train --in "$d/train.jsonl" --out "$d/a.model" --seed 3 --iter 60 --features $K 2>"$d/log"
"$QUNSU" train --in "$d/train.jsonl" --out "$d/b.model" --seed 3 --iter 60 --features $K 2>>"$d/log"
cmp "$d/a.model" "$d/b.model"
grep -q '^features .*char3,wpair,demand,lexfeat' "$d/a.model"
grep -q "$(printf '^f\tp:')" "$d/a.model"
grep -q "$(printf '^f\td:')" "$d/a.model"
grep -q "$(printf '^f\tk:')" "$d/a.model"
grep -qE "$(printf '^f\t[^\t -~]{3}\t')" "$d/a.model" # a Han trigram: three 3-byte characters
"$QUNSU" train --in "$d/train.jsonl" --out "$d/c.model" --seed 3 --iter 60 2>>"$d/log"
grep -q '^features char1,char2,latin,digit,word,fold=norm$' "$d/c.model"
"$QUNSU" classify --model "$d/a.model" --in "$d/train.jsonl" > "$d/out.jsonl"
python3 - "$d/train.jsonl" "$d/out.jsonl" <<'PY'
import json, sys
gold = [json.loads(l)["gold"]["issue"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
pred = [json.loads(l)["issue"] for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
print(f"training accuracy {acc:.3f} over {len(gold)}")
sys.exit(0 if len(gold) == len(pred) and acc >= 0.9 else 1)
PY
st=0
"$QUNSU" train --in "$d/train.jsonl" --out "$d/e.model" --features char3,bogus 2>"$d/err" || st=$?
[ "$st" -eq 1 ]
grep -q 'bad --features' "$d/err"
[ ! -e "$d/e.model" ]
echo "train --features: ok"

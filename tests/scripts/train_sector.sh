#!/bin/sh
# `qunsu train-sector` fits the learned sector deterministically: the same
# labelled data give a byte-identical model file, which `extract` reads
# (--sector-model); records without a gold merchant sector are skipped, and
# input with none is refused.
set -e
. tests/scripts/lib/fails.sh
: "${QUNSU:?}"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
grep -- '-d", ' corpora/hand/merchant-dev4.jsonl >"$d/train.jsonl"
"$QUNSU" train-sector --in "$d/train.jsonl" --out "$d/a.model" --iter 50 2>"$d/log"
"$QUNSU" train-sector --in "$d/train.jsonl" --out "$d/b.model" --iter 50 2>>"$d/log"
cmp "$d/a.model" "$d/b.model"
head -n 1 "$d/a.model" | grep -q '^qunsu-sector-model 1$'
tail -n 1 "$d/a.model" | grep -q '^end$'
# records with a gold merchant only (the set has 148 of its 160 -d records)
grep -q '^train_records 148$' "$d/a.model"
printf '{"id":"x","text":"在暖阳洗的大衣缩水了"}\n' | "$QUNSU" extract --sector-model "$d/a.model" 2>/dev/null |
    grep -q '"sector"'
# nothing to learn from: refused
printf '{"id":"x","text":"没有标注"}\n' >"$d/none.jsonl"
fails "$QUNSU" train-sector --in "$d/none.jsonl" --out "$d/c.model" 2>/dev/null
# a damaged model is refused by extract with a message
head -n 20 "$d/a.model" >"$d/cut.model"
printf '{"id":"x","text":"x"}\n' >"$d/stdin.txt"
fails "$QUNSU" extract --sector-model "$d/cut.model" 2>"$d/err" >/dev/null <"$d/stdin.txt"
grep -q 'truncated' "$d/err"
echo "train-sector: ok"

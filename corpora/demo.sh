#!/bin/sh
# corpora/demo.sh QUNSU: the main job on the bundled sample corpus.
set -e
Q=${1:-build/qunsu}
cd "$(dirname "$0")/.."
echo "== qunsu validate corpora/sample.jsonl"
"$Q" validate --in corpora/sample.jsonl
echo "== qunsu segment (the complaint texts of corpora/sample.jsonl)"
sed -n 's/.*"text":"\([^"]*\)".*/\1/p' corpora/sample.jsonl | "$Q" segment
echo "== qunsu normalize (text folding with offsets; --mask: personal information)"
printf '這家ＧＹＭ關門了，會員卡１２０００元退不了\n' | "$Q" normalize --map
printf '投诉人王小明（手机138 1234 5678）住阳光小区3栋2单元501室\n' | "$Q" normalize --mask
echo "== qunsu extract (merchant, key, sector, mentions, issue, tags of each work order)"
"$Q" extract --in corpora/sample.jsonl --merchants corpora/merchants.example.tsv | head -5
echo "== qunsu classify (issue, calibrated confidence, scenario tags) on the first five work orders"
head -n 5 corpora/sample.jsonl | "$Q" classify
echo "== qunsu run corpora/sample.jsonl (events on stdout, counters on stderr)"
"$Q" run --in corpora/sample.jsonl
echo "== qunsu run --state (durable, resumable), then the query commands and the report"
st=$(mktemp -d)
"$Q" run --quiet --in corpora/sample.jsonl --state "$st/state" --out "$st/events.jsonl"
"$Q" alerts --state "$st/state" --format table
"$Q" report --state "$st/state" --format md --from 2000-01-01 --to 2100-01-01 | head -40
rm -rf "$st"

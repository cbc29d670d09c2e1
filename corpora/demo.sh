#!/bin/sh
# corpora/demo.sh QUNSU: the main job on the bundled sample corpus
# (corpora/sample.jsonl: five weeks of work orders with a prepaid gym that
# closes and a restaurant with a food-poisoning cluster).
set -e
Q=${1:-build/qunsu}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== qunsu validate: the input contract (rejects on stdout, summary on stderr)"
"$Q" validate --in corpora/sample.jsonl

echo
echo "== qunsu segment: the first three complaint texts"
head -n 3 corpora/sample.jsonl | sed -n 's/.*"text": *"\([^"]*\)".*/\1/p' | "$Q" segment

echo
echo "== qunsu normalize: folding with the offset map, and the personal-data mask"
printf '這家ＧＹＭ關門了，會員卡１２０００元退不了\n' | "$Q" normalize --map
printf '投诉人王小明（手机138 1234 5678）住阳光小区3栋2单元501室\n' | "$Q" normalize --mask

echo
echo "== qunsu extract: merchant, key, sector, mentions, issue and tags of the first three orders"
head -n 3 corpora/sample.jsonl | "$Q" extract --merchants corpora/merchants.example.tsv

echo
echo "== qunsu run: the stream in event time (the alert events; drafts and complaint ids left out here)"
"$Q" run --quiet --in corpora/sample.jsonl --out "$tmp/events.jsonl"
grep '"event":"alert"' "$tmp/events.jsonl" | sed 's/,"draft":"[^"]*"//; s/,"complaint_ids":\[[^]]*\]//'

echo
echo "== the first consumer-warning draft"
grep '"type":"warning"' "$tmp/events.jsonl" | head -n 1 |
    sed 's/.*"draft":"\([^"]*\)".*/\1/' | sed 's/\\n/\n/g'

echo
echo "== qunsu run --state (durable, resumable), the alert list and the report"
"$Q" run --quiet --in corpora/sample.jsonl --state "$tmp/state" --out "$tmp/state-events.jsonl"
"$Q" alerts --state "$tmp/state" --format table
"$Q" report --state "$tmp/state" --format md --from 2026-10-24 --to 2026-11-29 | head -n 60

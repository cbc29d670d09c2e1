#!/bin/sh
# `qunsu train-spans` fits the bare-name scorer deterministically: the same
# labelled data give a byte-identical model file that names every feature,
# and the committed model (models/mspan.model) has the same features, so
# the engine that reads it and the one that wrote it agree.
set -e
. tests/scripts/lib/fails.sh
: "${QUNSU:?}"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$QUNSU" train-spans --in corpora/hand/bare-train.jsonl --out "$d/a.model" --dump "$d/dump.tsv" 2>"$d/log"
"$QUNSU" train-spans --in corpora/hand/bare-train.jsonl --out "$d/b.model" 2>>"$d/log"
cmp "$d/a.model" "$d/b.model"
head -n 1 "$d/a.model" | grep -q '^qunsu-mspan 1$'
grep -q '^threshold 0.350$' "$d/a.model"
# the same feature names, in the same order, as the committed model
grep -v '^#\|^qunsu\|^threshold' "$d/a.model" | cut -d' ' -f1 > "$d/names.a"
grep -v '^#\|^qunsu\|^threshold' models/mspan.model | cut -d' ' -f1 > "$d/names.m"
cmp "$d/names.a" "$d/names.m"
# every candidate dumped with its label: some business names among them
grep -q '^1	' "$d/dump.tsv"
grep -q '^0	' "$d/dump.tsv"
# a bad threshold is refused
fails "$QUNSU" train-spans --in corpora/hand/bare-train.jsonl --out "$d/c.model" --threshold 2 2>/dev/null
echo "train-spans: ok"

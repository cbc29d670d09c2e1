#!/bin/sh
# corpora/demo.sh QUNSU: the main job on the bundled sample corpus.
set -e
Q=${1:-build/qunsu}
cd "$(dirname "$0")/.."
echo "== qunsu validate corpora/sample.jsonl"
"$Q" validate --in corpora/sample.jsonl
echo "== qunsu segment (the complaint texts of corpora/sample.jsonl)"
sed -n 's/.*"text":"\([^"]*\)".*/\1/p' corpora/sample.jsonl | "$Q" segment

#!/bin/sh
# corpora/demo.sh QUNSU: the main job on the bundled sample corpus.
set -e
Q=${1:-build/qunsu}
cd "$(dirname "$0")/.."
echo "== qunsu validate corpora/sample.jsonl"
"$Q" validate --in corpora/sample.jsonl
echo "== qunsu run corpora/sample.jsonl (events on stdout, counters on stderr)"
"$Q" run --in corpora/sample.jsonl

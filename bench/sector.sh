#!/bin/sh
# bench/sector.sh BUILD_DIR: the merchant's sector (`qunsu extract`) taken
# apart: accuracy, the share lost because no merchant was found, per-sector
# recall/precision and the confusions, on
#  1. the hand-written merchant sets corpora/hand/merchant-dev*.jsonl, their
#     "-d" records only ("-t" records are kept aside for the end);
#  2. corpora/dev-heldout.jsonl (generated, never trained on).
# The hand-written evaluation set is scored by bench/extract.sh only, in
# aggregate; bench/sector_cv.sh measures the learned sector
# (models/sector.model) on hand-written sets it was not trained on.
set -e
B=${1:-build}
Q=$B/qunsu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in corpora/hand/merchant-dev*.jsonl; do
    echo "== sector on $f (ids ending -d)"
    "$Q" extract --in "$f" --out "$tmp/out.jsonl" 2>/dev/null
    python3 bench/sector_score.py "$f" "$tmp/out.jsonl" -d
done
echo "== sector on corpora/dev-heldout.jsonl (generated, held out)"
"$Q" extract --in corpora/dev-heldout.jsonl --out "$tmp/out.jsonl" 2>/dev/null
python3 bench/sector_score.py corpora/dev-heldout.jsonl "$tmp/out.jsonl"

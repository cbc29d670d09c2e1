#!/bin/sh
# Heavily out-of-order input (the dev corpus is not sorted by time) must run
# clean through the whole pipeline: late records touch merchants whose other
# state the watermark has already expired.
set -e
. tests/scripts/lib/fails.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -400 corpora/dev.jsonl >"$tmp/in.jsonl"
"$QUNSU" run --in "$tmp/in.jsonl" --out "$tmp/out.jsonl" 2>"$tmp/err"
n=$(grep -c '"event":"complaint"' "$tmp/out.jsonl")
[ "$n" -eq 400 ] || { echo "expected 400 complaint events, got $n"; exit 1; }
grep -q very_late "$tmp/err" || { echo "no very_late counter on stderr"; cat "$tmp/err"; exit 1; }
fails grep -q Sanitizer "$tmp/err"

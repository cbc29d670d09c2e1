#!/bin/sh
# `qunsu train-tagger` fits the character tagger of names deterministically
# (the same labelled data and seed give a byte-identical file, of the
# committed model's format), refuses bad options and input without gold
# mentions, and `extract` with the tagger finds a bare name at the head of a
# complaint that the lexicon passes and the span scorer leave; gold
# mentions that fall on no character are reported; a damaged model, a
# directory or a device in its place is refused with a message.
set -e
: "${QUNSU:?}"
. tests/scripts/lib/fails.sh
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
"$QUNSU" train-tagger --in corpora/hand/bare-train.jsonl --out "$d/a.model" --epochs 3 2>"$d/log"
"$QUNSU" train-tagger --in corpora/hand/bare-train.jsonl --out "$d/b.model" --epochs 3 2>>"$d/log"
cmp "$d/a.model" "$d/b.model"
grep -q '^texts [0-9]*, 3 passes; wrote' "$d/log"
# the committed model's header line: the same format and feature count
head -n 1 "$d/a.model" > "$d/head.a"
head -n 1 models/ctag.model > "$d/head.m"
cmp "$d/head.a" "$d/head.m"
[ "$(wc -c < "$d/a.model" | tr -d ' ')" -gt 3000000 ]
# another seed orders the texts differently
"$QUNSU" train-tagger --in corpora/hand/bare-train.jsonl --out "$d/c.model" --epochs 3 --seed 2 2>/dev/null
fails cmp -s "$d/a.model" "$d/c.model"
# bad options and input without gold mentions are refused with a message
fails "$QUNSU" train-tagger --in corpora/hand/bare-train.jsonl --out "$d/e.model" --epochs 0 2>"$d/err"
grep -q 'epochs' "$d/err"
printf '{"id":"x","text":"在金鼎健身办卡"}\n' > "$d/plain.jsonl"
fails "$QUNSU" train-tagger --in "$d/plain.jsonl" --out "$d/f.model" 2>"$d/err"
grep -q 'no labelled records' "$d/err"
[ ! -e "$d/f.model" ]
# gold mentions whose offsets are no code points of their text are counted
# and said, not learned from in silence
printf '{"id":"a","text":"在金鼎健身办卡","gold":{"mentions":[{"start":1,"end":5},{"start":9,"end":12}]}}\n' |
    "$QUNSU" train-tagger --out "$d/g.model" --epochs 1 2>"$d/err"
grep -q '1 gold mentions left out' "$d/err"
# a directory or a device where the model should be: refused, named
fails "$QUNSU" extract --tagger "$d" --in "$d/plain.jsonl" >/dev/null 2>"$d/err"
grep -q 'cannot open tagger model .*: Is a directory' "$d/err"
fails "$QUNSU" extract --tagger /dev/null --in "$d/plain.jsonl" >/dev/null 2>"$d/err"
grep -q 'not a regular file' "$d/err"
# a short complaint that opens with a bare name: the tagger's find
printf '{"id":"a","received_at":"2026-11-03T10:00:00+08:00","text":"阿婆便肉 扁肉里吃出半截烟头 老板不认"}\n' |
    "$QUNSU" extract 2>/dev/null | grep -q '"merchant":{"name":"阿婆便肉"'
# a damaged tagger model stops extract with a message naming it (QUNSU_HOME
# folders come first); output is never written from a half-loaded engine
mkdir -p "$d/home/models"
head -c 1000 models/ctag.model > "$d/home/models/ctag.model"
printf '{"id":"a","text":"在金鼎健身办卡"}\n' > "$d/one.jsonl"
QUNSU_HOME=$d/home fails "$QUNSU" extract --in "$d/one.jsonl" --out "$d/one.out" 2>"$d/err"
grep -q 'ctag.model is no tagger model of this version or is damaged' "$d/err"
[ ! -s "$d/one.out" ]
echo "train-tagger: ok"

#!/bin/sh
# segment_keeps_text.sh BUILD_DIR: `qunsu segment` prints every non-space
# character of its input unchanged and in order, one line per input line,
# tokens separated by single spaces, on mixed text (JSON work orders,
# full-width forms, symbols, emoji, accented Latin).
set -e
Q=${QUNSU:-$(pwd)/$1/qunsu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
    cat corpora/sample.jsonl
    printf 'ＡＢＣ１２３　全角！＠＃ ½ ①②③ café naïve Straße 😀👍 €100 ¥２００ 〇一二\n'
    printf '\n\t \n第１０８条ａ\n'
} >"$tmp/in"
"$Q" segment --in "$tmp/in" >"$tmp/out"
[ "$(wc -l <"$tmp/in")" -eq "$(wc -l <"$tmp/out")" ] || { echo "line counts differ"; exit 1; }
# white space in: ASCII blanks and the ideographic space U+3000
sed 's/\xe3\x80\x80//g' "$tmp/in" | tr -d ' \t\r\n' >"$tmp/a"
tr -d ' \n' <"$tmp/out" >"$tmp/b"
cmp "$tmp/a" "$tmp/b" || { echo "characters changed"; exit 1; }
if grep -q '  \|^ \| $' "$tmp/out"; then echo "bad spacing"; exit 1; fi

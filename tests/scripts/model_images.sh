#!/bin/sh
# The compiled model images (data/issue.bin, data/sector.bin) change no
# output: `qunsu extract` with them writes what it writes reading the model
# texts alone; an image made from another text (a model retrained since) is
# ignored; an image of the text that is damaged is refused with a message.
# QUNSU_HOME points at a folder whose models/ and data/ files come first.
set -e
B=${1:-build/san}
Q=${QUNSU:-$B/qunsu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in=corpora/sample.jsonl
fail=0

"$Q" extract --in "$in" --out "$tmp/images.out" 2>/dev/null
# files that are no image at all: the texts are read
mkdir -p "$tmp/noimg/data"
echo "not an image" >"$tmp/noimg/data/issue.bin"
echo "not an image" >"$tmp/noimg/data/sector.bin"
QUNSU_HOME=$tmp/noimg "$Q" extract --in "$in" --out "$tmp/text.out" 2>/dev/null
cmp -s "$tmp/images.out" "$tmp/text.out" || { echo "output read with the images differs from the texts'"; fail=1; }

# retrained models (one weight of the first feature row changed, the
# temperature too): the build's images are of other texts
mkdir -p "$tmp/new/models" "$tmp/new2/models" "$tmp/new2/data"
for m in issue sector; do
    awk 'BEGIN { FS = OFS = "\t" }
         !done && ($1 == "f" || (NF == 2 && $2 ~ /^[0-9]+:/)) { sub(/:-?[0-9.]+/, ":0.75", $NF); done = 1 }
         /^temperature / { $0 = "temperature 1.3" }
         { print }' "models/$m.model" >"$tmp/new/models/$m.model"
    cmp -s "models/$m.model" "$tmp/new/models/$m.model" && { echo "$m.model was not changed"; fail=1; }
    cp "$tmp/new/models/$m.model" "$tmp/new2/models/"
    echo "not an image" >"$tmp/new2/data/$m.bin"
done
QUNSU_HOME=$tmp/new "$Q" extract --in "$in" --out "$tmp/stale.out" 2>/dev/null
QUNSU_HOME=$tmp/new2 "$Q" extract --in "$in" --out "$tmp/new.out" 2>/dev/null
cmp -s "$tmp/stale.out" "$tmp/new.out" || { echo "a stale image was used"; fail=1; }

# damaged images of the very texts (cut short, or a byte too long): refused, named
for m in issue sector; do
    for how in short long; do
        d=$tmp/bad-$m-$how/data
        mkdir -p "$d"
        img=$(dirname "$Q")/data/$m.bin
        [ -s "$img" ] || { echo "no $img"; fail=1; continue; }
        size=$(wc -c <"$img")
        if [ $how = short ]; then
            head -c $((size - 24)) "$img" >"$d/$m.bin"
        else
            { cat "$img"; printf x; } >"$d/$m.bin"
        fi
        if QUNSU_HOME=$tmp/bad-$m-$how "$Q" extract --in "$in" --out /dev/null 2>"$tmp/bad.err"; then
            echo "a damaged ($how) $m.bin was accepted"; fail=1
        elif ! grep -q "damaged" "$tmp/bad.err"; then
            echo "a damaged ($how) $m.bin: no clear message: $(tail -1 "$tmp/bad.err")"; fail=1
        fi
    done
done
exit $fail

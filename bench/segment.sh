#!/bin/sh
# bench/segment.sh BUILD_DIR: word segmentation, ours against jieba (Debian
# python3-jieba, default mode with HMM, /usr/bin/python3) and ICU's word
# break, in the same run on the same machine. All three are single-threaded
# (one core); each runs three times and the fastest run counts, since the
# machine may be shared.
#   accuracy:   SIGHAN 2005 PKU test set, word-span precision/recall/F1
#               (bench/score_seg.py, the bakeoff scoring)
#   throughput: MB/s of UTF-8 input over the segmentation alone: for qunsu
#               the time inside seg_run (--stats), for jieba the time of the
#               jieba.cut loop after jieba.initialize() (no interpreter
#               start-up, no dictionary load), for ICU the break-iterator
#               loop; output writing is excluded for all three
#   qunsu:      dictionary load time and peak RSS (/usr/bin/time -v)
# Data: ../shared/data (public, measurement only); skips when absent.
set -u
B=${1:-build}
D=../shared/data/sighan2005-pku
R=../shared/data/reviews
if [ ! -f "$D/pku_test.utf8" ] || [ ! -f "$D/pku_test_gold.utf8" ]; then
    echo "segment bench: skipped ($D not present)"
    exit 0
fi
Q=$B/qunsu
ICU=$B/bench/icu_wordbreak
PY=/usr/bin/python3
for f in "$Q" "$ICU"; do
    [ -x "$f" ] || { echo "segment bench: $f missing (run make bench)"; exit 1; }
done
have_jieba=1
$PY -c 'import jieba' 2>/dev/null || have_jieba=0
TIME=
[ -x /usr/bin/time ] && TIME="/usr/bin/time -v"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Throughput input: the PKU test text five times (2.5 MB), so that timing is
# not dominated by start-up effects; the first copy is what gets scored.
n=$(wc -l <"$D/pku_test.utf8")
for i in 1 2 3 4 5; do cat "$D/pku_test.utf8"; done >"$tmp/pku5"

best_of3() { # outfile errfile command...: run three times, keep the fastest run's stderr
    o=$1 e=$2
    shift 2
    best=
    for k in 1 2 3; do
        "$@" >"$o" 2>"$e.$k" || return 1
        t=$(sed -n 's/^segmented [0-9]* bytes in \([0-9.]*\) s$/\1/p; s/.* bytes segmented in \([0-9.]*\) s.*/\1/p' "$e.$k" | tail -1)
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
            cp "$e.$k" "$e"
        fi
    done
}

mbps() { # bytes seconds
    awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.2f", b / 1e6 / s; else print "-" }'
}
secs_of() { # stderr file of a baseline: "segmented N bytes in T s"
    sed -n 's/^segmented \([0-9]*\) bytes in \([0-9.]*\) s$/\1 \2/p' "$1" | tail -1
}

# qunsu
best_of3 "$tmp/q.out" "$tmp/q.err" nice $TIME "$Q" segment --stats --in "$tmp/pku5" ||
    { echo "segment bench: qunsu failed"; cat "$tmp/q.err.1"; exit 1; }
head -n "$n" "$tmp/q.out" >"$tmp/q.seg"
q_score=$(python3 bench/score_seg.py "$D/pku_test_gold.utf8" "$tmp/q.seg")
q_line=$(grep '^dictionary load' "$tmp/q.err")
q_load=$(echo "$q_line" | sed 's/^dictionary load \([0-9.]*\) ms.*/\1/')
q_bytes=$(echo "$q_line" | sed 's/.* \([0-9]*\) bytes segmented in \([0-9.]*\) s.*/\1/')
q_secs=$(echo "$q_line" | sed 's/.* bytes segmented in \([0-9.]*\) s.*/\1/')
q_mbps=$(mbps "$q_bytes" "$q_secs")
q_rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/q.err")

# ICU
best_of3 "$tmp/i.out" "$tmp/i.err" nice "$ICU" --in "$tmp/pku5"
head -n "$n" "$tmp/i.out" >"$tmp/i.seg"
i_score=$(python3 bench/score_seg.py "$D/pku_test_gold.utf8" "$tmp/i.seg")
set -- $(secs_of "$tmp/i.err")
i_mbps=$(mbps "$1" "$2")

# jieba
j_score="- - - - -"
j_mbps=-
if [ $have_jieba = 1 ]; then
    best_of3 "$tmp/j.out" "$tmp/j.err" nice $PY bench/jieba_cut.py "$tmp/pku5"
    head -n "$n" "$tmp/j.out" >"$tmp/j.seg"
    j_score=$(python3 bench/score_seg.py "$D/pku_test_gold.utf8" "$tmp/j.seg")
    set -- $(secs_of "$tmp/j.err")
    j_mbps=$(mbps "$1" "$2")
fi

echo "== segmentation: SIGHAN 2005 PKU test ($n sentences; MB/s on 5 copies, one core, best of 3)"
printf '%-8s %7s %7s %7s %9s %9s\n' system P R F1 MB/s "x jieba"
for s in qunsu jieba icu; do
    case $s in
    qunsu) sc=$q_score; mb=$q_mbps ;;
    jieba) sc=$j_score; mb=$j_mbps ;;
    icu) sc=$i_score; mb=$i_mbps ;;
    esac
    set -- $sc
    ratio=$(awk -v a="$mb" -v b="$j_mbps" 'BEGIN { if (b + 0 > 0 && a + 0 > 0) printf "%.1f", a / b; else print "-" }')
    printf '%-8s %7s %7s %7s %9s %9s\n' $s "$1" "$2" "$3" "$mb" "$ratio"
done
[ $have_jieba = 1 ] || echo "(jieba not importable from $PY: install python3-jieba)"
echo "qunsu dictionary load: $q_load ms; peak RSS: ${q_rss:-?} kB"

# Real complaint language: consumer reviews (throughput only).
if [ -f "$R/waimai_10k.csv" ] && [ -f "$R/online_shopping_10_cats.csv" ]; then
    python3 - "$R" "$tmp/rev" <<'PY'
import csv, sys
r, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as o:
    for name, col, limit in (("waimai_10k.csv", 1, None), ("online_shopping_10_cats.csv", 2, 20000)):
        with open(r + "/" + name, encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            next(rows)
            for i, row in enumerate(rows):
                if limit is not None and i >= limit:
                    break
                if len(row) > col:
                    o.write(" ".join(row[col].split()) + "\n")
PY
    best_of3 /dev/null "$tmp/qr.err" nice "$Q" segment --stats --in "$tmp/rev"
    qr=$(sed -n 's/.*(\([0-9.]*\) MB\/s).*/\1/p' "$tmp/qr.err")
    best_of3 /dev/null "$tmp/ir.err" nice "$ICU" --in "$tmp/rev"
    set -- $(secs_of "$tmp/ir.err")
    ir=$(mbps "$1" "$2")
    jr=-
    if [ $have_jieba = 1 ]; then
        best_of3 /dev/null "$tmp/jr.err" nice $PY bench/jieba_cut.py "$tmp/rev"
        set -- $(secs_of "$tmp/jr.err")
        jr=$(mbps "$1" "$2")
    fi
    echo "== segmentation speed on consumer reviews ($(wc -c <"$tmp/rev") bytes, $(wc -l <"$tmp/rev") reviews)"
    printf 'MB/s: qunsu %s, jieba %s, icu %s\n' "$qr" "$jr" "$ir"
else
    echo "(reviews not present: review throughput skipped)"
fi

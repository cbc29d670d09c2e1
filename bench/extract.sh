#!/bin/sh
# bench/extract.sh BUILD_DIR: the whole extraction (`qunsu extract`) measured.
#  1. corpora/dev-heldout.jsonl (gold, never trained on): mention P/R/F1
#     (exact spans), merchant-name accuracy, key B-cubed P/R/F1, sector
#     accuracy, issue accuracy and macro-F1, tag micro-F1.
#  2. corpora/eval/handwritten.jsonl: the same figures on hand-written orders
#     that no generator made (the honest measure of generalisation).
#  3. corpora/hand/merchant-dev*.jsonl (hand-written, independently of the
#     engine): the records whose id ends in -d (rules may be tuned on them)
#     and, apart, those ending in -t (held out, never looked at); then the
#     -t records of all sets pooled, and the key's B-cubed F1 within each
#     set (one writer's stream) averaged over the sets; then the keys of
#     `qunsu run` with each set fed as one stream (bench/run_keys.py).
#  4. CLUENER2020 (../shared/data, public, measurement only): company-mention
#     F1, spans there are inclusive; on the whole file, on its even lines
#     (0-based index % 2 == 0, the half whose errors may be studied) and on
#     its odd lines (the held half, never looked at). Skipped when the
#     folder is absent.
#  5. Throughput in records/s on ~300-character records.
set -e
B=${1:-build}
Q=$B/qunsu
cd "$(dirname "$0")/.."
PY=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== qunsu extract on corpora/dev-heldout.jsonl (held-out part of the dev corpus)"
"$Q" extract --in corpora/dev-heldout.jsonl --out "$tmp/heldout.jsonl" 2>/dev/null
$PY bench/score_extract.py gold corpora/dev-heldout.jsonl "$tmp/heldout.jsonl"

echo "== qunsu extract on corpora/eval/handwritten.jsonl (written by hand, independently of the"
echo "   generators and the engine; measurement only, never trained or tuned on)"
"$Q" extract --in corpora/eval/handwritten.jsonl --out "$tmp/eval.jsonl" 2>/dev/null
$PY bench/score_extract.py gold corpora/eval/handwritten.jsonl "$tmp/eval.jsonl"

for f in corpora/hand/merchant-dev*.jsonl; do
    for part in d t; do
        grep -- "-$part\", " "$f" >"$tmp/hand-$part.jsonl" || true
        [ -s "$tmp/hand-$part.jsonl" ] || continue
        if [ $part = d ]; then what="-d records, tuned on"; else what="-t records, held out"; fi
        echo "== qunsu extract on $f ($what)"
        "$Q" extract --in "$tmp/hand-$part.jsonl" --out "$tmp/hand-$part.out" 2>/dev/null
        $PY bench/score_extract.py gold "$tmp/hand-$part.jsonl" "$tmp/hand-$part.out" | tee "$tmp/hand-$part.score"
        if [ $part = t ]; then
            cat "$tmp/hand-t.jsonl" >>"$tmp/pooled-t.jsonl"
            cat "$tmp/hand-t.out" >>"$tmp/pooled-t.out"
            n=$(wc -l <"$tmp/hand-t.jsonl")
            sed -n 's/.*merchant key .*F1 \([0-9.]*\).*/'"$n"' \1/p' "$tmp/hand-t.score" >>"$tmp/key-t.txt"
        fi
    done
done
# Pooled, a business's 字号 met in two sets (two writers' towns) counts as
# two businesses sharing a key; each set is one stream, so the key is also
# given per set, weighted by its records.
echo "== qunsu extract on the -t records of all hand-written sets, pooled (held out)"
$PY bench/score_extract.py gold "$tmp/pooled-t.jsonl" "$tmp/pooled-t.out"
awk '{ n += $1; s += $1 * $2; if (min == "" || $2 < min) min = $2 }
     END { if (n) printf "   key B-cubed F1 within each set: mean %.3f (weighted by records), lowest %.3f\n", s / n, min }' "$tmp/key-t.txt"

echo "== merchant keys through qunsu run, each hand-written set one stream (the run's merchant table)"
$PY bench/run_keys.py "$Q"

CL=../shared/data/cluener2020/train.jsonl
if [ -f "$CL" ]; then
    echo "== CLUENER2020 train split, company mentions (public data, measurement only)"
    "$Q" extract --in "$CL" --out "$tmp/cluener.jsonl" 2>/dev/null
    $PY bench/score_extract.py cluener "$CL" "$tmp/cluener.jsonl"
    # even lines: the half whose errors may be studied; odd lines: held out
    awk 'NR % 2 == 1' "$CL" >"$tmp/cl-even.jsonl"
    awk 'NR % 2 == 1' "$tmp/cluener.jsonl" >"$tmp/cl-even.out"
    awk 'NR % 2 == 0' "$CL" >"$tmp/cl-odd.jsonl"
    awk 'NR % 2 == 0' "$tmp/cluener.jsonl" >"$tmp/cl-odd.out"
    printf '   even lines (studied):  '
    $PY bench/score_extract.py cluener "$tmp/cl-even.jsonl" "$tmp/cl-even.out"
    printf '   odd lines (held half): '
    $PY bench/score_extract.py cluener "$tmp/cl-odd.jsonl" "$tmp/cl-odd.out"
    echo "   peers on the same labels: a name list 0.57, BiLSTM-CRF 0.72 (CLUENER2020 paper)"
else
    echo "== CLUENER2020: ../shared/data absent, skipped"
fi

echo "== throughput: ~300-character records"
$PY - "$tmp/long.jsonl" <<'PYEOF'
import json, sys
texts = [json.loads(l)["text"] for l in open("corpora/dev.jsonl", encoding="utf-8")]
out = open(sys.argv[1], "w", encoding="utf-8")
n = 0
i = 0
while n < 20000:
    t = ""
    while len(t) < 300:
        t += texts[i % len(texts)]
        i += 1
    out.write(json.dumps({"id": f"T{n}", "text": t[:300]}, ensure_ascii=False) + "\n")
    n += 1
PYEOF
$PY - "$Q" "$tmp/long.jsonl" "$tmp/empty.jsonl" <<'PYEOF'
import resource, statistics, subprocess, sys, time
q, data, empty = sys.argv[1:4]
open(empty, "w").close()


def run(path):
    """CPU and wall seconds of one `qunsu extract` over `path`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    subprocess.run([q, "extract", "--in", path, "--out", "/dev/null"], stderr=subprocess.DEVNULL, check=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


# Three runs each, medians: the machine is shared. Start-up (loading the
# model and lexicons, once per process) is measured on an empty input and
# shown apart from the per-record rate.
full = [run(data) for _ in range(3)]
load = [run(empty) for _ in range(3)]
cpu = statistics.median(c for c, _ in full)
wall = statistics.median(w for _, w in full)
cpu0 = statistics.median(c for c, _ in load)
print(f"   20000 records of 300 characters: {20000 / (cpu - cpu0):,.0f} records/s of CPU time "
      f"after start-up ({cpu - cpu0:.2f} s; start-up {cpu0:.2f} s); with start-up {20000 / cpu:,.0f} "
      f"records/s of CPU time, {20000 / wall:,.0f} wall clock (medians of 3 runs)")
PYEOF

#!/bin/sh
# import-jieba.sh: refresh the base word list and the unknown-word HMM
# parameters from Debian's python3-jieba (MIT licence, see LICENSE.jieba).
# Run from the repository root: sh dicts/base/import-jieba.sh
set -e
J=${JIEBA_DIR:-/usr/lib/python3/dist-packages/jieba}
cp "$J/dict.txt" dicts/base/jieba.dict.txt
/usr/bin/python3 - "$J" >dicts/base/jieba.hmm.tsv <<'PY'
import sys
sys.path.insert(0, sys.argv[1] + "/finalseg")
from prob_start import P as start
from prob_trans import P as trans
from prob_emit import P as emit
print("# jieba finalseg HMM (states B M E S), natural-log probabilities")
for s in "BMES":
    print("start\t%s\t%.6f" % (s, max(start[s], -1e4)))
for a in "BMES":
    for b, p in sorted(trans[a].items()):
        print("trans\t%s%s\t%.6f" % (a, b, p))
chars = sorted(set().union(*[emit[s].keys() for s in "BMES"]))
for c in chars:
    print("emit\t%s\t%s" % (c, "\t".join("%.4f" % emit[s].get(c, -1e4) for s in "BMES")))
PY

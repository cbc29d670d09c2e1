"""jieba_cut.py [FILE]: the jieba baseline for bench/segment.sh (run with
the system /usr/bin/python3, where Debian's python3-jieba lives). Reads lines
from FILE (default stdin), prints jieba.cut (default mode, HMM on) words separated by single
spaces, white space dropped. The dictionary is loaded before the clock
starts and output is collected in memory, so the time printed on stderr is
the segmentation alone, without interpreter start-up or dictionary load."""
import sys
import time

import jieba

jieba.setLogLevel(60)
jieba.initialize()
if len(sys.argv) > 1:
    with open(sys.argv[1], "rb") as f:
        data = f.read()
else:
    data = sys.stdin.buffer.read()
lines = [l.rstrip("\r") for l in data.decode("utf-8").split("\n")]
if lines and lines[-1] == "":
    lines.pop()
t0 = time.perf_counter()
out = [" ".join(w for w in jieba.cut(l) if w.strip()) for l in lines]
t = time.perf_counter() - t0
sys.stdout.write("\n".join(out) + ("\n" if out else ""))
nbytes = sum(len(l.encode("utf-8")) for l in lines)
sys.stderr.write("segmented %d bytes in %.3f s\n" % (nbytes, t))

"""jieba_cut.py [FILE]: the jieba baseline for bench/segment.sh (run with
the system /usr/bin/python3, where Debian's python3-jieba lives). Reads lines
from FILE (default stdin), prints the words of jieba.cut (default mode, HMM
on) separated by single spaces, white space dropped. The dictionary is loaded before the clock
starts and output is collected in memory, so the times printed on stderr
(wall, and CPU of the loop) are the segmentation alone, without interpreter
start-up or dictionary load."""
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
t0, c0 = time.perf_counter(), time.process_time()
out = [" ".join(w for w in jieba.cut(l) if w.strip()) for l in lines]
t, cpu = time.perf_counter() - t0, time.process_time() - c0
sys.stdout.write("\n".join(out) + ("\n" if out else ""))
nbytes = sum(len(l.encode("utf-8")) for l in lines)
sys.stderr.write("segmented %d bytes in %.3f s; loop CPU %.3f s\n" % (nbytes, t, cpu))

#!/usr/bin/env python3
"""score_seg.py GOLD TEST: word-span precision, recall and F1 of a
segmentation against a gold one, the SIGHAN bakeoff way: each line's words
become (start, end) character spans over the text without white space; a
word is correct when its span is in the gold line. Lines must pair up and
carry the same characters. Prints "P R F1 words_gold words_test"."""
import sys


def spans(line):
    out, pos = set(), 0
    for w in line.split():
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out, pos


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: score_seg.py GOLD TEST")
    with open(sys.argv[1], encoding="utf-8") as g, open(sys.argv[2], encoding="utf-8") as t:
        gold, test = g.read().splitlines(), t.read().splitlines()
    if len(gold) != len(test):
        sys.exit("line counts differ: gold %d, test %d" % (len(gold), len(test)))
    ng = nt = nc = 0
    for i, (a, b) in enumerate(zip(gold, test), 1):
        sa, la = spans(a)
        sb, lb = spans(b)
        if "".join(a.split()) != "".join(b.split()):
            sys.exit("line %d: the characters differ from the gold text" % i)
        ng += len(sa)
        nt += len(sb)
        nc += len(sa & sb)
    p = nc / nt if nt else 0.0
    r = nc / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print("%.4f %.4f %.4f %d %d" % (p, r, f, ng, nt))


main()

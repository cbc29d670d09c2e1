#!/usr/bin/env python3
"""Writes the gold-field stream of tests/scripts/emerging_renew.sh to DIR
(deterministic, generated when the test runs):

  twice.jsonl   two months of four trades of 80 businesses each (the
                background of tests/data/emerging_ewma: a complaint every
                twelve days or so per business; beauty salons' safety
                complaints one in ten of theirs); on days 24-26 beauty
                salons' safety complaints rise, ten at ten salons; on days
                38-41, after the first rise's complaints have left the
                window, they rise again, about four a day, each at a salon
                of its own.
  slow.jsonl    the same, but the second rise is slow: from day 36 to
                day 44 about one complaint a day, each at a salon of its
                own (the first rise, were it left in the baseline, would
                hide it).

    python3 tests/data/emerging_renew/make_feed.py DIR
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from streamgen import add_rise, gold_background, write_gold  # noqa: E402

DAYS = 60
SECTORS = {"beauty": (80, ["contract", "advertising", "price"]), "education": (80, ["contract", "advertising"]),
           "fitness": (80, ["contract", "quality"]), "electronics": (80, ["quality", "after_sales"])}
RISES = [(24, 26, 0.2), (38, 41, 0.22)]  # first day, last day, days between complaints
SLOW = [(24, 26, 0.2), (36, 44, 1.0)]


def stream(rises):
    rng = random.Random(5)
    recs = gold_background(rng, SECTORS, DAYS, 0.085, ("beauty", "safety", 0.1))
    k = 0
    for first, last, gap in rises:
        k = add_rise(recs, rng, first, last, lambda _day, g=gap: rng.uniform(g * 0.8, g * 1.2), "beauty", "safety",
                     lambda i: "beauty%03d" % (79 - i), k)
    return recs


def main():
    write_gold(sys.argv[1] + "/twice.jsonl", stream(RISES), "R")
    write_gold(sys.argv[1] + "/slow.jsonl", stream(SLOW), "R")


if __name__ == "__main__":
    main()
